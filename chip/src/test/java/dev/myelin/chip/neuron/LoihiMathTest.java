package dev.myelin.chip.neuron;

import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.SynapseFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-derived values for every helper, including the worked examples of loihi.md. */
class LoihiMathTest {
    private static final int LAVA = LoihiNeurons.DECAY_LAVA;
    private static final int NXSDK = LoihiNeurons.DECAY_NXSDK;
    private static final int MIXED = SynapseFormat.MIXED;
    private static final int EXC = SynapseFormat.EXCITATORY;
    private static final int INH = SynapseFormat.INHIBITORY;

    @Test
    void trunc0RoundsTowardZero() {
        // 64 * 2047 = 131008 = 31 * 4096 + 4032: 31.98 -> 31, and -31.98 -> -31 (not -32)
        assertThat(LoihiMath.trunc0(131008)).isEqualTo(31);
        assertThat(LoihiMath.trunc0(-131008)).isEqualTo(-31);
        assertThat(LoihiMath.trunc0(4095)).isZero();
        assertThat(LoihiMath.trunc0(-4095)).isZero();
        assertThat(LoihiMath.trunc0(4096)).isEqualTo(1);
        assertThat(LoihiMath.trunc0(-4097)).isEqualTo(-1);
    }

    @Test
    void decayFactorsByMode() {
        assertThat(LoihiMath.currentDecayFactor(LAVA, 2048)).isEqualTo(2047);
        assertThat(LoihiMath.currentDecayFactor(NXSDK, 2048)).isEqualTo(2048);
        assertThat(LoihiMath.currentDecayFactor(LAVA, 0)).isEqualTo(4095);   // du = 0 still decays by 1/4096
        assertThat(LoihiMath.currentDecayFactor(LAVA, 4095)).isZero();       // du = 4095 clears u
        assertThat(LoihiMath.currentDecayFactor(NXSDK, 0)).isEqualTo(4096);  // NxSDK du = 0 keeps u
        assertThat(LoihiMath.currentDecayFactor(NXSDK, 4096)).isZero();
        assertThat(LoihiMath.voltageDecayFactor(0)).isEqualTo(4096);
        assertThat(LoihiMath.voltageDecayFactor(205)).isEqualTo(3891);
    }

    @Test
    void impulseWithDu2048GivesSixtyFourThenThirtyOne() {
        // loihi.md: one input of weight 1, u = 0 + (1 << 6) = 64, then trunc0(64 * 2047 / 4096) = 31.
        int f = LoihiMath.currentDecayFactor(LAVA, 2048);
        int u = LoihiMath.nextU(0, f, 1);
        assertThat(u).isEqualTo(64);
        int[] expected = {31, 15, 7, 3, 1, 0, 0};
        // 31*2047 = 63457 -> 15; 15*2047 = 30705 -> 7; 7*2047 = 14329 -> 3; 3*2047 = 6141 -> 1; 2047 -> 0
        for (int e : expected) {
            u = LoihiMath.nextU(u, f, 0);
            assertThat(u).isEqualTo(e);
        }
        // NxSDK halves exactly: 64, 32, 16
        int g = LoihiMath.currentDecayFactor(NXSDK, 2048);
        assertThat(LoihiMath.nextU(64, g, 0)).isEqualTo(32);
        assertThat(LoihiMath.nextU(-64, f, 0)).isEqualTo(-31);
    }

    @Test
    void biasOnlyIntegratorsSpikeAtStepEleven() {
        // bias 37 << 4 = 592 and 40 << 4 = 640; threshold 100 << 6 = 6400; du = dv = 0.
        assertThat(firstSpike(37, 4, 100)).isEqualTo(11);   // 592 * 10 = 5920 <= 6400 < 592 * 11 = 6512
        assertThat(firstSpike(40, 4, 100)).isEqualTo(11);   // 640 * 10 = 6400 exactly: not > 6400
    }

    private static int firstSpike(int mant, int exp, int vth) {
        int bias = LoihiMath.biasOf(mant, exp);
        int th = LoihiMath.thresholdOf(vth);
        int u = 0;
        int v = 0;
        for (int k = 1; k <= 100; k++) {
            u = LoihiMath.nextU(u, LoihiMath.currentDecayFactor(LAVA, 0), 0);
            v = LoihiMath.nextV(v, LoihiMath.voltageDecayFactor(0), u, bias);
            if (LoihiMath.fires(v, th)) {
                return k;
            }
        }
        return -1;
    }

    @Test
    void biasAndThreshold() {
        assertThat(LoihiMath.biasOf(37, 4)).isEqualTo(592);
        assertThat(LoihiMath.biasOf(-4096, 7)).isEqualTo(-524288);
        assertThat(LoihiMath.biasOf(4095, 7)).isEqualTo(524160);
        assertThat(LoihiMath.thresholdOf(100)).isEqualTo(6400);
        assertThat(LoihiMath.thresholdOf(131071)).isEqualTo(8388544);
        assertThat(LoihiMath.fires(6400, 6400)).isFalse();
        assertThat(LoihiMath.fires(6401, 6400)).isTrue();
    }

    @Test
    void uWrapsAndKeepsPlusTwoToTheTwentyThree() {
        int h = 1 << 23;
        assertThat(LoihiMath.wrapU24(h)).isEqualTo(h);                   // not > 2^23: kept
        assertThat(LoihiMath.wrapU24(h + 1L)).isEqualTo(-h + 1);         // 2^23 + 1 - 2^24
        assertThat(LoihiMath.wrapU24(-h)).isEqualTo(h);                  // <= -2^23: + 2^24
        assertThat(LoihiMath.wrapU24(-h + 1L)).isEqualTo(-h + 1);
        assertThat(LoihiMath.wrapU24(3L * h)).isEqualTo(h);              // one subtraction suffices
        assertThat(LoihiMath.wrapU24(3L * h + 1)).isEqualTo(-h + 1);     // needs two
        assertThat(LoihiMath.wrapU24((1L << 24) + 5)).isEqualTo(5);
        assertThat(LoihiMath.wrapU24(-(1L << 24) - 5)).isEqualTo(-5);
        // u near the top plus an input: 8388000 + (10 << 6) = 8388640 > 2^23 -> 8388640 - 16777216
        assertThat(LoihiMath.nextU(8388000, 4096, 10)).isEqualTo(8388640 - 16777216);
    }

    @Test
    void vClipsSymmetrically() {
        int m = (1 << 23) - 1;
        assertThat(LoihiMath.clipV24(1L << 23)).isEqualTo(m);
        assertThat(LoihiMath.clipV24(-(1L << 23))).isEqualTo(-m);
        assertThat(LoihiMath.clipV24(m)).isEqualTo(m);
        assertThat(LoihiMath.clipV24(12345)).isEqualTo(12345);
        // v = 8000000 + u 8000000 + bias 0 saturates at 2^23 - 1
        assertThat(LoihiMath.nextV(8_000_000, 4096, 8_000_000, 0)).isEqualTo(m);
    }

    @Test
    void mixedWeightsBecomeEven() {
        assertThat(LoihiMath.effectiveWeight(-127, 8, MIXED)).isEqualTo(-128);
        assertThat(LoihiMath.effectiveWeight(-33, 8, MIXED)).isEqualTo(-34);
        assertThat(LoihiMath.effectiveWeight(47, 8, MIXED)).isEqualTo(46);
        assertThat(LoihiMath.effectiveWeight(-256, 8, MIXED)).isEqualTo(-256);
        assertThat(LoihiMath.effectiveWeight(300, 8, MIXED)).isEqualTo(254);    // clip 255, drop 1 bit
        assertThat(LoihiMath.effectiveWeight(47, 6, MIXED)).isEqualTo(40);      // drop 3: 47 = 5*8 + 7
        assertThat(LoihiMath.effectiveWeight(-1, 1, MIXED)).isEqualTo(-256);    // drop 8: floor(-1/256) = -1
    }

    @Test
    void excitatoryAndInhibitoryClipThenTruncate() {
        assertThat(LoihiMath.effectiveWeight(47, 8, EXC)).isEqualTo(47);
        assertThat(LoihiMath.effectiveWeight(-5, 8, EXC)).isZero();
        assertThat(LoihiMath.effectiveWeight(255, 6, EXC)).isEqualTo(252);      // drop 2
        assertThat(LoihiMath.effectiveWeight(47, 6, EXC)).isEqualTo(44);
        assertThat(LoihiMath.effectiveWeight(-256, 8, INH)).isEqualTo(-255);    // clip to [-255, 0]
        assertThat(LoihiMath.effectiveWeight(5, 8, INH)).isZero();
        assertThat(LoihiMath.effectiveWeight(-33, 7, INH)).isEqualTo(-32);      // magnitude 33 -> 32
        assertThat(LoihiMath.effectiveWeight(-255, 7, INH)).isEqualTo(-254);
        assertThat(LoihiMath.effectiveWeight(-200, 1, INH)).isEqualTo(-128);    // drop 7: 200 -> 128
    }

    @Test
    void activationScalingFloorsNegativeExponents() {
        assertThat(LoihiMath.scaleActivation(5, 3)).isEqualTo(40);
        assertThat(LoihiMath.scaleActivation(-5, 3)).isEqualTo(-40);
        assertThat(LoihiMath.scaleActivation(5, -1)).isEqualTo(2);
        assertThat(LoihiMath.scaleActivation(-5, -1)).isEqualTo(-3);            // floor(-2.5)
        assertThat(LoihiMath.scaleActivation(-1, -8)).isEqualTo(-1);
        assertThat(LoihiMath.scaleActivation(255, -8)).isZero();
    }
}
