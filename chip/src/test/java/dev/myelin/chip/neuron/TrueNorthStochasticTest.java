package dev.myelin.chip.neuron;

import dev.myelin.chip.testing.TnNet;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stochastic modes against their documented probabilities. Each test counts successes
 * over n independent trials with success probability p and accepts |hits - n p| &lt;= 5 sigma,
 * sigma = sqrt(n p (1 - p)) (binomial): a correct generator fails with probability below 1e-6.
 */
class TrueNorthStochasticTest {
    private static final dev.myelin.isa.arch.Architecture TN = dev.myelin.isa.arch.Presets.require("truenorth");

    private static final int NEURONS = 256;
    private static final int TICKS = 400;

    private static TrueNorthArray array(TnNet.TnCore c, long seed) {
        CoreImage img = c.image();
        return new TrueNorthArray(img, TN, XorShift32Random.forCore(seed, c.id));
    }

    /** Sum of V over all neurons after TICKS ticks, with axon 0 active when {@code input}. */
    private static long run(TrueNorthArray a, boolean input) {
        int[] fired = new int[NEURONS];
        for (int t = 0; t < TICKS; t++) {
            a.integrate(new long[] {input ? 1L : 0L}, 1);
            a.update(t, fired);
        }
        long sum = 0;
        for (int j = 0; j < NEURONS; j++) {
            sum += a.v(j);
        }
        return sum;
    }

    private static void assertBinomial(long hits, long n, double p) {
        double sigma = Math.sqrt(n * p * (1 - p));
        assertThat((double) hits).as("hits of %d trials, p = %f", n, p).isCloseTo(n * p,
                org.assertj.core.data.Offset.offset(5 * sigma + 1e-9));
    }

    private static TnNet.TnCore core() {
        TnNet.TnCore c = new TnNet().core(0, 1, NEURONS);
        Arrays.fill(c.p.alpha(), TrueNorthMath.THRESHOLD_MAX);
        Arrays.fill(c.p.beta(), TrueNorthMath.THRESHOLD_MAX);
        return c;
    }

    @Test
    void stochasticSynapseOfMagnitudeKAddsSignWithProbabilityKPlusOneOver256() {
        for (int k : new int[] {1, 17, 128, 200, -64}) {
            TnNet.TnCore c = core();
            for (int j = 0; j < NEURONS; j++) {
                c.connect(0, 2, j);
                c.p.weights()[4 * j + 2] = k;
                c.p.stochasticSynapse()[j] = 0b0100;
            }
            long hits = Integer.signum(k) * run(array(c, 11 + k), true);
            assertBinomial(hits, (long) NEURONS * TICKS, (Math.abs(k) + 1) / 256.0);
        }
    }

    @Test
    void stochasticSynapseOfMagnitude255AlwaysAdds() {
        TnNet.TnCore c = core();
        for (int j = 0; j < NEURONS; j++) {
            c.connect(0, 0, j);
            c.p.weights()[4 * j] = 255;
            c.p.stochasticSynapse()[j] = 1;
        }
        assertThat(run(array(c, 3), true)).isEqualTo((long) NEURONS * TICKS);
    }

    @Test
    void stochasticLeakOfMagnitudeKAddsSignWithProbabilityKPlusOneOver256() {
        for (int k : new int[] {3, 100, -250}) {
            TnNet.TnCore c = core();
            Arrays.fill(c.p.leak(), k);
            Arrays.fill(c.p.stochasticLeak(), 1);
            long hits = Integer.signum(k) * run(array(c, 5 + k), false);
            assertBinomial(hits, (long) NEURONS * TICKS, (Math.abs(k) + 1) / 256.0);
        }
    }

    @Test
    void thresholdMaskFiresWithProbabilityXPlusOneOverTwoToTm() {
        // V pinned at alpha + x (reset R = alpha + x, no leak): fires iff eta <= x
        int tm = 4;
        int x = 5;
        TnNet.TnCore c = core();
        Arrays.fill(c.p.alpha(), 100);
        Arrays.fill(c.p.thresholdMaskBits(), tm);
        Arrays.fill(c.p.resetV(), 100 + x);
        Arrays.fill(c.p.v0(), 100 + x);
        TrueNorthArray a = array(c, 99);
        int[] fired = new int[NEURONS];
        long hits = 0;
        for (int t = 0; t < TICKS; t++) {
            a.integrate(new long[] {0L}, 1);
            hits += a.update(t, fired);
        }
        for (int j = 0; j < NEURONS; j++) {
            assertThat(a.v(j)).isEqualTo(100 + x);
        }
        assertBinomial(hits, (long) NEURONS * TICKS, (x + 1) / 16.0);
    }

    @Test
    void theSameSeedGivesTheSameStochasticRun() {
        TnNet.TnCore c = core();
        Arrays.fill(c.p.leak(), 40);
        Arrays.fill(c.p.stochasticLeak(), 1);
        assertThat(run(array(c, 1), false)).isEqualTo(run(array(c, 1), false))
                .isNotEqualTo(run(new TrueNorthArray(c.image(), TN,
                        XorShift32Random.forCore(2, new CoreId(0, 0, 0))), false));
    }
}
