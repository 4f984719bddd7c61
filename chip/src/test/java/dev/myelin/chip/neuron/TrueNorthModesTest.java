package dev.myelin.chip.neuron;

import dev.myelin.chip.testing.TnNet;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NegativeThreshold;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;

import static org.assertj.core.api.Assertions.assertThat;

/** Each TrueNorth mode on a one-neuron core, with expected values derived by hand. */
class TrueNorthModesTest {
    private static final dev.myelin.isa.arch.Architecture TN = dev.myelin.isa.arch.Presets.require("truenorth");


    /** Hands out scripted rho values (0 once the script is used up) and counts draws. */
    static final class Scripted implements CoreRandom {
        final Deque<Integer> script = new ArrayDeque<>();
        int draws;

        Scripted(int... rho) {
            for (int r : rho) {
                script.add(r);
            }
        }

        @Override
        public int nextRho() {
            draws++;
            return script.isEmpty() ? 0 : script.poll();
        }
    }

    private static TnNet.TnCore oneNeuron() {
        return new TnNet().core(0, 2, 1);
    }

    /** Runs the neuron for {@code ticks} ticks with axons {@code active} every tick; returns V after each. */
    private static int[] trace(TnNet.TnCore c, CoreRandom r, int ticks, long active, int[] firedTicks) {
        CoreImage img = c.image();
        TrueNorthArray a = new TrueNorthArray(img, TN, r);
        int[] v = new int[ticks];
        int[] fired = new int[1];
        for (int t = 0; t < ticks; t++) {
            a.integrate(new long[] {active}, 1);
            int f = a.update(t, fired);
            if (firedTicks != null) {
                firedTicks[t] = f;
            }
            v[t] = a.v(0);
        }
        return v;
    }

    @Test
    void leakReversalLeaksTowardZeroAndStopsThere() {
        TnNet.TnCore c = oneNeuron();
        c.p.leak()[0] = -1;
        c.p.leakReversal()[0] = 1;
        c.p.v0()[0] = 3;
        // Omega = sgn(V): -1 * sgn(3) = -1 per tick until V = 0, where sgn(0) = 0
        assertThat(trace(c, new Scripted(), 5, 0, null)).containsExactly(2, 1, 0, 0, 0);
        c.p.v0()[0] = -2;
        // from below: Omega = -1, lambda = -1 -> +1 per tick
        assertThat(trace(c, new Scripted(), 4, 0, null)).containsExactly(-1, 0, 0, 0);
    }

    @Test
    void leakReversalWithPositiveLambdaLeaksAwayFromZero() {
        TnNet.TnCore c = oneNeuron();
        c.p.leak()[0] = 2;
        c.p.leakReversal()[0] = 1;
        c.p.v0()[0] = -1;
        assertThat(trace(c, new Scripted(), 3, 0, null)).containsExactly(-3, -5, -7);
    }

    @Test
    void kappaSaturatesAtMinusBetaWhateverTheResetMode() {
        TnNet.TnCore c = oneNeuron();
        c.p.leak()[0] = -3;
        c.p.beta()[0] = 5;
        c.p.kappa()[0] = 1;
        c.p.resetV()[0] = 2;
        // -3, -6 < -5 -> -5, -8 -> -5
        assertThat(trace(c, new Scripted(), 4, 0, null)).containsExactly(-3, -5, -5, -5);
        c.p.resetMode()[0] = 1;
        assertThat(trace(c, new Scripted(), 4, 0, null)).containsExactly(-3, -5, -5, -5);
    }

    @Test
    void linearNegativeResetAddsBetaBack() {
        TnNet.TnCore c = oneNeuron();
        c.p.leak()[0] = -2;
        c.p.beta()[0] = 5;
        c.p.resetMode()[0] = 1;
        // -2, -4, -6 < -5 -> -6 + 5 = -1, -3, -5, -7 -> -2
        assertThat(trace(c, new Scripted(), 6, 0, null)).containsExactly(-2, -4, -1, -3, -5, -2);
    }

    @Test
    void nonResetModeKeepsVAndFiresEveryTickAboveAlpha() {
        TnNet.TnCore c = oneNeuron();
        c.p.leak()[0] = 1;
        c.p.alpha()[0] = 3;
        c.p.resetMode()[0] = 2;
        int[] fired = new int[5];
        assertThat(trace(c, new Scripted(), 5, 0, fired)).containsExactly(1, 2, 3, 4, 5);
        assertThat(fired).containsExactly(0, 0, 1, 1, 1);
        c.p.leak()[0] = -1;
        c.p.beta()[0] = 2;
        // below -beta: unchanged by the negative threshold
        assertThat(trace(c, new Scripted(), 4, 0, null)).containsExactly(-1, -2, -3, -4);
    }

    @Test
    void vSaturatesAtBothEndsAndMinusROfTheMostNegativeR() {
        TnNet.TnCore c = oneNeuron();
        c.connect(0, 0, 0);
        c.p.weights()[0] = 255;
        c.p.alpha()[0] = TrueNorthMath.THRESHOLD_MAX;
        c.p.resetMode()[0] = 2;
        c.p.v0()[0] = TrueNorthMath.V_MAX - 100;
        assertThat(trace(c, new Scripted(), 2, 1, null)).containsExactly(TrueNorthMath.V_MAX, TrueNorthMath.V_MAX);
        c.p.weights()[0] = -256;
        c.p.beta()[0] = TrueNorthMath.THRESHOLD_MAX;
        c.p.v0()[0] = TrueNorthMath.V_MIN + 100;
        assertThat(trace(c, new Scripted(), 2, 1, null)).containsExactly(TrueNorthMath.V_MIN, TrueNorthMath.V_MIN);

        TnNet.TnCore d = oneNeuron();
        d.p.leak()[0] = -1;
        d.p.beta()[0] = 0;
        d.p.resetV()[0] = TrueNorthMath.V_MIN;
        // V = -1 < -0: reset to -R = 2^19, saturated to 2^19 - 1
        assertThat(trace(d, new Scripted(), 1, 0, null)).containsExactly(TrueNorthMath.V_MAX);
    }

    @Test
    void thresholdMaskRaisesAlphaByEta() {
        TnNet.TnCore c = oneNeuron();
        c.p.alpha()[0] = 4;
        c.p.thresholdMaskBits()[0] = 2;
        c.p.resetMode()[0] = 2;
        c.p.v0()[0] = 5;
        int[] fired = new int[3];
        // rho 0xFF -> eta 3: 5 < 7; rho 0x01 -> eta 1: 5 >= 5 fires; rho 0x02 -> eta 2: 5 < 6
        Scripted r = new Scripted(0xFF, 0x01, 0x02);
        trace(c, r, 3, 0, fired);
        assertThat(fired).containsExactly(0, 1, 0);
        assertThat(r.draws).isEqualTo(3);
    }

    @Test
    void drawsHappenOnlyWhereTheDocumentedOrderSaysSo() {
        TnNet.TnCore c = new TnNet().core(0, 2, 3);
        // neuron 0: stochastic type-0 synapse from axons 0 and 1; neuron 1: exact synapse;
        // neuron 2: stochastic leak and a threshold mask it never needs (V stays in [-beta, alpha))
        c.connect(0, 0, 0).connect(1, 0, 0).connect(0, 0, 1);
        c.p.weights()[0] = 100;
        c.p.stochasticSynapse()[0] = 1;
        c.p.weights()[4] = 7;
        c.p.leak()[2] = 1;
        c.p.stochasticLeak()[2] = 1;
        c.p.thresholdMaskBits()[2] = 4;
        // axon 0 -> neuron 0 (rho 100: |100| >= 100 -> +1), axon 1 -> neuron 0 (rho 101: 0),
        // then the leak draw of neuron 2 (rho 2: |1| < 2 -> 0)
        Scripted r = new Scripted(100, 101, 2);
        CoreImage img = c.image();
        TrueNorthArray a = new TrueNorthArray(img, TN, r);
        long events = a.integrate(new long[] {0b11}, 1);
        a.update(0, new int[3]);
        assertThat(events).isEqualTo(3);
        assertThat(r.draws).isEqualTo(3);
        assertThat(a.v(0)).isEqualTo(1);
        assertThat(a.v(1)).isEqualTo(7);
        assertThat(a.v(2)).isZero();
        // updated by SANA-FE's rule: 0 and 1 had input; 2 has a leak (TrueNorth's bias) though V stays 0
        assertThat(a.lastActiveUpdates()).isEqualTo(3);
    }

    /** One neuron at V0 = -beta = -5, no leak and no input, R = 3, under {@code rule}. */
    private static TnNet.TnCore atMinusBeta(NegativeThreshold rule, int gamma, int kappa) {
        TnNet.TnCore c = oneNeuron();
        c.p.beta()[0] = 5;
        c.p.resetV()[0] = 3;
        c.p.v0()[0] = -5;
        c.p.resetMode()[0] = gamma;
        c.p.kappa()[0] = kappa;
        c.negativeThreshold = rule;
        return c;
    }

    @Test
    void vAtExactlyMinusBetaCrossesOnlyTheInclusiveThresholdInEveryMode() {
        // strict: -5 < -5 is false in every mode, V stays -5
        for (int gamma = 0; gamma <= 2; gamma++) {
            for (int kappa = 0; kappa <= 1; kappa++) {
                assertThat(trace(atMinusBeta(NegativeThreshold.STRICT, gamma, kappa), new Scripted(), 2, 0, null))
                        .as("strict gamma %d kappa %d", gamma, kappa).containsExactly(-5, -5);
            }
        }
        // inclusive, -5 <= -5: normal reset to -R = -3; linear adds beta back, -5 + 5 = 0; non-reset keeps -5;
        // kappa saturates at -beta, which is -5 already
        assertThat(trace(atMinusBeta(NegativeThreshold.INCLUSIVE, 0, 0), new Scripted(), 2, 0, null))
                .containsExactly(-3, -3);
        assertThat(trace(atMinusBeta(NegativeThreshold.INCLUSIVE, 1, 0), new Scripted(), 2, 0, null))
                .containsExactly(0, 0);
        assertThat(trace(atMinusBeta(NegativeThreshold.INCLUSIVE, 2, 0), new Scripted(), 2, 0, null))
                .containsExactly(-5, -5);
        assertThat(trace(atMinusBeta(NegativeThreshold.INCLUSIVE, 0, 1), new Scripted(), 2, 0, null))
                .containsExactly(-5, -5);
    }

    @Test
    void belowMinusBetaBothRulesAgree() {
        for (NegativeThreshold rule : NegativeThreshold.values()) {
            TnNet.TnCore c = atMinusBeta(rule, 0, 0);
            c.p.v0()[0] = -6;
            assertThat(trace(c, new Scripted(), 1, 0, null)).as(rule.id()).containsExactly(-3);
            c.p.v0()[0] = -4;
            assertThat(trace(c, new Scripted(), 1, 0, null)).as(rule.id()).containsExactly(-4);
        }
    }

    @Test
    void inclusiveThresholdWithAMaskDrawsEtaAtMinusBetaAndTheStrictOneDoesNot() {
        TnNet.TnCore c = atMinusBeta(NegativeThreshold.INCLUSIVE, 0, 0);
        c.p.thresholdMaskBits()[0] = 2;
        // tick 0: rho 0xFF -> eta 3, -5 <= -(5 + 3) is false, V stays; tick 1: rho 0 -> eta 0, -5 <= -5 -> -3;
        // tick 2: -3 is above -beta: no draw
        Scripted r = new Scripted(0xFF, 0x00);
        assertThat(trace(c, r, 3, 0, null)).containsExactly(-5, -3, -3);
        assertThat(r.draws).isEqualTo(2);
        TnNet.TnCore s = atMinusBeta(NegativeThreshold.STRICT, 0, 0);
        s.p.thresholdMaskBits()[0] = 2;
        Scripted none = new Scripted(0x00, 0x00);
        assertThat(trace(s, none, 3, 0, null)).containsExactly(-5, -5, -5);
        assertThat(none.draws).isZero();
    }

    @Test
    void vAtMinusBetaIsQuiescentOnlyUnderTheStrictRule() {
        assertThat(new TrueNorthArray(atMinusBeta(NegativeThreshold.STRICT, 0, 0).image(), TN, new Scripted())
                .quiescent()).isTrue();
        assertThat(new TrueNorthArray(atMinusBeta(NegativeThreshold.INCLUSIVE, 0, 0).image(), TN, new Scripted())
                .quiescent()).isFalse();
    }

    @Test
    void quiescenceRequiresNoLeakAndVBetweenMinusBetaAndAlpha() {
        TnNet.TnCore c = oneNeuron();
        c.p.alpha()[0] = 2;
        c.p.beta()[0] = 1;
        c.p.v0()[0] = 1;
        CoreImage img = c.image();
        assertThat(new TrueNorthArray(img, TN, new Scripted()).quiescent()).isTrue();
        c.p.v0()[0] = 2;
        assertThat(new TrueNorthArray(img, TN, new Scripted()).quiescent()).isFalse();
        c.p.v0()[0] = -2;
        assertThat(new TrueNorthArray(img, TN, new Scripted()).quiescent()).isFalse();
        c.p.v0()[0] = 0;
        c.p.leak()[0] = 1;
        assertThat(new TrueNorthArray(img, TN, new Scripted()).quiescent()).isFalse();
    }
}
