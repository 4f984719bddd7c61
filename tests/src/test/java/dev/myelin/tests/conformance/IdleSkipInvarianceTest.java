package dev.myelin.tests.conformance;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.OutputSpike;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Skipping idle cores is a pure speed-up: with and without it, a network whose cores fall quiet
 * between inputs (stochastic synapses and threshold masks included) gives the same spikes, the
 * same V of every neuron after every tick and the same counters, except the two that count
 * skipped and stepped ticks.
 */
class IdleSkipInvarianceTest {
    private static final int TICKS = 600;

    private record Run(List<OutputSpike> spikes, int[][] v, CounterSet counters) {
    }

    private static Run run(NetworkImage image, List<long[]> inputs, boolean skip) {
        try (Chip chip = Chip.load(image, ChipOptions.defaults().withSeed(9).withSkipIdle(skip))) {
            for (long[] s : inputs) {
                chip.inject("in", (int) s[0], s[1]);
            }
            int cores = chip.layout().cores();
            int[][] v = new int[TICKS][cores * 32];
            for (int t = 0; t < TICKS; t++) {
                chip.step();
                for (int c = 0; c < cores; c++) {
                    for (int j = 0; j < 32; j++) {
                        v[t][c * 32 + j] = chip.v(c, j);
                    }
                }
            }
            return new Run(chip.outputSpikes(), v, chip.counters().copy());
        }
    }

    @Test
    void skippingIdleCoresChangesNothingButTheTickCounters() {
        check(new RandomTrueNorthNetworks(31).quiet());
    }

    @Test
    void soUnderBothNegativeThresholdRules() {
        // half the cores inclusive: skipping them is as invisible as skipping strict ones
        check(new RandomTrueNorthNetworks(31).quiet()
                .negativeThreshold(c -> c % 2 == 0 ? NegativeThreshold.INCLUSIVE : NegativeThreshold.STRICT));
    }

    private static void check(RandomTrueNorthNetworks gen) {
        NetworkImage image = gen.network(3, 3, 32, 32);
        List<long[]> inputs = gen.inputs(8, TICKS, 0.02);
        Run skipping = run(image, inputs, true);
        Run stepping = run(image, inputs, false);
        assertThat(skipping.counters().total(Counter.TICKS_SKIPPED)).as("cores were skipped").isGreaterThan(TICKS);
        assertThat(stepping.counters().total(Counter.TICKS_SKIPPED)).isZero();
        assertThat(skipping.spikes()).hasSizeGreaterThan(10).containsExactlyElementsOf(stepping.spikes());
        assertThat(skipping.v()).isDeepEqualTo(stepping.v());
        for (Counter c : Counter.all()) {
            if (c != Counter.TICKS_SKIPPED && c != Counter.TICKS_STEPPED) {
                for (int core = 0; core < 9; core++) {
                    assertThat(skipping.counters().get(core, c)).as("%s of core %d", c.key(), core)
                            .isEqualTo(stepping.counters().get(core, c));
                }
            }
        }
    }
}
