package dev.myelin.chip.learn;

import dev.myelin.isa.learn.Device;
import dev.myelin.isa.model.CoreId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CrossbarTest {
    /** 2 axons x 2 columns: a0 -> n0, n1; a1 -> n0. */
    private static final int[] ROWS = {0, 2, 3};
    private static final int[] POST = {0, 1, 0};

    /**
     * Ideal device (100..5000 nS, 0.5 V read). Weights 0.5, 1, 0 give G = 2550, 5000, 100 nS.
     * Both axons active: column 0 = 0.5 V * (2550 + 100) nS = 1325 nA, column 1 = 0.5 * 5000 = 2500 nA
     * (Ohm per device, Kirchhoff per column). An 8-bit ADC with full scale 2500 nA: codes
     * round(1325 / 2500 * 255) = round(135.15) = 135 and 255; axon 0 alone: 0.5 * 2550 = 1275 nA -> round(130.05) = 130.
     */
    @Test
    void columnCurrentsAreOhmAndKirchhoff() {
        Crossbar x = new Crossbar(Device.IDEAL, false, 8, 2500, ROWS, POST, 2, new double[]{0.5, 1, 0}, 1);
        double[] i = new double[2];
        int[] c = new int[2];
        x.read(new long[]{0b11}, i, c);
        assertThat(i[0]).isCloseTo(1325, within(1e-9));
        assertThat(i[1]).isCloseTo(2500, within(1e-9));
        assertThat(c).containsExactly(135, 255);
        x.read(new long[]{0b01}, i, c);
        assertThat(i[0]).isCloseTo(1275, within(1e-9));
        assertThat(c).containsExactly(130, 255);
        assertThat(x.reads()).isEqualTo(5);
        // read energy: V^2 G t = 0.25 V^2 * G nS * 5 ns = 1.25 G 1e-6 pJ, over the five device reads
        double g = 2550 + 5000 + 100 + 2550 + 5000;
        assertThat(x.readPj()).isCloseTo(0.25 * g * 5 * 1e-6, within(1e-12));
    }

    /** A pair: weight -0.5 puts G- at 100 + 2450 = 2550 nS, G+ at 100; column current 0.5 (100 - 2550) = -1225 nA. */
    @Test
    void differentialPairReadsGPlusMinusGMinus() {
        Crossbar x = new Crossbar(Device.IDEAL, true, 8, 2450, new int[]{0, 1}, new int[]{0}, 1, new double[]{-0.5}, 1);
        double[] i = new double[1];
        int[] c = new int[1];
        x.read(new long[]{1}, i, c);
        assertThat(i[0]).isCloseTo(-1225, within(1e-9));
        // signed 8-bit: codeMax 127, round(-1225 / 2450 * 127) = round(-63.5) = -64 (half away from zero)
        assertThat(c[0]).isEqualTo(-64);
        assertThat(x.weight(0)).isCloseTo(-0.5, within(1e-12));
        // +32 pulses: G+ up 32 steps of 76.5625 nS, G- down 32 steps: weight -0.5 + 2 * 32 / 64 = 0.5
        x.pulse(0, 32);
        assertThat(x.conductance(0)).isCloseTo(100 + 32 * 76.5625, within(1e-9));
        assertThat(x.conductanceMinus(0)).isCloseTo(100, within(1e-9));
        assertThat(x.weight(0)).isCloseTo(0.5, within(1e-12));
        assertThat(x.ltpPulses()).isEqualTo(32);
        assertThat(x.ltdPulses()).isEqualTo(32);
    }

    /** ADC clamps: a 1-bit single-ended ADC gives 0 or 1. */
    @Test
    void adcResolutionAndClamping() {
        Crossbar x = new Crossbar(Device.IDEAL, false, 1, 1000, ROWS, POST, 2, new double[]{0, 0, 0}, 1);
        assertThat(x.adc(499)).isEqualTo(0);
        assertThat(x.adc(500)).isEqualTo(1);
        assertThat(x.adc(1e9)).isEqualTo(1);
        assertThat(x.adc(-5)).isEqualTo(0);
        Crossbar y = new Crossbar(Device.IDEAL, false, 12, 1000, ROWS, POST, 2, new double[]{0, 0, 0}, 1);
        assertThat(y.adc(333.3)).isEqualTo(1365); // 333.3 / 1000 * 4095 = 1364.86
    }

    /** dw / full * levels rounded half away from zero: ideal 64 levels, full 256: dw 2 -> 0.5 -> 1, dw 1 -> 0.25 -> 0, dw -6 -> -1.5 -> -2. */
    @Test
    void ruleChangeToPulseCount() {
        Crossbar x = new Crossbar(Device.IDEAL, false, 8, 1000, ROWS, POST, 2, new double[]{0, 0, 0}, 1);
        assertThat(x.pulsesFor(2, 256)).isEqualTo(1);
        assertThat(x.pulsesFor(1, 256)).isEqualTo(0);
        assertThat(x.pulsesFor(-6, 256)).isEqualTo(-2);
        assertThat(x.pulsesFor(10_000, 256)).isEqualTo(64);
        // Ag:a-Si: 97 up, 100 down; full 100: dw 50 -> 48.5 -> 49, dw -50 -> -50
        Crossbar a = new Crossbar(Device.AG_A_SI, false, 8, 1000, ROWS, POST, 2, new double[]{0, 0, 0}, 1);
        assertThat(a.pulsesFor(50, 100)).isEqualTo(49);
        assertThat(a.pulsesFor(-50, 100)).isEqualTo(-50);
    }

    /** Programming energy: ideal device, one LTP pulse from 100 to 176.5625 nS: 2^2 V^2 * mean 138.28125 nS * 10 ns * 1e-6 pJ. */
    @Test
    void programmingEnergy() {
        Crossbar x = new Crossbar(Device.IDEAL, false, 8, 1000, ROWS, POST, 2, new double[]{0, 0, 0}, 1);
        x.pulse(0, 1);
        assertThat(x.writePj()).isCloseTo(4 * 138.28125 * 10 * 1e-6, within(1e-15));
        // in whole fJ, as the activity record counts it: 5.53125 fJ -> 6 (half up)
        assertThat(Crossbar.femtojoules(x.writePj())).isEqualTo(6);
    }

    /** pJ to whole fJ, rounded half up: 0.804 pJ -> 804, 0.0004 -> 0, 0.0005 -> 1, 118.14912 -> 118149. */
    @Test
    void femtojoulesRoundHalfUp() {
        assertThat(Crossbar.femtojoules(0.804)).isEqualTo(804);
        assertThat(Crossbar.femtojoules(0.0004)).isZero();
        assertThat(Crossbar.femtojoules(0.0005)).isEqualTo(1);
        assertThat(Crossbar.femtojoules(118.14912)).isEqualTo(118_149);
        assertThat(Crossbar.femtojoules(0)).isZero();
    }

    /** Cycle-to-cycle error: from mid-range, one pulse adds N(0, 0.035 * 35.38 nS); over 4000 devices mean ~ 0 and sigma ~ 1.238 nS. */
    @Test
    void cycleToCycleVariationHasTheDevicesSigma() {
        int n = 4000;
        int[] rows = new int[n + 1];
        int[] post = new int[n];
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            rows[k + 1] = k + 1;
            w[k] = 0.5;
        }
        Device d = Device.AG_A_SI;
        Crossbar x = new Crossbar(d, false, 8, 1000, rows, post, 1, w, 42);
        double noiseless = d.pulse(d.gMinNs() + 0.5 * d.rangeNs(), 1, Device.shape(d.nlLtp()), Device.shape(d.nlLtd()));
        double sum = 0;
        double sq = 0;
        for (int k = 0; k < n; k++) {
            x.pulse(k, 1);
            double e = x.conductance(k) - noiseless;
            sum += e;
            sq += e * e;
        }
        double mean = sum / n;
        double sigma = Math.sqrt(sq / n - mean * mean);
        double want = 0.035 * d.rangeNs();
        assertThat(mean).isCloseTo(0, within(4 * want / Math.sqrt(n)));
        assertThat(sigma).isCloseTo(want, within(0.05 * want));
    }

    /** Same seed, same conductances; another core's seed, others. */
    @Test
    void variabilityIsSeededPerCore() {
        Device noisy = new Device("noisy", 3.08, 38.46, 97, 100, 2.4, -4.88, 0.035, 0.5, 0.05, 0.5, 5, 3.2, 300_000, 2.8,
                300_000);
        double[] a = run(noisy, Crossbar.seedFor(7, new CoreId(0, 0, 0)));
        double[] b = run(noisy, Crossbar.seedFor(7, new CoreId(0, 0, 0)));
        double[] c = run(noisy, Crossbar.seedFor(7, new CoreId(1, 0, 0)));
        double[] e = run(noisy, Crossbar.seedFor(8, new CoreId(0, 0, 0)));
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a).isNotEqualTo(e);
    }

    /** Eight cores' crossbars programmed and read on 1 thread and on 4: identical conductances, currents and energies. */
    @Test
    void identicalForAnyThreadCount() throws Exception {
        Device noisy = new Device("noisy", 3.08, 38.46, 97, 100, 2.4, -4.88, 0.035, 0.5, 0.05, 0.5, 5, 3.2, 300_000, 2.8,
                300_000);
        List<double[]> one = new ArrayList<>();
        for (int core = 0; core < 8; core++) {
            one.add(run(noisy, Crossbar.seedFor(3, new CoreId(core, 1, 0))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> f = new ArrayList<>();
            for (int core = 7; core >= 0; core--) {
                int id = core;
                f.add(pool.submit(() -> run(noisy, Crossbar.seedFor(3, new CoreId(id, 1, 0)))));
            }
            for (int core = 0; core < 8; core++) {
                assertThat(f.get(7 - core).get()).containsExactly(one.get(core));
            }
        } finally {
            pool.shutdown();
        }
    }

    /** A fixed program: 50 rounds of pulses of varying sign on every synapse and reads; returns the state and results. */
    private static double[] run(Device d, long seed) {
        int[] rows = {0, 3, 5, 8};
        int[] post = {0, 1, 2, 0, 2, 0, 1, 2};
        Crossbar x = new Crossbar(d, true, 6, 20, rows, post, 3, new double[]{0, 0.2, -0.3, 0.5, -1, 1, 0.1, 0}, seed);
        double[] out = new double[8 * 2 + 3 * 50 + 2];
        double[] cur = new double[3];
        int[] codes = new int[3];
        int o = 0;
        for (int round = 0; round < 50; round++) {
            for (int k = 0; k < 8; k++) {
                x.pulse(k, ((round * 7 + k * 3) % 11) - 5);
            }
            x.read(new long[]{round % 8}, cur, codes);
            for (int j = 0; j < 3; j++) {
                out[o++] = cur[j] + codes[j] * 1e6;
            }
        }
        for (int k = 0; k < 8; k++) {
            out[o++] = x.conductance(k);
            out[o++] = x.conductanceMinus(k);
        }
        out[o++] = x.writePj();
        out[o] = x.readPj();
        return out;
    }

    @Test
    void badParametersAreRejectedWithTheField() {
        assertThatThrownBy(() -> new Crossbar(Device.IDEAL, false, 0, 1, ROWS, POST, 2, new double[3], 1))
                .hasMessageContaining("adc_bits = 0");
        assertThatThrownBy(() -> new Crossbar(Device.IDEAL, false, 8, 1, ROWS, POST, 2, new double[]{0, 2, 0}, 1))
                .hasMessageContaining("synapse 1: weight 2.0");
        Device bad = new Device("bad", 5, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1);
        assertThatThrownBy(() -> new Crossbar(bad, false, 8, 1, ROWS, POST, 2, new double[3], 1))
                .hasMessageContaining("device bad: g_max");
    }
}
