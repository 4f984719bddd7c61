package dev.myelin.tests.conformance;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.OutputSpike;
import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The same run with 1, 2 and 4 worker threads: identical spikes, per-tick state of every neuron and counters. */
class ThreadDeterminismTest {
    private static final int TICKS = 300;

    /** Everything observable of one run. */
    private record Run(List<OutputSpike> spikes, int[][] v, CounterSet counters) {
    }

    private static Run run(NetworkImage image, List<long[]> inputs, int threads) {
        try (Chip chip = Chip.load(image, ChipOptions.defaults().withSeed(77).withThreads(threads))) {
            for (long[] s : inputs) {
                chip.inject("in", (int) s[0], s[1]);
            }
            int cores = chip.layout().cores();
            int[][] v = new int[TICKS][];
            for (int t = 0; t < TICKS; t++) {
                chip.step();
                v[t] = new int[cores * 64];
                for (int c = 0; c < cores; c++) {
                    for (int j = 0; j < 64; j++) {
                        v[t][c * 64 + j] = chip.v(c, j);
                    }
                }
            }
            return new Run(chip.outputSpikes(), v, chip.counters().copy());
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        RandomTrueNorthNetworks gen = new RandomTrueNorthNetworks(2024);
        NetworkImage image = gen.network(4, 4, 64, 64);
        List<long[]> inputs = gen.inputs(16, TICKS, 0.3);
        Run one = run(image, inputs, 1);
        assertThat(one.counters().total(Counter.SYNAPTIC_EVENTS)).isGreaterThan(1000);
        assertThat(one.spikes()).hasSizeGreaterThan(100);
        for (int threads : new int[] {2, 4}) {
            Run many = run(image, inputs, threads);
            assertThat(many.spikes()).as("%d threads", threads).containsExactlyElementsOf(one.spikes());
            assertThat(many.v()).as("%d threads", threads).isDeepEqualTo(one.v());
            assertThat(many.counters()).as("%d threads", threads).isEqualTo(one.counters());
        }
    }
}
