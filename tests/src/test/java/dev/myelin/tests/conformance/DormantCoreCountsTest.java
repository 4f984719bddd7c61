package dev.myelin.tests.conformance;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.timing.MeshNetwork;
import dev.myelin.chip.timing.TickTiming;
import dev.myelin.chip.timing.TimingMode;
import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With idle skipping, a core that sits idle is not visited and its counts are added lazily; every
 * read still sees what stepping every core gives: the last tick's counters after every tick, the
 * totals read mid-run (from the learning hook, and through a reference taken before the run),
 * and the mesh's per-tick timing, in both timing modes and with 1 and 2 threads.
 */
class DormantCoreCountsTest {
    private static final int TICKS = 300;

    private record Run(List<long[]> lastTicks, List<long[]> totalsMidRun, CounterSet heldTotals,
                       List<TickTiming> timings) {
    }

    private static long[] row(CounterSet s, boolean withTickCounts) {
        List<Long> out = new ArrayList<>();
        for (int core = 0; core < s.cores(); core++) {
            for (Counter c : Counter.all()) {
                if (withTickCounts || (c != Counter.TICKS_SKIPPED && c != Counter.TICKS_STEPPED)) {
                    out.add(s.get(core, c));
                }
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static Run run(NetworkImage image, List<long[]> inputs, boolean skip, TimingMode mode, int threads) {
        MeshNetwork.Factory mesh = MeshNetwork.factory(mode);
        List<long[]> lastTicks = new ArrayList<>();
        List<long[]> mid = new ArrayList<>();
        List<TickTiming> timings = new ArrayList<>();
        try (Chip chip = Chip.load(image, ChipOptions.defaults().withSeed(3).withThreads(threads)
                .withSkipIdle(skip).withNetwork(mesh))) {
            mesh.network().addTickListener(timings::add);
            CounterSet held = chip.counters();
            chip.setLearningHook((t, c) -> {
                if (t % 37 == 5) {
                    mid.add(row(c.counters(), false));
                }
            });
            for (long[] s : inputs) {
                chip.inject("in", (int) s[0], s[1]);
            }
            for (int t = 0; t < TICKS; t++) {
                chip.step();
                lastTicks.add(row(chip.lastTickCounters(), false));
                if (t % 50 == 0) {
                    mid.add(row(chip.counters(), false));
                }
            }
            return new Run(lastTicks, mid, held.copy(), timings);
        }
    }

    @Test
    void lazilyCountedIdleCoresReadExactlyAsSteppedOnes() {
        RandomTrueNorthNetworks gen = new RandomTrueNorthNetworks(47).quiet();
        NetworkImage image = gen.network(4, 3, 32, 32);
        List<long[]> inputs = gen.inputs(8, TICKS, 0.01);
        for (TimingMode mode : TimingMode.values()) {
            Run stepping = run(image, inputs, false, mode, 1);
            for (int threads : new int[] {1, 2}) {
                Run skipping = run(image, inputs, true, mode, threads);
                String as = mode + ", " + threads + " threads";
                assertThat(skipping.heldTotals().total(Counter.TICKS_SKIPPED)).as(as).isGreaterThan(TICKS);
                assertThat(skipping.heldTotals().total(Counter.TICKS_SKIPPED)
                        + skipping.heldTotals().total(Counter.TICKS_STEPPED)).as(as).isEqualTo(12L * TICKS);
                assertThat(row(skipping.heldTotals(), false)).as(as).isEqualTo(row(stepping.heldTotals(), false));
                assertThat(skipping.lastTicks()).as(as).hasSameSizeAs(stepping.lastTicks());
                for (int t = 0; t < TICKS; t++) {
                    assertThat(skipping.lastTicks().get(t)).as(as + ", tick " + t)
                            .isEqualTo(stepping.lastTicks().get(t));
                    assertThat(skipping.timings().get(t)).as(as + ", tick " + t).isEqualTo(stepping.timings().get(t));
                }
                assertThat(skipping.totalsMidRun()).as(as).hasSameSizeAs(stepping.totalsMidRun());
                for (int i = 0; i < skipping.totalsMidRun().size(); i++) {
                    assertThat(skipping.totalsMidRun().get(i)).as(as + ", read " + i)
                            .isEqualTo(stepping.totalsMidRun().get(i));
                }
            }
        }
    }
}
