package dev.myelin.chip.noc;

import dev.myelin.isa.arch.ArchParam;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MeshTest {
    /** Arrival cycle of one packet alone on an empty mesh, created at cycle 0. */
    private static int lonePacketLatency(Mesh mesh, int src, int dst) {
        int[] arrival = {-1};
        mesh.setSink((m, id, at) -> arrival[0] = at - m.createdCycle(id));
        mesh.rewind();
        mesh.send(src, dst, 0, 0);
        mesh.runUntilDrained(100_000);
        return arrival[0];
    }

    @Test
    void zeroLoadLatencyIsInjectionPlusHopsTimesHopCyclesPlusEjectionForEveryPairOf4x4() {
        // EW and NS differ so a swapped dimension would show; injection 2, ejection 1
        MeshConfig cfg = new MeshConfig(4, 4, 1, 4, 4, 3, 5, 0, 2, 1, 8);
        Mesh mesh = new Mesh(cfg);
        for (int s = 0; s < 16; s++) {
            for (int d = 0; d < 16; d++) {
                int expected = 2 + 3 * Math.abs(s % 4 - d % 4) + 5 * Math.abs(s / 4 - d / 4) + 1;
                assertThat(lonePacketLatency(mesh, s, d)).as("%d -> %d", s, d).isEqualTo(expected);
            }
        }
        assertThat(mesh.stats().ejected()).isEqualTo(256);
    }

    @Test
    void zeroInjectionAndEjectionCyclesStillFollowTheFormula() {
        MeshConfig cfg = new MeshConfig(4, 4, 1, 4, 4, 1, 2, 0, 0, 0, 2);
        Mesh mesh = new Mesh(cfg);
        for (int s = 0; s < 16; s++) {
            for (int d = 0; d < 16; d++) {
                int expected = Math.abs(s % 4 - d % 4) + 2 * Math.abs(s / 4 - d / 4);
                assertThat(lonePacketLatency(mesh, s, d)).as("%d -> %d", s, d).isEqualTo(expected);
            }
        }
    }

    @Test
    void hopsCrossingAChipBoundaryCostTheChipLinkCycles() {
        // a board of 2 x 2 chips, each 2 x 2 routers: 4 x 4 routers, boundaries between columns 1|2 and rows 1|2
        MeshConfig cfg = new MeshConfig(4, 4, 1, 2, 2, 2, 2, 20, 2, 1, 4);
        Mesh mesh = new Mesh(cfg);
        // (0,0) -> (3,3): 6 hops, one x crossing and one y crossing
        assertThat(lonePacketLatency(mesh, 0, 15)).isEqualTo(2 + 6 * 2 + 2 * 20 + 1);
        assertThat(mesh.stats().chipLinkCrossings()).isEqualTo(2);
        // (0,0) -> (1,1): stays on the first chip
        assertThat(lonePacketLatency(mesh, 0, 5)).isEqualTo(2 + 2 * 2 + 1);
        assertThat(cfg.zeroLoadCycles(0, 15)).isEqualTo(2 + 6 * 2 + 2 * 20 + 1);
    }

    @Test
    void aBoardOfTwoByTwoTrueNorthChipsIsOne128x128MeshWithSlowerChipLinks() {
        Architecture board = Presets.require("truenorth").toBuilder()
                .set(ArchParam.CHIPS_X, 2).set(ArchParam.CHIPS_Y, 2).build("test");
        MeshConfig cfg = MeshConfig.of(board);
        assertThat(cfg.width()).isEqualTo(128);
        assertThat(cfg.height()).isEqualTo(128);
        Mesh mesh = new Mesh(cfg);
        // TrueNorth: injection 2, hop 2, ejection 1, chip link 20 extra
        // (63,0) -> (64,0): one hop, across the boundary between the two chips of the top row
        assertThat(lonePacketLatency(mesh, 63, 64)).isEqualTo(2 + 2 + 20 + 1);
        // (62,0) -> (63,0): one hop on chip
        assertThat(lonePacketLatency(mesh, 62, 63)).isEqualTo(2 + 2 + 1);
        // (0,0) -> (127,127): 254 hops, one x and one y crossing
        assertThat(lonePacketLatency(mesh, 0, 128 * 128 - 1)).isEqualTo(2 + 254 * 2 + 2 * 20 + 1);
        assertThat(mesh.stats().chipLinkCrossings()).isEqualTo(1 + 2);
    }

    @Test
    void coresSharingARouterEachHaveTheirOwnPorts() {
        MeshConfig cfg = new MeshConfig(2, 1, 4, 2, 1, 3, 3, 0, 1, 1, 4);
        Mesh mesh = new Mesh(cfg);
        // core 2 (router 0, slot 2) to core 7 (router 1, slot 3): one hop
        assertThat(lonePacketLatency(mesh, 2, 7)).isEqualTo(1 + 3 + 1);
        // core 1 to core 3: same router, 0 hops
        assertThat(lonePacketLatency(mesh, 1, 3)).isEqualTo(1 + 1);
    }

    @Test
    void aStreamThroughOneLinkIsPipelinedOnePacketPerCycle() {
        // 10 packets queued at once at router 0 for router 1: the last leaves 9 cycles after the first
        MeshConfig cfg = MeshConfig.single(2, 1, 3, 2, 1, 8);
        Mesh mesh = new Mesh(cfg);
        List<Integer> arrivals = new ArrayList<>();
        mesh.setSink((m, id, at) -> arrivals.add(at));
        for (int i = 0; i < 10; i++) {
            mesh.send(0, 1, i, 0);
        }
        mesh.runUntilDrained(1000);
        int first = 2 + 3 + 1;
        assertThat(arrivals).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(arrivals.get(i)).isEqualTo(first + i);
        }
        assertThat(mesh.stats().linkPackets(0, Mesh.EAST)).isEqualTo(10);
        assertThat(mesh.stats().linkPackets(1, Mesh.WEST)).isZero();
    }

    @Test
    void twoInputsContendingForOneOutputAlternateRoundRobin() {
        // routers 0 and 2 both send to router 1 (from west and east); router 1's ejection port takes one a cycle
        MeshConfig cfg = MeshConfig.single(3, 1, 1, 1, 0, 8);
        Mesh mesh = new Mesh(cfg);
        List<Integer> order = new ArrayList<>();
        mesh.setSink((m, id, at) -> order.add(m.sourceCore(id)));
        for (int i = 0; i < 4; i++) {
            mesh.send(0, 1, 0, 0);
            mesh.send(2, 1, 0, 0);
        }
        mesh.runUntilDrained(1000);
        // both streams reach router 1 one packet a cycle from cycle 2; the east input (port 0) wins
        // first, then they alternate; grants at cycles 2..9, and in each of cycles 2..8 one ready
        // head loses: 7 stalls
        assertThat(order).containsExactly(2, 0, 2, 0, 2, 0, 2, 0);
        assertThat(mesh.stats().stalls()).isEqualTo(7);
    }

    @Test
    void idleRoutersAreNotVisited() {
        Mesh mesh = new Mesh(MeshConfig.single(8, 8, 3, 2, 1, 8));
        assertThat(mesh.activeRouters()).isZero();
        mesh.send(0, 1, 0, 0);
        assertThat(mesh.activeRouters()).isEqualTo(1);
        assertThat(mesh.step()).isEqualTo(1);
        mesh.runUntilDrained(1000);
        assertThat(mesh.activeRouters()).isZero();
        assertThat(mesh.step()).isZero();
    }

    @Test
    void uncontendedMessagesCountWhatWalkingTheirPathsHopByHopAndTheRouterModelCount() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        for (int trial = 0; trial < 40; trial++) {
            int w = 1 + rnd.nextInt(9);
            int h = 1 + rnd.nextInt(9);
            int perRouter = 1 + rnd.nextInt(3);
            MeshConfig cfg = new MeshConfig(w, h, perRouter, 1 + rnd.nextInt(4), 1 + rnd.nextInt(4),
                    1 + rnd.nextInt(3), 1 + rnd.nextInt(3), rnd.nextInt(30), rnd.nextInt(3), rnd.nextInt(3), 4,
                    rnd.nextInt(5), rnd.nextInt(5));
            Mesh mesh = new Mesh(cfg);
            // the same messages through the cycle-by-cycle router model: every count must agree
            Mesh cycled = new Mesh(cfg);
            int links = cfg.routers() * Mesh.DIRECTIONS;
            long[] perLink = new long[links];
            long crossings = 0;
            long hops = 0;
            long eastWest = 0;
            long latencySum = 0;
            int[] path = new int[w + h];
            int messages = rnd.nextInt(200);
            // the same messages again, recorded once per (source, target) pair with its count
            Mesh grouped = new Mesh(cfg);
            int[] pairCount = new int[cfg.cores() * cfg.cores()];
            for (int m = 0; m < messages; m++) {
                int src = rnd.nextInt(cfg.cores());
                int dst = rnd.nextInt(cfg.cores());
                mesh.recordUncontended(src, dst);
                pairCount[src * cfg.cores() + dst]++;
                cycled.send(src, dst, m, 0);
                int n = mesh.pathLinks(src, dst, path);
                for (int i = 0; i < n; i++) {
                    perLink[path[i]]++;
                    if (path[i] % Mesh.DIRECTIONS <= Mesh.WEST) {
                        eastWest++;
                    }
                    int r = path[i] / Mesh.DIRECTIONS;
                    if (cfg.crossesChip(r % w, r / w, path[i] % Mesh.DIRECTIONS)) {
                        crossings++;
                    }
                }
                hops += n;
                latencySum += cfg.zeroLoadCycles(src / perRouter, dst / perRouter);
            }
            for (int pair = 0; pair < pairCount.length; pair++) {
                if (pairCount[pair] > 0) {
                    grouped.recordUncontended(pair / cfg.cores(), pair % cfg.cores(), pairCount[pair]);
                }
            }
            TrafficStats s = mesh.stats();
            TrafficStats g = grouped.stats();
            assertThat(g.linkPackets()).as("trial %d grouped links", trial).isEqualTo(s.linkPackets());
            assertThat(List.of(g.messages(), g.injected(), g.ejected(), g.hopTotal(), g.hopsEastWest(),
                    g.hopsNorthSouth(), g.chipLinkCrossings()))
                    .as("trial %d grouped counters", trial)
                    .isEqualTo(List.of(s.messages(), s.injected(), s.ejected(), s.hopTotal(), s.hopsEastWest(),
                            s.hopsNorthSouth(), s.chipLinkCrossings()));
            for (ExactHistogram[] pairOf : new ExactHistogram[][] {{g.hops(), s.hops()},
                    {g.packetLatency(), s.packetLatency()}, {g.networkLatency(), s.networkLatency()}}) {
                assertThat(pairOf[0].summary()).isEqualTo(pairOf[1].summary());
                assertThat(pairOf[0].sum()).isEqualTo(pairOf[1].sum());
                for (int v = 0; v <= Math.max(0, pairOf[1].max()); v++) {
                    assertThat(pairOf[0].countOf(v)).isEqualTo(pairOf[1].countOf(v));
                }
            }
            cycled.runUntilDrained(1 << 20);
            TrafficStats c = cycled.stats();
            for (int l = 0; l < links; l++) {
                assertThat(s.linkPackets(l / Mesh.DIRECTIONS, l % Mesh.DIRECTIONS)).as("trial %d link %d", trial, l)
                        .isEqualTo(perLink[l]);
            }
            assertThat(c.linkPackets()).isEqualTo(s.linkPackets());
            for (TrafficStats t : new TrafficStats[] {s, c}) {
                assertThat(t.chipLinkCrossings()).isEqualTo(crossings);
                assertThat(t.hopTotal()).isEqualTo(hops);
                assertThat(t.hopsEastWest()).isEqualTo(eastWest);
                assertThat(t.hopsNorthSouth()).isEqualTo(hops - eastWest);
                assertThat(t.messages()).isEqualTo(messages);
            }
            assertThat(s.packetLatency().sum()).isEqualTo(latencySum);
            assertThat(s.networkLatency().sum()).isEqualTo(latencySum);
            // a second batch after a reset starts from zero
            s.reset();
            if (cfg.cores() > 1) {
                mesh.recordUncontended(0, cfg.cores() - 1);
                int n = mesh.pathLinks(0, cfg.cores() - 1, path);
                long total = 0;
                for (int l = 0; l < links; l++) {
                    total += mesh.stats().linkPackets(l / Mesh.DIRECTIONS, l % Mesh.DIRECTIONS);
                }
                assertThat(total).isEqualTo(n);
            }
        }
    }
}
