package dev.myelin.chip.timing;

import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.noc.Mesh;
import dev.myelin.chip.noc.TrafficStats;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.OutputSpike;
import dev.myelin.chip.testing.TnNet;
import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** A busy feed-forward row of 12 cores: results must not depend on threads, and the mesh must not change spikes. */
class MeshDeterminismTest {
    private static final int CORES = 12;
    private static final int N = 48;
    private static final int TICKS = 20;

    /** Every core relays axon a to neuron a; each neuron targets a random core further east (or none at the end). */
    private static NetworkImage busyRow(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        TnNet net = new TnNet();
        int[] outs = new int[N];
        for (int x = 0; x < CORES; x++) {
            TnNet.TnCore c = net.core(x, N, N);
            for (int j = 0; j < N; j++) {
                c.p.alpha()[j] = 1;
                c.p.weights()[4 * j] = 1;
                c.connect(j, 0, j);
                if (x + 1 < CORES) {
                    c.target(j, 1 + rng.nextInt(CORES - 1 - x), rng.nextInt(N), 1 + rng.nextInt(3));
                }
            }
        }
        for (int j = 0; j < N; j++) {
            outs[j] = j;
        }
        return net.output("out", net.cores.get(CORES - 1).id, outs).image();
    }

    private record Outcome(List<OutputSpike> spikes, CounterSet counters, List<TickTiming> ticks, long[] links,
                           String summary) {
    }

    private static Outcome run(NetworkImage img, ChipOptions options, MeshNetwork.Factory f) {
        List<TickTiming> ticks = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(99);
        try (Chip chip = Chip.load(img, options)) {
            if (f != null) {
                f.network().addTickListener(ticks::add);
            }
            for (int t = 0; t < TICKS / 2; t++) {
                for (int k = 0; k < 40; k++) {
                    chip.injectRaw(rng.nextInt(3), rng.nextInt(N), t);
                }
            }
            chip.run(TICKS);
            long[] links = new long[CORES * Mesh.DIRECTIONS];
            String summary = "";
            if (f != null) {
                TrafficStats s = f.network().traffic();
                for (int x = 0; x < CORES; x++) {
                    for (int d = 0; d < Mesh.DIRECTIONS; d++) {
                        links[x * Mesh.DIRECTIONS + d] = s.linkPackets(x, d);
                    }
                }
                summary = f.network().summary() + " " + s.booksimSummary() + s.stalls();
            }
            if (f != null && System.getProperty("myelin.print") != null) {
                System.out.println(summary);
            }
            return new Outcome(chip.outputSpikes(), chip.counters(), ticks, links, summary);
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        NetworkImage img = busyRow(5);
        for (TimingMode mode : TimingMode.values()) {
            MeshNetwork.Factory f1 = MeshNetwork.factory(mode);
            Outcome one = run(img, ChipOptions.defaults().withNetwork(f1), f1);
            assertThat(one.ticks()).hasSize(TICKS);
            for (int threads : new int[] {2, 4}) {
                MeshNetwork.Factory f = MeshNetwork.factory(mode);
                Outcome many = run(img, ChipOptions.defaults().withThreads(threads).withNetwork(f), f);
                assertThat(many.spikes()).isEqualTo(one.spikes());
                assertThat(many.counters()).isEqualTo(one.counters());
                assertThat(many.ticks()).isEqualTo(one.ticks());
                assertThat(many.links()).isEqualTo(one.links());
                assertThat(many.summary()).isEqualTo(one.summary());
            }
        }
    }

    @Test
    void aBusyMeshDelaysTicksButNotSpikesWhenNothingIsLate() {
        NetworkImage img = busyRow(6);
        Outcome direct = run(img, ChipOptions.defaults(), null);
        MeshNetwork.Factory f = MeshNetwork.factory(TimingMode.CYCLE);
        Outcome cycle = run(img, ChipOptions.defaults().withNetwork(f), f);
        assertThat(direct.spikes()).isNotEmpty();
        assertThat(cycle.spikes()).isEqualTo(direct.spikes());
        assertThat(cycle.counters()).isEqualTo(direct.counters());
        TrafficStats s = f.network().traffic();
        // every message heads east along one row: queues form, and it shows as stalls and queueing latency
        assertThat(s.stalls()).isPositive();
        // TrueNorth zero-load: 2 + 2 x hops + 1 cycles; queueing puts the mean well above it
        assertThat(s.packetLatency().mean()).isGreaterThan(3 + 2 * s.hops().mean());
        assertThat(s.late()).isZero();
        // contention and hops only add time: the cycle estimate is never below the simple one's receive/generate bound
        for (TickTiming t : cycle.ticks()) {
            assertThat(t.ns()).isGreaterThanOrEqualTo(t.computeNs() + t.syncNs());
        }
        assertThat(f.network().summary().totalNs()).isGreaterThan(f.network().summary().totalSimpleNs());
    }
}
