package dev.myelin.isa.learn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DeviceTest {
    /**
     * NeuroSim's table of the normalised shape A against the nonlinearity label (MLP+NeuroSim
     * V3.0, formula.cpp, getParamA; figures, 6 decimals): label 0.01 -> 126.268958, 1 -> 1.251653,
     * 2.4 -> 0.499181, 4.88 -> 0.200303, 9 -> 0.022810. Our A comes from the bulge relation, not the table.
     */
    @Test
    void shapeFollowsNeuroSimsTable() {
        assertThat(Device.shape(0.01)).isCloseTo(126.268958, within(1e-5));
        assertThat(Device.shape(1)).isCloseTo(1.251653, within(1e-6));
        assertThat(Device.shape(2.4)).isCloseTo(0.499181, within(1e-6));
        assertThat(Device.shape(4.88)).isCloseTo(0.200303, within(1e-6));
        assertThat(Device.shape(9)).isCloseTo(0.022810, within(1e-6));
        assertThat(Device.shape(-4.88)).isCloseTo(-0.200303, within(1e-6));
        assertThat(Device.shape(0)).isInfinite();
    }

    /** G(p) = B (1 - e^(-p/A)) + Gmin, B = (Gmax - Gmin) / (1 - e^(-P/A)), A = 0.499181 * 97 (pulses), by hand. */
    @Test
    void agASiPotentiationCurveByFormula() {
        Device d = Device.AG_A_SI;
        double a = 0.4991811992 * 97;
        double b = (38.46 - 3.08) / (1 - Math.exp(-97 / a));
        for (int p : new int[]{0, 1, 10, 48, 96, 97}) {
            double want = b * (1 - Math.exp(-p / a)) + 3.08;
            assertThat(d.curve(p, 97, Device.shape(2.4))).as("p=" + p).isCloseTo(want, within(1e-9));
        }
        // hand values (computed once with the formula above): G(1) = 3.91595 nS, G(48) = 28.80035 nS
        assertThat(d.pulse(3.08, 1, Device.shape(2.4), Device.shape(-4.88))).isCloseTo(3.915951, within(1e-6));
        assertThat(d.pulse(3.08, 48, Device.shape(2.4), Device.shape(-4.88))).isCloseTo(28.800351, within(1e-6));
        // saturating: the first step is the largest, and 97 pulses reach Gmax
        double first = d.curve(1, 97, Device.shape(2.4)) - d.curve(0, 97, Device.shape(2.4));
        double last = d.curve(97, 97, Device.shape(2.4)) - d.curve(96, 97, Device.shape(2.4));
        assertThat(first).isGreaterThan(5 * last);
        assertThat(d.pulse(3.08, 97, Device.shape(2.4), 0)).isCloseTo(38.46, within(1e-9));
    }

    /** Depression walks back along the LTD curve (A = -0.200303 * 100): from Gmax one pulse gives G(99), by hand 36.72527 nS. */
    @Test
    void agASiDepressionByFormula() {
        Device d = Device.AG_A_SI;
        double aLtd = Device.shape(-4.88);
        assertThat(d.pulse(38.46, -1, 0, aLtd)).isCloseTo(36.725269, within(1e-6));
        assertThat(d.pulse(38.46, -99, 0, aLtd)).isCloseTo(3.092380, within(1e-6));
        assertThat(d.pulse(38.46, -100, 0, aLtd)).isCloseTo(3.08, within(1e-9));
        assertThat(d.pulse(38.46, -500, 0, aLtd)).isEqualTo(3.08);
    }

    /** The ideal device: 64 equal steps of (5000 - 100) / 64 = 76.5625 nS, hard bounds. */
    @Test
    void idealDeviceIsLinearWithHardBounds() {
        Device d = Device.IDEAL;
        double a = Device.shape(0);
        double g = d.gMinNs();
        for (int i = 1; i <= 64; i++) {
            double next = d.pulse(g, 1, a, a);
            assertThat(next - g).isCloseTo(76.5625, within(1e-9));
            g = next;
        }
        assertThat(g).isCloseTo(5000, within(1e-9));
        assertThat(d.pulse(g, 1, a, a)).isCloseTo(5000, within(1e-9));
        assertThat(d.pulse(g, -64, a, a)).isCloseTo(100, within(1e-9));
        assertThat(d.pulse(100, -1, a, a)).isCloseTo(100, within(1e-9));
    }

    /** Round trip where the curve's conductances are distinct doubles (at |NL| near 9 the flat end lies within one ulp of gMin). */
    @Test
    void positionInvertsTheCurve() {
        Device d = Device.AG_A_SI;
        for (double nl : new double[]{2.4, -4.88, 0, 0.3, -2}) {
            double a = Device.shape(nl);
            for (double p = 0; p <= 100; p += 12.5) {
                assertThat(d.position(d.curve(p, 100, a), 100, a)).as(nl + " " + p).isCloseTo(p, within(1e-7));
            }
        }
    }

    /** V^2 G t: 3.2 V, 38.46 nS, 300 us -> 10.24 * 38.46e-9 * 300e-6 J = 118.149 pJ; read 0.25 * 38.46e-9 * 5e-9 J. */
    @Test
    void pulseAndReadEnergy() {
        Device d = Device.AG_A_SI;
        assertThat(d.ltpPulsePj(38.46)).isCloseTo(118.14912, within(1e-6));
        assertThat(d.ltdPulsePj(3.08)).isCloseTo(2.8 * 2.8 * 3.08 * 0.3, within(1e-9));
        assertThat(d.readPj(38.46)).isCloseTo(0.25 * 38.46 * 5e-6, within(1e-15));
    }

    @Test
    void problemsNameTheField() {
        assertThat(Device.IDEAL.problem()).isNull();
        assertThat(Device.AG_A_SI.problem()).isNull();
        Device bad = new Device("x", 10, 5, 64, 64, 0, 0, 0, 0, 0, 0.5, 5, 2, 10, 2, 10);
        assertThat(bad.problem()).startsWith("g_max = 5.0 nS");
        Device nl = new Device("x", 1, 5, 64, 64, 12, 0, 0, 0, 0, 0.5, 5, 2, 10, 2, 10);
        assertThat(nl.problem()).startsWith("nl_ltp = 12.0");
        Device lv = new Device("x", 1, 5, 0, 64, 0, 0, 0, 0, 0, 0.5, 5, 2, 10, 2, 10);
        assertThat(lv.problem()).startsWith("levels_ltp = 0");
        assertThat(Device.presetNames()).containsExactly("ag-a-si", "ideal");
    }
}
