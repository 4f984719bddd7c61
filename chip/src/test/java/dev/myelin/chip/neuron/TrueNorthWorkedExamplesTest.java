package dev.myelin.chip.neuron;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.OutputSpike;
import dev.myelin.chip.sim.Probe;
import dev.myelin.chip.testing.TnNet;
import dev.myelin.isa.model.NegativeThreshold;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every worked example of docs/reference/truenorth.md, run through the chip's public API. */
class TrueNorthWorkedExamplesTest {

    /** One neuron on one core, reported on output port "out"; returns the spike ticks over {@code ticks}. */
    private static long[] spikeTicks(TnNet net, int ticks) {
        try (Chip chip = Chip.load(net.image(), ChipOptions.defaults())) {
            chip.run(ticks);
            return chip.outputSpikes().stream().mapToLong(OutputSpike::tick).toArray();
        }
    }

    private static TnNet tonic(int alpha, int lambda, int v0) {
        TnNet net = new TnNet();
        TnNet.TnCore c = net.core(0, 1, 1);
        c.p.alpha()[0] = alpha;
        c.p.beta()[0] = 0;
        c.p.leak()[0] = lambda;
        c.p.v0()[0] = v0;
        net.output("out", c.id, 0);
        return net;
    }

    @Test
    void tonicSpikingEveryTenTicksFirstAtNine() {
        // V climbs 1 per tick: V = 10 = alpha first after tick 9 (0-based), then resets to R = 0
        assertThat(spikeTicks(tonic(10, 1, 0), 40)).containsExactly(9, 19, 29, 39);
    }

    @Test
    void tonicSpikingFromV0OneFiresAtEight() {
        assertThat(spikeTicks(tonic(10, 1, 1), 40)).containsExactly(8, 18, 28, 38);
    }

    @Test
    void tonicSpikingAlphaElevenLeakTwoPeriodSix() {
        // V = 2, 4, 6, 8, 10, 12 >= 11 in tick 5; reset to 0; period 6
        assertThat(spikeTicks(tonic(11, 2, 0), 30)).containsExactly(5, 11, 17, 23, 29);
    }

    @Test
    void weightThreeInputEveryTickWithLeakMinusOnePeriodFive() {
        TnNet net = tonic(10, -1, 0);
        TnNet.TnCore c = net.cores.get(0);
        c.p.weights()[0] = 3;
        c.connect(0, 0, 0);
        net.input("in", c.id, 0);
        try (Chip chip = Chip.load(net.image(), ChipOptions.defaults())) {
            for (int t = 0; t < 25; t++) {
                chip.inject("in", 0, t);
            }
            chip.run(25);
            // net +2 per tick: V = 2, 4, 6, 8, 10 -> fires in tick 4, then every 5 ticks
            assertThat(chip.outputSpikes().stream().mapToLong(OutputSpike::tick).toArray())
                    .containsExactly(4, 9, 14, 19, 24);
        }
    }

    @Test
    void linearResetFiresTwiceFromOneLargeInput() {
        TnNet net = new TnNet();
        TnNet.TnCore c = net.core(0, 1, 1);
        c.p.alpha()[0] = 8;
        c.p.beta()[0] = 100;
        c.p.resetMode()[0] = 1;
        c.p.weights()[0] = 20;
        c.connect(0, 0, 0);
        net.input("in", c.id, 0).output("out", c.id, 0);
        try (Chip chip = Chip.load(net.image(), ChipOptions.defaults())) {
            Probe v = chip.probeRaw(c.id, 0);
            chip.inject("in", 0, 10);
            chip.run(14);
            assertThat(chip.outputSpikes().stream().mapToLong(OutputSpike::tick).toArray()).containsExactly(10, 11);
            // 20 - 8 = 12 after tick 10, 12 - 8 = 4 after tick 11, then 4 < 8 holds
            assertThat(v.vTrace()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12, 4, 4, 4);
        }
    }

    @Test
    void negativeThresholdResetsToMinusR() {
        TnNet net = new TnNet();
        TnNet.TnCore c = net.core(0, 1, 1);
        c.p.leak()[0] = -2;
        c.p.beta()[0] = 5;
        c.p.resetV()[0] = 3;
        try (Chip chip = Chip.load(net.image(), ChipOptions.defaults())) {
            Probe v = chip.probeRaw(c.id, 0);
            chip.run(7);
            // -2, -4, -6 < -5 -> -3, -5 (not < -5), -7 -> -3, -5, -7 -> -3
            assertThat(v.vTrace()).containsExactly(-2, -4, -3, -5, -3, -5, -3);
        }
    }

    @Test
    void inclusiveNegativeThresholdAlsoResetsAtExactlyMinusBeta() {
        TnNet net = new TnNet();
        TnNet.TnCore c = net.core(0, 1, 1);
        c.p.leak()[0] = -2;
        c.p.beta()[0] = 5;
        c.p.resetV()[0] = 3;
        c.negativeThreshold = NegativeThreshold.INCLUSIVE;
        try (Chip chip = Chip.load(net.image(), ChipOptions.defaults())) {
            Probe v = chip.probeRaw(c.id, 0);
            chip.run(7);
            // -2, -4, -6 <= -5 -> -3, then -5 <= -5 -> -3 every tick (strict keeps -5 and resets at -7)
            assertThat(v.vTrace()).containsExactly(-2, -4, -3, -3, -3, -3, -3);
        }
    }

    @Test
    void vEqualToMinusBetaResetsOnlyUnderTheInclusiveRule() {
        for (NegativeThreshold rule : NegativeThreshold.values()) {
            TnNet net = new TnNet();
            TnNet.TnCore c = net.core(0, 1, 1);
            c.p.beta()[0] = 5;
            c.p.resetV()[0] = 3;
            c.p.v0()[0] = -5;
            c.negativeThreshold = rule;
            try (Chip chip = Chip.load(net.image(), ChipOptions.defaults())) {
                Probe v = chip.probeRaw(c.id, 0);
                chip.run(3);
                // no leak, no input: V = -5 = -beta. strict: -5 < -5 is false, V stays; inclusive: -5 <= -5,
                // V = -R = -3, which is above -5 from then on
                assertThat(v.vTrace()).as(rule.id()).containsExactly(
                        rule == NegativeThreshold.STRICT ? new int[] {-5, -5, -5} : new int[] {-3, -3, -3});
            }
        }
    }

    @Test
    void outputsListTheSameSpikesAsTheListener() {
        TnNet net = tonic(10, 1, 0);
        try (Chip chip = Chip.load(net.image(), ChipOptions.defaults())) {
            List<Long> heard = new java.util.ArrayList<>();
            chip.addOutputListener((port, line, tick) -> {
                assertThat(port).isEqualTo("out");
                assertThat(line).isZero();
                heard.add(tick);
            });
            chip.run(20);
            assertThat(heard).containsExactlyElementsOf(
                    LongStream.of(9, 19).boxed().toList());
            assertThat(chip.outputSpikes()).containsExactly(new OutputSpike("out", 0, 9), new OutputSpike("out", 0, 19));
        }
    }
}
