package dev.myelin.chip.noc;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Property test as seeded loops: whatever the mesh and the load, every packet arrives exactly once where it was sent. */
class ConservationTest {
    @Test
    void everyInjectedPacketIsEjectedExactlyOnceAtItsDestination() {
        for (long seed = 1; seed <= 60; seed++) {
            checkOneRandomMesh(seed);
        }
    }

    private static void checkOneRandomMesh(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int w = 1 + rng.nextInt(6);
        int h = 1 + rng.nextInt(6);
        int chipX = 1 + rng.nextInt(w);
        int chipY = 1 + rng.nextInt(h);
        MeshConfig cfg = new MeshConfig(w, h, 1 + rng.nextInt(4), chipX, chipY, 1 + rng.nextInt(4),
                1 + rng.nextInt(4), rng.nextInt(6), rng.nextInt(3), rng.nextInt(3), 1 + rng.nextInt(4));
        Mesh mesh = new Mesh(cfg);
        int cores = cfg.cores();
        int packets = 1 + rng.nextInt(3000);
        int[] dst = new int[packets];
        int[] src = new int[packets];
        int[] created = new int[packets];
        int[] arrivals = new int[packets];
        int[] wrongCore = {0};
        mesh.setSink((m, id, at) -> {
            int tag = m.tag(id);
            arrivals[tag]++;
            if (m.destinationCore(id) != dst[tag] || m.sourceCore(id) != src[tag]) {
                wrongCore[0]++;
            }
            // never faster than the zero-load formula
            assertThat(at - m.createdCycle(id))
                    .isGreaterThanOrEqualTo((int) cfg.zeroLoadCycles(src[tag] / cfg.coresPerRouter(),
                            dst[tag] / cfg.coresPerRouter()));
        });
        // bursts of random size at random cycles: from idle to far past saturation
        int sent = 0;
        int cycle = 0;
        while (sent < packets) {
            int burst = Math.min(packets - sent, rng.nextInt(2 * cores + 1));
            for (int i = 0; i < burst; i++, sent++) {
                src[sent] = rng.nextInt(cores);
                dst[sent] = rng.nextInt(cores);
                created[sent] = cycle;
                mesh.send(src[sent], dst[sent], sent, cycle);
            }
            for (int k = rng.nextInt(4); k > 0; k--) {
                mesh.step();
                cycle++;
            }
        }
        mesh.runUntilDrained(10_000_000);
        for (int i = 0; i < packets; i++) {
            assertThat(arrivals[i]).as("seed %d packet %d", seed, i).isEqualTo(1);
        }
        assertThat(wrongCore[0]).as("seed %d", seed).isZero();
        TrafficStats s = mesh.stats();
        assertThat(s.messages()).isEqualTo(packets);
        assertThat(s.injected()).isEqualTo(packets);
        assertThat(s.ejected()).isEqualTo(packets);
        assertThat(mesh.inFlight()).isZero();
        assertThat(mesh.activeRouters()).isZero();
        long hopSum = 0;
        long linkSum = 0;
        for (int i = 0; i < packets; i++) {
            hopSum += cfg.hops(src[i] / cfg.coresPerRouter(), dst[i] / cfg.coresPerRouter());
        }
        for (int r = 0; r < cfg.routers(); r++) {
            assertThat(s.fifoHighWater(r)).isLessThanOrEqualTo(cfg.fifoDepth());
            for (int d = 0; d < Mesh.DIRECTIONS; d++) {
                linkSum += s.linkPackets(r, d);
            }
        }
        // every hop is one link traversal, counted once
        assertThat(s.hopTotal()).isEqualTo(hopSum);
        assertThat(linkSum).isEqualTo(hopSum);
    }
}
