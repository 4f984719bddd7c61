package dev.myelin.chip.learn;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.run.LearnedWeights;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-synapse delays on a learning core (docs/learning.md, "Synaptic delays"), tick by tick.
 *
 * <p>The neuron n0 keeps only this tick's input (du = dv = 4095): a tick in which a0's weight 100
 * arrives gives u = 100 << 6 = 6400 and v = 6400 + trunc0(v_prev * 1 / 4096), below the threshold
 * 200 << 6 = 12800; a1 (weight 255, v = 16320) makes n0 fire in the tick it arrives. After a tick
 * with v = 6400 the next tick's v is trunc0(6400 / 4096) = 1, the one after 0.
 */
class SynapticDelayTest {
    static final String CORE = """
            .arch loihi
            .core 0 0 0
            .format 0 bits=8 exp=0 sign=excitatory
            a0: type=0 n0:100
            a1: type=0 n0:255
            n0: du=4095 dv=4095 vth=200
            .learning epoch=1 weight_frac=0 w_min=0 w_max=255 reward=none
            .trace x1 decay=2048 impulse=64 width=7 mode=add
            %s
            .plastic 0
            .delays max=%d
            .delay 0 %d
            """;

    static Chip load(String rule, int max, int d0, int threads) {
        NetworkImage img = Assembler.assemble("delay.nasm", CORE.formatted(rule, max, d0));
        return Chip.load(img, ChipOptions.defaults().withThreads(threads).withSeed(3));
    }

    private static int[] vPerTick(Chip chip, int ticks) {
        int[] v = new int[ticks];
        for (int t = 0; t < ticks; t++) {
            chip.step();
            v[t] = chip.v(0, 0);
        }
        return v;
    }

    @Test
    void aSynapseWithDelayThreeDeliversThreeTicksLater() {
        try (Chip chip = load("", 5, 3, 1)) {
            chip.injectRaw(0, 0, 2);   // a0 active in tick 2: its weight reaches n0 in tick 2 + 3 = 5
            int[] v = vPerTick(chip, 8);
            assertThat(v).containsExactly(0, 0, 0, 0, 0, 6400, 1, 0);
            assertThat(chip.learning(0).delay(0)).isEqualTo(3);
            assertThat(chip.learning(0).delay(1)).as("a1's synapse keeps delay 0").isZero();
            // the synaptic event is counted when the spike is read (tick 2), once
            assertThat(chip.counters().total(Counter.SYNAPTIC_EVENTS)).isEqualTo(1);
        }
        // delay 0: the same tick, as on a core without delays
        try (Chip chip = load("", 5, 0, 1)) {
            chip.injectRaw(0, 0, 2);
            assertThat(vPerTick(chip, 4)).containsExactly(0, 0, 6400, 1);
        }
    }

    @Test
    void aDelayRuleChangesTheDelayAtTheEpochsEndAndTheNextSpikeTakesTheNewDelay() {
        // dd = 2^-3 * x1 * y0. a0 in tick 2 (x1 = 64 after it), a1 makes n0 fire in tick 5. At the
        // end of tick 5, x1 has decayed three times (ticks 3, 4, 5; decay 2048 halves exactly):
        // 64 -> 32 -> 16 -> 8, y0 = 1: dd = 8 / 8 = 1, exact (no fraction): delay 2 -> 3.
        try (Chip chip = load(".rule \"dd = 2^-3 * x1 * y0\"", 5, 2, 1)) {
            LearningCore l = chip.learning(0);
            chip.injectRaw(0, 0, 2);
            chip.injectRaw(0, 1, 5);
            chip.injectRaw(0, 0, 8);
            int[] delay = new int[14];
            long[] updates = new long[14];
            int[] v = new int[14];
            for (int t = 0; t < 14; t++) {
                chip.step();
                delay[t] = l.delay(0);
                updates[t] = chip.lastTickCounters().get(0, Counter.LEARNING_UPDATES);
                v[t] = chip.v(0, 0);
            }
            assertThat(delay).containsExactly(2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3);
            // ticks 2 and 8 change nothing: x0 = 1 but y0 = 0 makes the one term 0 (no update)
            assertThat(updates).containsExactly(0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
            // the first spike arrives at 2 + 2 = 4; n0 fires at 5 (v reset to 0); the second spike,
            // read at tick 8 with the new delay, arrives at 8 + 3 = 11 (not 10)
            assertThat(v).containsExactly(0, 0, 0, 0, 6400, 0, 0, 0, 0, 0, 0, 6400, 1, 0);
            assertThat(chip.counters().total(Counter.NEURONS_FIRED)).isEqualTo(1);
        }
    }

    @Test
    void delaysClipAtZeroAndAtTheMaximum() {
        // dd = 40 * y0 from 3, max 5: 3 + 40 clipped to 5 at the end of tick 1 (a1 fires n0)
        try (Chip chip = load(".rule \"dd = 40 * y0\"", 5, 3, 1)) {
            chip.injectRaw(0, 1, 1);
            chip.injectRaw(0, 0, 4);
            int[] v = vPerTick(chip, 11);
            assertThat(chip.learning(0).delay(0)).isEqualTo(5);
            assertThat(v).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 6400, 1);   // 4 + 5 = 9
        }
        // dd = -4 * x0 from 3: the spike in tick 1 is scheduled with delay 3 (tick 4), then the
        // rule at the end of tick 1 gives 3 - 4, clipped to 0; the spike in tick 6 arrives in tick 6
        try (Chip chip = load(".rule \"dd = -4 * x0\"", 5, 3, 1)) {
            chip.injectRaw(0, 0, 1);
            chip.injectRaw(0, 0, 6);
            int[] v = vPerTick(chip, 8);
            assertThat(chip.learning(0).delay(0)).isZero();
            assertThat(v).containsExactly(0, 0, 0, 0, 6400, 1, 6400, 1);
        }
    }

    @Test
    void aCoreWithDelayedInputPendingIsNotSkipped() {
        // delay 37 of at most 40: the core has nothing else to do for 37 ticks, but must not be skipped
        try (Chip late = load("", 40, 37, 1)) {
            late.injectRaw(0, 0, 0);
            late.run(37);
            assertThat(late.v(0, 0)).isZero();
            late.step();                         // tick 37
            assertThat(late.v(0, 0)).isEqualTo(6400);
            assertThat(late.counters().total(Counter.TICKS_SKIPPED)).isZero();
            late.run(5);
            assertThat(late.counters().total(Counter.TICKS_SKIPPED)).as("idle again after the delivery")
                    .isPositive();
        }
    }

    @Test
    void resultsDoNotDependOnThreadsOrIdleSkipping() {
        NetworkImage img = Assembler.assemble("many.nasm", manyCores());
        ChipOptions[] opts = {ChipOptions.defaults().withThreads(1).withSeed(9),
                ChipOptions.defaults().withThreads(2).withSeed(9),
                ChipOptions.defaults().withThreads(2).withSeed(9).withSkipIdle(false)};
        List<List<Integer>> runs = new ArrayList<>();
        for (ChipOptions o : opts) {
            try (Chip chip = Chip.load(img, o)) {
                for (int c = 0; c < 8; c++) {
                    for (int t = 0; t < 300; t += 2 + c % 5) {
                        chip.injectRaw(c, (t / 2) % 3 == 2 ? 1 : 0, t);
                    }
                }
                List<Integer> r = new ArrayList<>();
                for (int t = 0; t < 360; t++) {
                    chip.step();
                    for (int c = 0; c < 8; c++) {
                        r.add(chip.v(c, 0));
                    }
                }
                for (int c = 0; c < 8; c++) {
                    r.add(chip.learning(c).delay(0));
                    r.add(chip.learning(c).weight(0));
                }
                r.add((int) chip.counters().total(Counter.LEARNING_UPDATES));
                r.add((int) chip.counters().total(Counter.NEURONS_FIRED));
                runs.add(r);
            }
        }
        List<Integer> first = runs.get(0);
        assertThat(first.get(first.size() - 2)).as("the rules changed something").isPositive();
        assertThat(java.util.stream.IntStream.range(0, 8).map(c -> first.get(360 * 8 + 2 * c)))
                .as("some delays moved from 4").anyMatch(d -> d != 4);
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(2)).isEqualTo(runs.get(0));
    }

    /** Eight learning cores whose rules move weights and delays with fractions (stochastic rounding). */
    private static String manyCores() {
        StringBuilder sb = new StringBuilder(".arch loihi\n");
        for (int c = 0; c < 8; c++) {
            sb.append(".core ").append(c % 4).append(' ').append(c / 4).append(" 0\n").append("""
                    .format 0 bits=8 exp=0 sign=excitatory
                    a0: type=0 n0:100
                    a1: type=0 n0:255
                    n0: du=3000 dv=4000 vth=200
                    .learning epoch=2 weight_frac=4 w_min=0 w_max=255 reward=none
                    .trace x1 decay=300 impulse=100 width=8 mode=add
                    .trace y1 decay=150 impulse=90 width=8 mode=nearest
                    .rule "dw = 3 * 2^-4 * x1 * y0 - 5 * 2^-6 * y1 * x0"
                    .rule "dd = 2^-6 * y1 * x0 - 3 * 2^-7 * x1 * y0"
                    .plastic 0
                    .delays max=9
                    .delay 0 4
                    """);
        }
        return sb.toString();
    }

    @Test
    void learnedDelaysAreDumpedAndSavedInTheBinary(@TempDir Path dir) throws Exception {
        try (Chip chip = load(".rule \"dd = 2^-3 * x1 * y0\"", 5, 2, 1)) {
            chip.injectRaw(0, 0, 2);
            chip.injectRaw(0, 1, 5);
            chip.run(8);
            assertThat(chip.learning(0).delay(0)).isEqualTo(3);   // as in the rule test above
            Path csv = dir.resolve("w.csv");
            LearnedWeights.writeCsv(csv, chip);
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines.get(0)).endsWith(",raw_weight,tag,delay");
            assertThat(lines.get(1)).endsWith(",100,100,0,3");
            assertThat(lines.get(2)).endsWith(",255,255,0,0");
            NetworkImage saved = NbinCodec.decode(NbinCodec.encode(LearnedWeights.learnedImage(chip)));
            try (Chip next = Chip.load(saved, ChipOptions.defaults().withSeed(3))) {
                assertThat(next.learning(0).delay(0)).isEqualTo(3);
                next.injectRaw(0, 0, 1);
                assertThat(vPerTick(next, 5)).containsExactly(0, 0, 0, 0, 6400);   // 1 + 3
            }
        }
    }
}
