package dev.myelin.chip.neuron;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrueNorthMathTest {

    @Test
    void vSaturatesToSigned20BitsInsteadOfWrapping() {
        assertThat(TrueNorthMath.V_MAX).isEqualTo(524_287);
        assertThat(TrueNorthMath.V_MIN).isEqualTo(-524_288);
        assertThat(TrueNorthMath.saturateV(524_287)).isEqualTo(524_287);
        assertThat(TrueNorthMath.saturateV(524_288)).isEqualTo(524_287);
        assertThat(TrueNorthMath.saturateV(-524_288)).isEqualTo(-524_288);
        assertThat(TrueNorthMath.saturateV(-524_289)).isEqualTo(-524_288);
        assertThat(TrueNorthMath.saturateV(Long.MAX_VALUE)).isEqualTo(524_287);
        assertThat(TrueNorthMath.saturateV(-3)).isEqualTo(-3);
    }

    @Test
    void stochasticRoundingIsSignOfSWhenMagnitudeReachesRho() {
        assertThat(TrueNorthMath.stochastic(5, 5)).isEqualTo(1);
        assertThat(TrueNorthMath.stochastic(5, 6)).isZero();
        assertThat(TrueNorthMath.stochastic(-5, 0)).isEqualTo(-1);
        assertThat(TrueNorthMath.stochastic(-5, 5)).isEqualTo(-1);
        assertThat(TrueNorthMath.stochastic(-5, 6)).isZero();
        assertThat(TrueNorthMath.stochastic(0, 0)).isZero();
        assertThat(TrueNorthMath.stochastic(-256, 255)).isEqualTo(-1);
    }

    @Test
    void stochasticRoundingCountsKPlusOneOfTheRhoValues() {
        for (int k = 1; k <= 255; k++) {
            int hits = 0;
            for (int rho = 0; rho < 256; rho++) {
                hits += TrueNorthMath.stochastic(k, rho);
            }
            assertThat(hits).isEqualTo(k + 1);
        }
    }

    @Test
    void thresholdMaskKeepsTheLowTmBitsOfRho() {
        assertThat(TrueNorthMath.thresholdMask(0xFF, 0)).isZero();
        assertThat(TrueNorthMath.thresholdMask(0xFF, 3)).isEqualTo(7);
        assertThat(TrueNorthMath.thresholdMask(0b1010_1010, 4)).isEqualTo(0b1010);
        assertThat(TrueNorthMath.thresholdMask(0xA5, 8)).isEqualTo(0xA5);
    }

    @Test
    void leakDirectionIsOneOrTheSignOfV() {
        assertThat(TrueNorthMath.leakDirection(0, -7)).isEqualTo(1);
        assertThat(TrueNorthMath.leakDirection(1, -7)).isEqualTo(-1);
        assertThat(TrueNorthMath.leakDirection(1, 7)).isEqualTo(1);
        assertThat(TrueNorthMath.leakDirection(1, 0)).isZero();
    }
}
