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
        assertThat(Device.presetNames()).containsExactly("ag-a-si", "alox-hfo2", "epiram", "ideal", "pcmo", "taox-hfox");
        for (Device p : Device.PRESETS.values()) {
            assertThat(p.problem()).as(p.name()).isNull();
        }
    }

    /**
     * The benchmark-table presets, from R_on and the on/off ratio (G_max = 1 / R_on, G_min = G_max / ratio), by hand:
     * TaOx/HfOx 100 kOhm, 10 -> 10000, 1000 nS; PCMO 23 MOhm, 6.84 -> 43.4783, 6.3565 nS; AlOx/HfO2 16.9 kOhm,
     * 4.43 -> 59171.6, 13357.0 nS; EpiRAM 81 kOhm, 50.2 -> 12345.68, 245.93 nS. Each has its table's number of states on
     * both curves, and its preset id round-trips.
     */
    @Test
    void benchmarkPresetsFromTheTable() {
        record Want(Device d, double gMin, double gMax, int levels, double nlLtp, double nlLtd, double c2c) {
        }
        for (Want w : new Want[]{
                new Want(Device.TAOX_HFOX, 1000, 10000, 128, 0.04, -0.63, 0.037),
                new Want(Device.PCMO, 6.3565, 43.4783, 50, 3.68, -6.76, 0.01),
                new Want(Device.ALOX_HFO2, 13357.0, 59171.6, 40, 1.94, -0.61, 0.05),
                new Want(Device.EPIRAM, 245.93, 12345.68, 64, 0.5, -0.5, 0.02)}) {
            Device d = w.d();
            assertThat(d.gMinNs()).as(d.name()).isCloseTo(w.gMin(), within(1e-4 * w.gMin()));
            assertThat(d.gMaxNs()).as(d.name()).isCloseTo(w.gMax(), within(1e-4 * w.gMax()));
            assertThat(d.levelsLtp()).isEqualTo(w.levels());
            assertThat(d.levelsLtd()).isEqualTo(w.levels());
            assertThat(d.nlLtp()).isEqualTo(w.nlLtp());
            assertThat(d.nlLtd()).isEqualTo(w.nlLtd());
            assertThat(d.cycleToCycle()).isEqualTo(w.c2c());
            assertThat(Device.PRESET_IDS.get(d.presetId())).isSameAs(d);
            assertThat(Device.preset(d.name())).containsSame(d);
        }
    }

    /**
     * Every preset's curves without variability: the potentiation curve starts at G_min, rises strictly with each of
     * its P_ltp pulses and ends at G_max; the depression curve from G_max falls strictly with each of its P_ltd pulses
     * and ends at G_min; one pulse more changes nothing (hard bounds).
     */
    @Test
    void everyPresetsCurvesAreMonotoneBetweenTheBounds() {
        for (Device d : Device.PRESETS.values()) {
            double aUp = Device.shape(d.nlLtp());
            double aDown = Device.shape(d.nlLtd());
            double tol = 1e-9 * d.gMaxNs();
            double g = d.gMinNs();
            for (int p = 1; p <= d.levelsLtp(); p++) {
                double next = d.pulse(g, 1, aUp, aDown);
                assertThat(next).as(d.name() + " LTP pulse " + p).isGreaterThan(g);
                g = next;
            }
            assertThat(g).as(d.name() + " top").isCloseTo(d.gMaxNs(), within(tol));
            assertThat(d.pulse(d.gMaxNs(), 1, aUp, aDown)).isCloseTo(d.gMaxNs(), within(tol));
            g = d.gMaxNs();
            for (int p = 1; p <= d.levelsLtd(); p++) {
                double next = d.pulse(g, -1, aUp, aDown);
                assertThat(next).as(d.name() + " LTD pulse " + p).isLessThan(g);
                g = next;
            }
            assertThat(g).as(d.name() + " bottom").isCloseTo(d.gMinNs(), within(tol));
            assertThat(d.pulse(d.gMinNs(), -1, aUp, aDown)).isCloseTo(d.gMinNs(), within(tol));
        }
    }

    /**
     * PCMO, hand energies: a potentiation pulse through G_max, V^2 G t = 2^2 x 43.478 nS x 1 ms = 173.913 pJ (4 x 43.478e-9
     * x 1e-3 J); EpiRAM's through G_max, 5^2 x 12345.68 nS x 5 us = 1543.21 pJ; TaOx/HfOx's read of G_max, 0.5^2 x 10 uS x
     * 5 ns = 0.0125 pJ.
     */
    @Test
    void benchmarkPresetEnergies() {
        assertThat(Device.PCMO.ltpPulsePj(Device.PCMO.gMaxNs())).isCloseTo(173.913, within(1e-3));
        assertThat(Device.EPIRAM.ltpPulsePj(Device.EPIRAM.gMaxNs())).isCloseTo(1543.21, within(1e-2));
        assertThat(Device.EPIRAM.ltdPulsePj(Device.EPIRAM.gMaxNs())).isCloseTo(9 * 12345.679 * 5e-3, within(1e-2));
        assertThat(Device.TAOX_HFOX.readPj(10000)).isCloseTo(0.0125, within(1e-12));
    }
}
