package dev.myelin.chip.neuron;

import dev.myelin.chip.testing.TnNet;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.TrueNorthNeurons;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The uniform update and the integration it is paired with, against the general paths, on
 * random uniform cores: the thresholds tested in one unsigned comparison when
 * {@code negative limit < alpha}, and the two tests one after the other otherwise (alpha = 0
 * with beta = 0, or inclusive with beta &lt;= 1: a V can be both at or above alpha and below
 * the limit, and firing wins); integration recording no input set for this update (shared
 * weights, and per-neuron weights with stochastic synapses), on cores run for many ticks so a
 * set left behind would show in a later tick's counts. Same V, fired neurons, counts,
 * quiescence and random stream (the stochastic synapses' draws) after every tick.
 */
class TrueNorthUniformPathTest {
    private static final Architecture TN = Presets.require("truenorth");

    @Test
    void uniformPathAgreesWithTheGeneralPathOnRandomUniformCores() {
        SplittableRandom rnd = new SplittableRandom(77031);
        int emptyBand = 0;
        int shared = 0;
        int stochastic = 0;
        for (int trial = 0; trial < 300; trial++) {
            CoreImage core = uniformCore(rnd, trial);
            TrueNorthArray fast = new TrueNorthArray(core, TN, new XorShift32Random(trial + 7));
            TrueNorthArray general = new TrueNorthArray(core, TN, new XorShift32Random(trial + 7));
            general.fastPaths = false;
            assertThat(fast.updatePath()).as("trial %d", trial).isEqualTo("uniform");
            TrueNorthNeurons p = (TrueNorthNeurons) core.neurons();
            int limit = -p.beta()[0] + (p.negativeThreshold() == NegativeThreshold.INCLUSIVE ? 1 : 0);
            if (limit >= p.alpha()[0]) {
                emptyBand++;
            }
            if (fast.sharedWeights()) {
                shared++;
            }
            if (Arrays.stream(p.stochasticSynapse()).anyMatch(s -> s != 0)) {
                stochastic++;
            }
            Lockstep both = new Lockstep(fast, general, core.axonType().length);
            for (int t = 0; t < 60; t++) {
                both.randomAxons(rnd, 8, rnd.nextInt(5)); // 0 to 4 eighths of the axons, some ticks none
                both.tick(t, "trial " + trial + " tick " + t);
            }
        }
        // every case above was met often enough to mean something
        assertThat(emptyBand).isGreaterThanOrEqualTo(30);
        assertThat(shared).isGreaterThanOrEqualTo(60);
        assertThat(stochastic).isGreaterThanOrEqualTo(30);
    }

    /**
     * A core whose neurons share every update parameter with a non-zero deterministic leak and
     * no threshold mask (the uniform update). One trial in four has alpha and beta of 0 or 1, so
     * the negative limit can reach alpha; weights shared by type in half the trials, else per
     * neuron with some stochastic synapses.
     */
    private static CoreImage uniformCore(SplittableRandom rnd, int trial) {
        int axons = 1 + rnd.nextInt(256);
        int neurons = 1 + rnd.nextInt(256);
        TnNet.TnCore c = new TnNet().core(0, axons, neurons);
        c.negativeThreshold = rnd.nextBoolean() ? NegativeThreshold.INCLUSIVE : NegativeThreshold.STRICT;
        for (int a = 0; a < axons; a++) {
            c.axonType[a] = rnd.nextInt(4);
            for (int j = 0; j < neurons; j++) {
                if (rnd.nextInt(4) == 0) {
                    c.xb.set(a, j);
                }
            }
        }
        boolean tiny = trial % 4 == 0;
        int leak = rnd.nextBoolean() ? (rnd.nextBoolean() ? 1 : -1) * rnd.nextInt(1, 4) : rnd.nextInt(-256, 256);
        if (leak == 0) {
            leak = 1;
        }
        int alpha = tiny ? rnd.nextInt(2) : rnd.nextInt(5) == 0 ? rnd.nextInt(1 << 18) : rnd.nextInt(1, 200);
        int beta = tiny ? rnd.nextInt(2) : rnd.nextInt(5) == 0 ? rnd.nextInt(1 << 18) : rnd.nextInt(200);
        int resetMode = rnd.nextInt(3);
        int kappa = rnd.nextInt(2);
        int resetV = rnd.nextInt(8) == 0 ? rnd.nextInt(-(1 << 19), 1 << 19) : rnd.nextInt(-100, 100);
        int reversal = rnd.nextInt(2);
        boolean sharedWeights = trial % 2 == 0;
        int[] typeWeights = {rnd.nextInt(-256, 256), rnd.nextInt(-4, 5), rnd.nextInt(-4, 5), rnd.nextInt(-256, 256)};
        TrueNorthNeurons p = c.p;
        for (int j = 0; j < neurons; j++) {
            p.leak()[j] = leak;
            p.leakReversal()[j] = reversal;
            p.alpha()[j] = alpha;
            p.beta()[j] = beta;
            p.resetMode()[j] = resetMode;
            p.kappa()[j] = kappa;
            p.resetV()[j] = resetV;
            for (int g = 0; g < 4; g++) {
                p.weights()[4 * j + g] = sharedWeights ? typeWeights[g] : rnd.nextInt(-8, 9);
            }
            p.stochasticSynapse()[j] = !sharedWeights && rnd.nextInt(3) == 0 ? rnd.nextInt(1, 16) : 0;
            p.v0()[j] = rnd.nextInt(8) == 0 ? rnd.nextInt(-(1 << 19), 1 << 19) : rnd.nextInt(-300, 300);
        }
        return c.image();
    }
}
