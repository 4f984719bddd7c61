package dev.myelin.chip.neuron;

import dev.myelin.chip.testing.TnNet;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.TrueNorthNeurons;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The update's fast paths (a core that draws nothing; one whose neurons also share every
 * parameter) and integration's (neurons sharing each type's weight) against the general paths, on random cores: the same V, fired neurons, counts,
 * quiescence and random stream after every tick.
 */
class TrueNorthFastPathTest {
    private static final Architecture TN = Presets.require("truenorth");

    @Test
    void fastPathsAgreeWithTheGeneralUpdateOnRandomCores() {
        SplittableRandom rnd = new SplittableRandom(20240607);
        java.util.Map<String, Integer> paths = new java.util.TreeMap<>();
        for (int trial = 0; trial < 400; trial++) {
            CoreImage core = randomCore(rnd, trial);
            TrueNorthArray fast = new TrueNorthArray(core, TN, new XorShift32Random(trial + 1));
            TrueNorthArray general = new TrueNorthArray(core, TN, new XorShift32Random(trial + 1));
            general.fastPaths = false;
            paths.merge(fast.updatePath(), 1, Integer::sum);
            paths.merge(fast.sharedWeights() ? "shared weights" : "per-neuron weights", 1, Integer::sum);
            Lockstep both = new Lockstep(fast, general, core.axonType().length);
            for (int t = 0; t < 40; t++) {
                both.randomAxons(rnd, 8, rnd.nextInt(4));
                both.tick(t, "trial " + trial + " tick " + t);
            }
        }
        assertThat(paths.keySet()).containsExactly("deterministic", "general", "per-neuron weights", "shared weights",
                "uniform");
        assertThat(paths.values()).allMatch(k -> k >= 40);
    }

    @Test
    void theMaskClampSaturatesExactlyAsSaturateV() {
        // every int within 4 of each bound and of 0, the extremes an update can produce (V + an
        // input of up to 65,536 axons x 256 + a leak of 256), and random ints of that range
        int[] centres = {TrueNorthMath.V_MIN, TrueNorthMath.V_MAX, 0, -(1 << 25) - 256, (1 << 25) + 256};
        for (int c : centres) {
            for (int d = -4; d <= 4; d++) {
                assertThat(TrueNorthArray.clamp(c + d)).as("x = " + (c + d)).isEqualTo(TrueNorthMath.saturateV(c + d));
            }
        }
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            int x = rnd.nextInt(-(1 << 26), 1 << 26);
            assertThat(TrueNorthArray.clamp(x)).as("x = " + x).isEqualTo(TrueNorthMath.saturateV(x));
        }
    }

    /**
     * A random core: every fourth trial uniform parameters (the uniform path when the leak is
     * non-zero), most trials without any random draw in the update, some with stochastic synapses,
     * leaks or threshold masks (the general path on both sides).
     */
    private static CoreImage randomCore(SplittableRandom rnd, int trial) {
        int axons = 1 + rnd.nextInt(200);
        int neurons = 1 + rnd.nextInt(200);
        TnNet.TnCore c = new TnNet().core(0, axons, neurons);
        c.negativeThreshold = rnd.nextBoolean() ? NegativeThreshold.INCLUSIVE : NegativeThreshold.STRICT;
        for (int a = 0; a < axons; a++) {
            c.axonType[a] = rnd.nextInt(4);
            for (int j = 0; j < neurons; j++) {
                if (rnd.nextInt(3) == 0) {
                    c.xb.set(a, j);
                }
            }
        }
        boolean uniform = trial % 4 == 0;
        boolean draws = trial % 5 == 4;
        TrueNorthNeurons p = c.p;
        int[] shared = randomNeuron(rnd, draws);
        boolean sharedWeights = trial % 3 == 0;
        int[] typeWeights = {rnd.nextInt(-256, 256), rnd.nextInt(-4, 5), rnd.nextInt(-4, 5), rnd.nextInt(-256, 256)};
        for (int j = 0; j < neurons; j++) {
            int[] q = uniform ? shared : randomNeuron(rnd, draws);
            p.leak()[j] = q[0];
            p.leakReversal()[j] = q[1];
            p.alpha()[j] = q[2];
            p.beta()[j] = q[3];
            p.resetMode()[j] = q[4];
            p.kappa()[j] = q[5];
            p.resetV()[j] = q[6];
            p.thresholdMaskBits()[j] = q[7];
            p.stochasticLeak()[j] = q[8];
            for (int g = 0; g < 4; g++) {
                p.weights()[4 * j + g] = sharedWeights ? typeWeights[g]
                        : rnd.nextInt(3) == 0 ? rnd.nextInt(-256, 256) : rnd.nextInt(-4, 5);
            }
            p.stochasticSynapse()[j] = !sharedWeights && rnd.nextInt(4) == 0 ? rnd.nextInt(16) : 0;
            p.v0()[j] = rnd.nextInt(8) == 0 ? rnd.nextInt(-(1 << 19), 1 << 19) : rnd.nextInt(-300, 300);
        }
        return c.image();
    }

    /** leak, reversal, alpha, beta, reset mode, kappa, R, TM, stochastic leak. */
    private static int[] randomNeuron(SplittableRandom rnd, boolean draws) {
        int leak = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(4) == 0 ? rnd.nextInt(-256, 256) : rnd.nextInt(-3, 4);
        int alpha = rnd.nextInt(6) == 0 ? rnd.nextInt(1 << 18) : rnd.nextInt(200);
        int beta = rnd.nextInt(6) == 0 ? rnd.nextInt(1 << 18) : rnd.nextInt(200);
        int resetV = rnd.nextInt(6) == 0 ? rnd.nextInt(-(1 << 19), 1 << 19) : rnd.nextInt(-100, 100);
        if (rnd.nextInt(20) == 0) {
            resetV = -(1 << 19); // -R saturates
        }
        return new int[] {leak, rnd.nextInt(2), alpha, beta, rnd.nextInt(3), rnd.nextInt(2), resetV,
                draws && rnd.nextBoolean() ? rnd.nextInt(1, 9) : 0,
                draws && rnd.nextBoolean() || leak == 0 ? rnd.nextInt(2) : 0};
    }
}
