package dev.myelin.chip.learn;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LearningCoreTest {
    /**
     * One Loihi neuron n0 with threshold 200 (a_in > 200 fires it; du = dv = 4095 keep only this
     * tick's input): a0 is the plastic synapse (weight 100, too weak to fire it alone), a1 a fixed
     * teacher synapse of weight 255 that makes n0 fire in the tick it is active.
     */
    static final String PAIR = """
            .arch loihi
            .core 0 0 0
            .format 0 bits=8 exp=0 sign=excitatory
            a0: type=0 n0:100
            a1: type=0 n0:255
            n0: du=4095 dv=4095 vth=200
            .learning epoch=%d weight_frac=0 w_min=0 w_max=150 reward=none
            .trace x1 decay=2048 impulse=64 width=7 mode=add
            .trace y1 decay=2048 impulse=64 width=7 mode=add
            .rule "dw = 2^-2 * x1 * y0 - 2^-3 * y1 * x0"
            .plastic 0
            """;

    static Chip load(int epoch, int threads) {
        NetworkImage img = Assembler.assemble("pair.nasm", PAIR.formatted(epoch));
        return Chip.load(img, ChipOptions.defaults().withThreads(threads).withSeed(1));
    }

    @Test
    void pairBasedRuleTickByTick() {
        try (Chip chip = load(1, 1)) {
            LearningCore l = chip.learning(0);
            chip.injectRaw(0, 0, 2);   // pre spike in tick 2
            chip.injectRaw(0, 1, 5);   // teacher: n0 fires in tick 5
            chip.injectRaw(0, 0, 7);   // pre again in tick 7
            // decay 2048 halves a trace exactly while it stays even
            int[] x1 = {0, 0, 64, 32, 16, 8, 4, 66};   // after each tick 0..7 (tick 7: 2 decayed, + 64)
            int[] y1 = {0, 0, 0, 0, 0, 64, 32, 16};
            // tick 5: dw = 2^-2 * x1 (8, decayed, before n0's own impulse) * y0 (1) = +2  -> 102
            // tick 7: dw = -2^-3 * y1 (16) * x0 (1) = -2 (x1 * y0 = 0: n0 does not fire)  -> 100
            int[] w = {100, 100, 100, 100, 100, 102, 102, 100};
            long[] synapticUpdates = {0, 0, 0, 0, 0, 1, 0, 1};
            // trace updates: impulses (x1 of a0 at ticks 2 and 7, x1 of a1 and y1 of n0 at tick 5)
            // plus decays of non-zero values (x1[0] from tick 3 on, y1 from tick 6, x1[1] from tick 6)
            long[] traceUpdates = {0, 0, 1, 1, 1, 3, 3, 4};
            for (int t = 0; t <= 7; t++) {
                chip.step();
                assertThat(l.trace("x1", 0)).as("x1 after tick %d", t).isEqualTo(x1[t]);
                assertThat(l.trace("y1", 0)).as("y1 after tick %d", t).isEqualTo(y1[t]);
                assertThat(l.weight(0)).as("w after tick %d", t).isEqualTo(w[t]);
                assertThat(chip.lastTickCounters().get(0, Counter.LEARNING_UPDATES)).as("updates, tick %d", t)
                        .isEqualTo(synapticUpdates[t]);
                assertThat(chip.lastTickCounters().get(0, Counter.TRACE_UPDATES)).as("trace updates, tick %d", t)
                        .isEqualTo(traceUpdates[t]);
            }
            assertThat(l.weight(1)).as("the teacher synapse is not plastic").isEqualTo(255);
            assertThat(chip.counters().total(Counter.LEARNING_UPDATES)).isEqualTo(2);
        }
    }

    @Test
    void anEpochCollectsSpikeBitsAndRunsTheRuleAtItsEnd() {
        // epoch 4: the rule runs at the end of ticks 3 and 7 only.
        try (Chip chip = load(4, 1)) {
            LearningCore l = chip.learning(0);
            chip.injectRaw(0, 0, 1);   // pre in tick 1 (x0 of epoch 0..3)
            chip.injectRaw(0, 1, 2);   // post in tick 2 (y0 of the same epoch)
            chip.run(4);
            // at the end of tick 3: x1 = 64 / 4 = 16 (impulse in tick 1, decays in 2 and 3),
            // y1 = 64 / 2 = 32 (impulse in tick 2, decay in 3); x0 = y0 = 1:
            // dw = 2^-2 * 16 - 2^-3 * 32 = 4 - 4 = 0, computed (the terms are non-zero) -> one update
            assertThat(l.weight(0)).isEqualTo(100);
            assertThat(chip.counters().total(Counter.LEARNING_UPDATES)).isEqualTo(1);
            chip.injectRaw(0, 1, 5);   // post alone in the next epoch: x1 = 16 -> 1 by the end of tick 7
            chip.run(4);
            // end of tick 7: x1 = 16 / 16 = 1 (four halvings), y0 = 1: dw = 2^-2 * 1 = 1/4, rounded
            // stochastically; y1 (impulse at 5, decays at 6 and 7) = 16 but x0 = 0. So 100 or 101.
            assertThat(l.weight(0)).isBetween(100, 101);
            assertThat(chip.counters().total(Counter.LEARNING_UPDATES)).isEqualTo(2);
        }
    }

    @Test
    void weightsStayWithinTheirBoundsAndTheDatapathUsesTheLearnedWeight() {
        try (Chip chip = load(1, 1)) {
            LearningCore l = chip.learning(0);
            // pre then post, tick after tick: +2^-2 * 64 / 2 ... each pairing pushes w up until w_max = 150
            for (int k = 0; k < 40; k++) {
                chip.injectRaw(0, 0, 4L * k);
                chip.injectRaw(0, 1, 4L * k + 1);
            }
            chip.run(160);
            assertThat(l.weight(0)).isEqualTo(150);
            // the datapath integrates the learned weight: a0 alone gives u = a_in << 6 = 150 * 64, and
            // v = u (dv = 4095 clears the old v, which is below 4096 anyway), no spike (150 < 200)
            chip.injectRaw(0, 0, 160);
            chip.step();
            assertThat(chip.v(0, 0)).isEqualTo(150 * 64);
            l.setWeight(0, 0, 201);
            assertThat(l.weight(0)).as("clipped to w_max").isEqualTo(150);
            l.setWeight(0, 0, 40);
            chip.injectRaw(0, 0, 170);
            chip.run(10);
            assertThat(chip.v(0, 0)).as("the weight written by the API is integrated").isEqualTo(40 * 64);
        }
    }

    @Test
    void resultsDoNotDependOnThreadsOrIdleSkipping() {
        String many = manyCores();
        NetworkImage img = Assembler.assemble("many.nasm", many);
        int[][] runs = new int[3][];
        ChipOptions[] opts = {ChipOptions.defaults().withThreads(1).withSeed(9),
                ChipOptions.defaults().withThreads(4).withSeed(9),
                ChipOptions.defaults().withThreads(2).withSeed(9).withSkipIdle(false)};
        for (int r = 0; r < 3; r++) {
            try (Chip chip = Chip.load(img, opts[r])) {
                for (int c = 0; c < 12; c++) {
                    for (int t = 0; t < 200; t += 3 + c % 4) {
                        chip.injectRaw(c, (t / 3) % 2, t);
                    }
                }
                chip.run(260);
                runs[r] = new int[12 * 2 + 2];
                for (int c = 0; c < 12; c++) {
                    runs[r][2 * c] = chip.learning(c).weight(0);
                    runs[r][2 * c + 1] = chip.learning(c).trace("x1", 0);
                }
                runs[r][24] = (int) chip.counters().total(Counter.LEARNING_UPDATES);
                runs[r][25] = (int) chip.counters().total(Counter.TRACE_UPDATES);
            }
        }
        assertThat(runs[0][24]).isPositive();
        assertThat(runs[1]).isEqualTo(runs[0]);
        assertThat(runs[2]).isEqualTo(runs[0]);
    }

    /** Twelve learning cores with fractional decays and weights (stochastic rounding everywhere). */
    private static String manyCores() {
        StringBuilder sb = new StringBuilder(".arch loihi\n");
        for (int c = 0; c < 12; c++) {
            sb.append(".core ").append(c % 4).append(' ').append(c / 4).append(" 0\n").append("""
                    .format 0 bits=8 exp=0 sign=excitatory
                    a0: type=0 n0:100
                    a1: type=0 n0:255
                    n0: du=4095 dv=4095 vth=200
                    .learning epoch=2 weight_frac=6 w_min=0 w_max=255 reward=none
                    .trace x1 decay=300 impulse=100 width=8 mode=add
                    .trace y1 decay=150 impulse=90 width=8 mode=nearest
                    .rule "dw = 3 * 2^-3 * x1 * y0 - 5 * 2^-5 * y1 * x0"
                    .plastic 0
                    """);
        }
        return sb.toString();
    }
}
