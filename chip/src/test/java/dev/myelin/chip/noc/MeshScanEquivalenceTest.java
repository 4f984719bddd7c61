package dev.myelin.chip.noc;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Mesh} (active bit set, sleeping routers, occupancy masks, requester masks, cycle
 * skipping) against a plain reference written here: every router visited every cycle, FIFOs as
 * deques of packet records, and round-robin as a linear scan from the pointer. On random meshes
 * and random traffic heavy enough to contend, both must deliver the same packets at the same
 * cycles in the same order and end with the same counters, histograms and high-water marks.
 */
class MeshScanEquivalenceTest {

    /** One packet of the reference model. */
    private static final class Pkt {
        final int src;
        final int dst;
        final int tag;
        final int created;
        int injected;
        int ready;

        Pkt(int src, int dst, int tag, int created) {
            this.src = src;
            this.dst = dst;
            this.tag = tag;
            this.created = created;
        }
    }

    /** The straightforward model: the router rules of docs/architecture.md, nothing skipped. */
    private static final class ScanMesh {
        final MeshConfig cfg;
        final int w;
        final int h;
        final int cpr;
        final int ports;
        final List<ArrayDeque<Pkt>> fifo = new ArrayList<>();
        final List<ArrayDeque<Pkt>> queue = new ArrayList<>();
        final int[] roundRobin;
        final long[] linkPackets;
        final int[] highWater;
        final TreeMap<Integer, Long> packetLatency = new TreeMap<>();
        final TreeMap<Integer, Long> networkLatency = new TreeMap<>();
        final TreeMap<Integer, Long> hops = new TreeMap<>();
        final List<String> deliveries = new ArrayList<>();
        long created;
        long injected;
        long ejected;
        long hopTotal;
        long eastWest;
        long northSouth;
        long crossings;
        long stalls;
        int live;
        int now;

        ScanMesh(MeshConfig cfg) {
            this.cfg = cfg;
            w = cfg.width();
            h = cfg.height();
            cpr = cfg.coresPerRouter();
            ports = 4 + cpr;
            for (int f = 0; f < cfg.routers() * ports; f++) {
                fifo.add(new ArrayDeque<>());
            }
            for (int c = 0; c < cfg.cores(); c++) {
                queue.add(new ArrayDeque<>());
            }
            roundRobin = new int[cfg.routers() * ports];
            linkPackets = new long[cfg.routers() * 4];
            highWater = new int[cfg.routers()];
        }

        void send(int src, int dst, int tag, int createdCycle) {
            queue.get(src).add(new Pkt(src, dst, tag, createdCycle));
            created++;
            live++;
        }

        /** Router r's neighbour in direction dir, -1 at the edge. */
        int neighbour(int r, int dir) {
            int x = r % w;
            int y = r / w;
            return switch (dir) {
                case Mesh.EAST -> x + 1 < w ? r + 1 : -1;
                case Mesh.WEST -> x > 0 ? r - 1 : -1;
                case Mesh.NORTH -> y > 0 ? r - w : -1;
                default -> y + 1 < h ? r + w : -1;
            };
        }

        int route(int r, Pkt p) {
            int d = p.dst / cpr;
            int dir = MeshConfig.xyDirection(r % w, r / w, d % w, d / w);
            return dir >= 0 ? dir : 4 + p.dst % cpr;
        }

        void step() {
            List<int[]> moves = new ArrayList<>();  // {kind 0 fifo / 1 inject / 2 bypass, fifo or core, output}
            int[] request = new int[ports];
            for (int r = 0; r < cfg.routers(); r++) {
                int ready = 0;
                for (int i = 0; i < ports; i++) {
                    request[i] = -1;
                    ArrayDeque<Pkt> q = fifo.get(r * ports + i);
                    if (!q.isEmpty()) {
                        if (q.peek().ready <= now) {
                            request[i] = route(r, q.peek());
                        }
                    } else if (i >= 4 && cfg.injectionCycles() == 0) {
                        Pkt p = queue.get(r * cpr + i - 4).peek();
                        if (p != null && p.created <= now) {
                            request[i] = route(r, p);
                        }
                    }
                    if (request[i] >= 0) {
                        ready++;
                    }
                }
                int granted = 0;
                boolean[] bypassed = new boolean[ports];
                for (int o = 0; o < ports; o++) {
                    boolean wanted = false;
                    for (int i = 0; i < ports; i++) {
                        wanted |= request[i] == o;
                    }
                    if (!wanted) {
                        continue;
                    }
                    if (o < 4) {
                        int n = neighbour(r, o);
                        if (n < 0 || fifo.get(n * ports + (o ^ 1)).size() >= cfg.fifoDepth()) {
                            continue;
                        }
                    }
                    int start = roundRobin[r * ports + o];
                    for (int k = 0; k < ports; k++) {
                        int i = (start + k) % ports;
                        if (request[i] == o) {
                            roundRobin[r * ports + o] = (i + 1) % ports;
                            granted++;
                            if (i >= 4 && fifo.get(r * ports + i).isEmpty()) {
                                moves.add(new int[] {2, r * cpr + i - 4, o});
                                bypassed[i] = true;
                            } else {
                                moves.add(new int[] {0, r * ports + i, o});
                            }
                            break;
                        }
                    }
                }
                stalls += ready - granted;
                for (int slot = 0; slot < cpr; slot++) {
                    Pkt p = queue.get(r * cpr + slot).peek();
                    if (p != null && p.created <= now && fifo.get(r * ports + 4 + slot).size() < cfg.fifoDepth()
                            && !bypassed[4 + slot]) {
                        moves.add(new int[] {1, r * cpr + slot, -1});
                    }
                }
            }
            for (int[] m : moves) {
                Pkt p;
                int r;
                if (m[0] == 0) {
                    p = fifo.get(m[1]).poll();
                    r = m[1] / ports;
                } else {
                    p = queue.get(m[1]).poll();
                    r = m[1] / cpr;
                    p.injected = now;
                    injected++;
                    if (m[0] == 1) {
                        p.ready = now + cfg.injectionCycles();
                        push(r * ports + 4 + m[1] % cpr, p);
                        continue;
                    }
                }
                int o = m[2];
                if (o < 4) {
                    int x = r % w;
                    int y = r / w;
                    linkPackets[r * 4 + o]++;
                    if (o <= Mesh.WEST) {
                        eastWest++;
                    } else {
                        northSouth++;
                    }
                    if (cfg.crossesChip(x, y, o)) {
                        crossings++;
                    }
                    p.ready = now + cfg.hopCycles(x, y, o);
                    push(neighbour(r, o) * ports + (o ^ 1), p);
                } else {
                    int arrival = now + cfg.ejectionCycles();
                    int s = p.src / cpr;
                    int d = p.dst / cpr;
                    int n = Math.abs(s % w - d % w) + Math.abs(s / w - d / w);
                    ejected++;
                    hopTotal += n;
                    hops.merge(n, 1L, Long::sum);
                    packetLatency.merge(arrival - p.created, 1L, Long::sum);
                    networkLatency.merge(arrival - p.injected, 1L, Long::sum);
                    deliveries.add(p.tag + "@" + arrival);
                    live--;
                }
            }
            now++;
        }

        void push(int f, Pkt p) {
            ArrayDeque<Pkt> q = fifo.get(f);
            q.add(p);
            int r = f / ports;
            highWater[r] = Math.max(highWater[r], q.size());
        }
    }

    private static void assertSame(String what, Mesh mesh, List<String> delivered, ScanMesh ref) {
        TrafficStats s = mesh.stats();
        assertThat(delivered).as("%s deliveries", what).isEqualTo(ref.deliveries);
        assertThat(List.of(s.messages(), s.injected(), s.ejected(), s.hopTotal(), s.hopsEastWest(),
                s.hopsNorthSouth(), s.chipLinkCrossings(), s.stalls()))
                .as("%s counters", what)
                .isEqualTo(List.of(ref.created, ref.injected, ref.ejected, ref.hopTotal, ref.eastWest,
                        ref.northSouth, ref.crossings, ref.stalls));
        assertThat(s.linkPackets()).as("%s links", what).isEqualTo(ref.linkPackets);
        for (int r = 0; r < ref.highWater.length; r++) {
            assertThat(s.fifoHighWater(r)).as("%s high water %d", what, r).isEqualTo(ref.highWater[r]);
        }
        for (Object[] pair : new Object[][] {{s.hops(), ref.hops}, {s.packetLatency(), ref.packetLatency},
                {s.networkLatency(), ref.networkLatency}}) {
            ExactHistogram hist = (ExactHistogram) pair[0];
            @SuppressWarnings("unchecked")
            TreeMap<Integer, Long> expected = (TreeMap<Integer, Long>) pair[1];
            assertThat(hist.count()).as("%s histogram count", what)
                    .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
            expected.forEach((v, n) -> assertThat(hist.countOf(v)).as("%s histogram at %d", what, v).isEqualTo(n));
        }
    }

    @Test
    void theActiveSetModelMatchesAPlainScanOfEveryRouterOnRandomContendedTraffic() {
        SplittableRandom rnd = new SplittableRandom(2026);
        long contended = 0;
        for (int trial = 0; trial < 120; trial++) {
            int w = 1 + rnd.nextInt(6);
            int h = 1 + rnd.nextInt(6);
            int perRouter = 1 + rnd.nextInt(3);
            MeshConfig cfg = new MeshConfig(w, h, perRouter, 1 + rnd.nextInt(3), 1 + rnd.nextInt(3),
                    1 + rnd.nextInt(3), 1 + rnd.nextInt(3), rnd.nextInt(4), rnd.nextInt(3), rnd.nextInt(3),
                    1 + rnd.nextInt(3));
            Mesh mesh = new Mesh(cfg);
            ScanMesh ref = new ScanMesh(cfg);
            List<String> delivered = new ArrayList<>();
            mesh.setSink((m, id, at) -> delivered.add(m.tag(id) + "@" + at));
            int cores = cfg.cores();
            double rate = 0.05 + 0.6 * rnd.nextDouble();
            int[] lastCreated = new int[cores];
            int tag = 0;
            // lock step: the same packets, some created in the future, then one cycle each
            int cycles = 20 + rnd.nextInt(60);
            for (int c = 0; c < cycles; c++) {
                for (int core = 0; core < cores; core++) {
                    if (rnd.nextDouble() < rate) {
                        // mostly now, some a few cycles ahead, a few more than a turn of the mesh's wake-up wheel ahead
                        int ahead = rnd.nextInt(60) == 0 ? 1000 + rnd.nextInt(1500) : rnd.nextInt(4) == 0 ? rnd.nextInt(15) : 0;
                        int created = Math.max(lastCreated[core], mesh.now() + ahead);
                        lastCreated[core] = created;
                        int dst = rnd.nextInt(cores);
                        mesh.send(core, dst, tag, created);
                        ref.send(core, dst, tag, created);
                        tag++;
                    }
                }
                mesh.step();
                ref.step();
            }
            // the rest: the mesh jumps over idle cycles, the reference walks every one
            mesh.runUntilDrained(1_000_000);
            while (ref.live > 0) {
                ref.step();
            }
            contended += ref.stalls;
            assertSame("trial " + trial, mesh, delivered, ref);
            assertThat(mesh.activeRouters()).isZero();
        }
        // the traffic did contend: stalls (hence round-robin and credits) were exercised
        assertThat(contended).isGreaterThan(1000);
    }
}
