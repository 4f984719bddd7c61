package dev.myelin.isa.learn;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A memristive synapse device (docs/learning.md, "Memristive synapses"): a conductance bounded by
 * [gMin, gMax] that identical programming pulses move along a potentiation (LTP) or depression
 * (LTD) curve of {@code levelsLtp} / {@code levelsLtd} pulses, exponential in the pulse number as
 * NeuroSim models measured devices:
 * <pre>
 *   G(p) = B (1 - e^(-p/A)) + gMin,   B = (gMax - gMin) / (1 - e^(-P/A)),   0 &lt;= p &lt;= P
 * </pre>
 * with P the curve's pulse count and A its shape, fixed by the nonlinearity label NL
 * ({@link #shape}): NL = 0 is a straight line, a positive label bends the curve so that early
 * pulses make large steps (saturating), a negative one the reverse. A depression pulse moves the
 * device one pulse back along its depression curve.
 *
 * <p>All arithmetic is IEEE double with {@link StrictMath}, the same on every machine.
 *
 * @param name          the preset's name (or "custom")
 * @param gMinNs        lowest conductance, nS (&gt; 0)
 * @param gMaxNs        highest conductance, nS (&gt; gMinNs)
 * @param levelsLtp     pulses from gMin to gMax, 1..65535
 * @param levelsLtd     pulses from gMax to gMin, 1..65535
 * @param nlLtp         the potentiation curve's nonlinearity label, -9..9 (0 linear)
 * @param nlLtd         the depression curve's nonlinearity label, -9..9 (0 linear)
 * @param cycleToCycle  sigma of the Gaussian conductance error a pulse train of n pulses adds,
 *                      {@code cycleToCycle * (gMax - gMin) * sqrt(n)}, as a fraction of the range, 0..1
 * @param deviceToDevice sigma of the per-device offset of both nonlinearity labels, 0..9
 * @param readNoise     sigma of the relative read error, {@code I = V G (1 + N(0, readNoise))}, 0..1
 * @param vRead         read voltage, V (&gt; 0)
 * @param tReadNs       read pulse width, ns (&gt;= 0; prices the read energy)
 * @param vLtp          potentiation pulse amplitude, V (magnitude)
 * @param tLtpNs        potentiation pulse width, ns
 * @param vLtd          depression pulse amplitude, V (magnitude)
 * @param tLtdNs        depression pulse width, ns
 */
public record Device(String name, double gMinNs, double gMaxNs, int levelsLtp, int levelsLtd, double nlLtp,
                     double nlLtd, double cycleToCycle, double deviceToDevice, double readNoise, double vRead,
                     double tReadNs, double vLtp, double tLtpNs, double vLtd, double tLtdNs) {
    public static final int MAX_LEVELS = 65535;
    public static final double MAX_NL = 9;

    /**
     * The ideal device: linear steps, hard bounds, no variability or noise. Range, read voltage
     * and pulses are NeuroSim's ideal device (100 nS..5 uS, 0.5 V read, 2 V 10 ns pulses,
     * MLP+NeuroSim V3.0); 64 levels each way.
     */
    public static final Device IDEAL = new Device("ideal", 100, 5000, 64, 64, 0, 0, 0, 0, 0, 0.5, 5, 2, 10, 2, 10);

    /**
     * Ag:a-Si (S. H. Jo et al., "Nanoscale Memristor Device as Synapse in Neuromorphic Systems",
     * Nano Letters 10(4), 2010), with the fitted figures of P.-Y. Chen, X. Peng, S. Yu,
     * "NeuroSim: A Circuit-Level Macro Model for Benchmarking Neuro-Inspired Architectures in
     * Online Learning", IEEE TCAD 37(12), 2018: 3.08..38.46 nS, 97 potentiation and 100 depression
     * levels, nonlinearity 2.4 / -4.88, 3.5 % cycle-to-cycle variation, +3.2 V / -2.8 V pulses of
     * 300 us. Read at 0.5 V for 5 ns (NeuroSim's on-chip read); no device-to-device or read noise
     * figure is given, so both are 0.
     */
    public static final Device AG_A_SI = new Device("ag-a-si", 3.08, 38.46, 97, 100, 2.4, -4.88, 0.035, 0, 0, 0.5, 5,
            3.2, 300_000, 2.8, 300_000);

    /*
     * The presets below take their figures from the benchmark table of analog synaptic devices in
     * NeuroSim V3.0 (Table II of its user manual; P.-Y. Chen, S. Yu, "Technological benchmark of
     * analog synaptic devices for neuro-inspired architectures", IEEE Design & Test 36(3), 2019):
     * conductance states, nonlinearity (weight increase / decrease), R_on, on/off ratio, write
     * pulses, cycle-to-cycle sigma. G_max = 1 / R_on and G_min = G_max / (on/off ratio); both curves
     * have the table's number of states. Read at 0.5 V for 5 ns (NeuroSim's on-chip read); the table
     * gives no device-to-device or read-noise figure, so both are 0.
     */

    /**
     * TaOx/HfOx (W. Wu et al., "A methodology to improve linearity of analog RRAM for neuromorphic
     * computing", IEEE Symposium on VLSI Technology, 2018): R_on 100 kOhm, on/off 10 (1..10 uS), 128
     * states, nonlinearity 0.04 / -0.63, 3.7 % cycle-to-cycle, 1.6 V 50 ns pulses both ways.
     */
    public static final Device TAOX_HFOX = new Device("taox-hfox", 1e9 / 100e3 / 10, 1e9 / 100e3, 128, 128, 0.04,
            -0.63, 0.037, 0, 0, 0.5, 5, 1.6, 50, 1.6, 50);

    /**
     * PCMO (S. Park et al., "Neuromorphic speech systems using advanced ReRAM-based synapse", IEEE
     * IEDM 2013): R_on 23 MOhm, on/off 6.84 (6.36..43.48 nS), 50 states, nonlinearity 3.68 / -6.76,
     * -2 V / +2 V pulses of 1 ms. The table gives the cycle-to-cycle sigma as "&lt; 1 %": the preset
     * takes the bound, 1 %.
     */
    public static final Device PCMO = new Device("pcmo", 1e9 / 23e6 / 6.84, 1e9 / 23e6, 50, 50, 3.68, -6.76, 0.01, 0,
            0, 0.5, 5, 2, 1_000_000, 2, 1_000_000);

    /**
     * AlOx/HfO2 (J. Woo et al., "Improved synaptic behavior under identical pulses using AlOx/HfO2
     * bilayer RRAM array for neuromorphic systems", IEEE Electron Device Letters 37(8), 2016): R_on
     * 16.9 kOhm, on/off 4.43 (13.36..59.17 uS), 40 states, nonlinearity 1.94 / -0.61, 5 %
     * cycle-to-cycle, +0.9 V / -1 V pulses of 100 us.
     */
    public static final Device ALOX_HFO2 = new Device("alox-hfo2", 1e9 / 16.9e3 / 4.43, 1e9 / 16.9e3, 40, 40, 1.94,
            -0.61, 0.05, 0, 0, 0.5, 5, 0.9, 100_000, 1, 100_000);

    /**
     * EpiRAM, epitaxial Ag:SiGe (S. Choi et al., "SiGe epitaxial memory for neuromorphic computing
     * with reproducible high performance based on engineered dislocations", Nature Materials 17(4),
     * 2018): R_on 81 kOhm, on/off 50.2 (0.246..12.35 uS), 64 states, nonlinearity 0.5 / -0.5, 2 %
     * cycle-to-cycle, +5 V / -3 V pulses of 5 us.
     */
    public static final Device EPIRAM = new Device("epiram", 1e9 / 81e3 / 50.2, 1e9 / 81e3, 64, 64, 0.5, -0.5, 0.02, 0,
            0, 0.5, 5, 5, 5_000, 3, 5_000);

    /** The presets by their id in the binary's learning section (index 0, custom, is null; new presets are appended). */
    public static final List<Device> PRESET_IDS = java.util.Arrays.asList(null, IDEAL, AG_A_SI, TAOX_HFOX, PCMO,
            ALOX_HFO2, EPIRAM);

    public static final Map<String, Device> PRESETS = Map.of(IDEAL.name, IDEAL, AG_A_SI.name, AG_A_SI, TAOX_HFOX.name,
            TAOX_HFOX, PCMO.name, PCMO, ALOX_HFO2.name, ALOX_HFO2, EPIRAM.name, EPIRAM);

    /** This device's preset id in the binary (0: custom, its parameters written out): a preset only when every parameter is the preset's. */
    public int presetId() {
        for (int i = 1; i < PRESET_IDS.size(); i++) {
            Device p = PRESET_IDS.get(i);
            if (p.equals(named(p.name))) {
                return i;
            }
        }
        return 0;
    }

    /** This device under another name. */
    public Device named(String n) {
        return new Device(n, gMinNs, gMaxNs, levelsLtp, levelsLtd, nlLtp, nlLtd, cycleToCycle, deviceToDevice, readNoise,
                vRead, tReadNs, vLtp, tLtpNs, vLtd, tLtdNs);
    }

    /** The preset names, sorted. */
    public static List<String> presetNames() {
        return PRESETS.keySet().stream().sorted().toList();
    }

    public static Optional<Device> preset(String name) {
        return Optional.ofNullable(PRESETS.get(name));
    }

    /** Null when every field is in range, else the problem (naming the field). */
    public String problem() {
        if (!(gMinNs > 0) || !Double.isFinite(gMinNs)) {
            return "g_min = " + gMinNs + " nS must be > 0";
        }
        if (!(gMaxNs > gMinNs) || !Double.isFinite(gMaxNs)) {
            return "g_max = " + gMaxNs + " nS must be above g_min (" + gMinNs + " nS)";
        }
        if (levelsLtp < 1 || levelsLtp > MAX_LEVELS) {
            return "levels_ltp = " + levelsLtp + " is out of range [1, " + MAX_LEVELS + "]";
        }
        if (levelsLtd < 1 || levelsLtd > MAX_LEVELS) {
            return "levels_ltd = " + levelsLtd + " is out of range [1, " + MAX_LEVELS + "]";
        }
        if (!(Math.abs(nlLtp) <= MAX_NL)) {
            return "nl_ltp = " + nlLtp + " is out of range [-9, 9]";
        }
        if (!(Math.abs(nlLtd) <= MAX_NL)) {
            return "nl_ltd = " + nlLtd + " is out of range [-9, 9]";
        }
        if (!(cycleToCycle >= 0 && cycleToCycle <= 1)) {
            return "c2c = " + cycleToCycle + " is out of range [0, 1]";
        }
        if (!(deviceToDevice >= 0 && deviceToDevice <= MAX_NL)) {
            return "d2d = " + deviceToDevice + " is out of range [0, 9]";
        }
        if (!(readNoise >= 0 && readNoise <= 1)) {
            return "read_noise = " + readNoise + " is out of range [0, 1]";
        }
        for (double[] v : new double[][]{{vRead, tReadNs}, {vLtp, tLtpNs}, {vLtd, tLtdNs}}) {
            if (!(v[0] > 0) || !Double.isFinite(v[0]) || !(v[1] >= 0) || !Double.isFinite(v[1])) {
                return "pulse " + v[0] + " V " + v[1] + " ns: the voltage must be > 0 and the width >= 0";
            }
        }
        return null;
    }

    /** The conductance range gMax - gMin, nS. */
    public double rangeNs() {
        return gMaxNs - gMinNs;
    }

    /**
     * The curve shape A, in units of the curve's pulse count P, for nonlinearity label {@code nl}:
     * the A for which the normalised curve {@code g(x) = (1 - e^(-x/A)) / (1 - e^(-1/A))}, x = p/P,
     * lies at most {@code 0.07 sqrt(2) |nl|} above the straight line {@code g = x} (that is, 0.07 |nl|
     * away from it, measured across), the relation NeuroSim's table of A against the label follows
     * (checked against it in the tests). Negative for a negative label; infinite (a straight line)
     * for 0.
     */
    public static double shape(double nl) {
        if (nl == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double target = 0.07 * StrictMath.sqrt(2) * Math.abs(nl);
        // the largest bulge decreases as A grows: bisect on log A
        double lo = StrictMath.log(1e-4);
        double hi = StrictMath.log(1e6);
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (bulge(StrictMath.exp(mid)) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double a = StrictMath.exp(0.5 * (lo + hi));
        return nl > 0 ? a : -a;
    }

    /** The largest {@code g(x) - x} of the normalised curve of shape {@code a} &gt; 0, at its maximum {@code x*}. */
    static double bulge(double a) {
        double d = -StrictMath.expm1(-1 / a);            // 1 - e^(-1/a)
        double x = -a * StrictMath.log(a * d);          // g'(x) = 1 there
        x = Math.max(0, Math.min(1, x));
        return -StrictMath.expm1(-x / a) / d - x;
    }

    /**
     * The conductance after {@code p} pulses from the bottom of a curve of {@code levels} pulses
     * and shape {@code a} (in units of levels; infinite for a line): {@code B (1 - e^(-p/(a P))) + gMin}.
     * p is clamped to [0, P].
     */
    public double curve(double p, int levels, double a) {
        double x = Math.max(0, Math.min(levels, p)) / levels;
        if (Double.isInfinite(a)) {
            return gMinNs + rangeNs() * x;
        }
        return gMinNs + rangeNs() * StrictMath.expm1(-x / a) / StrictMath.expm1(-1 / a);
    }

    /** The pulse position (0..levels) of conductance {@code g} on a curve of {@code levels} pulses and shape {@code a}: the inverse of {@link #curve}. */
    public double position(double g, int levels, double a) {
        double y = Math.max(0, Math.min(1, (g - gMinNs) / rangeNs()));
        if (Double.isInfinite(a)) {
            return y * levels;
        }
        // y = (1 - e^(-x/a)) / (1 - e^(-1/a))  =>  x = -a ln(1 - y (1 - e^(-1/a)))
        double x = -a * StrictMath.log1p(y * StrictMath.expm1(-1 / a));
        return Math.max(0, Math.min(1, x)) * levels;
    }

    /**
     * Conductance {@code g} after {@code n} identical pulses without variability: n &gt; 0 potentiation
     * pulses along the LTP curve (shape {@code aLtp}), n &lt; 0 depression pulses back along the LTD
     * curve (shape {@code aLtd}), stopping at the bounds.
     */
    public double pulse(double g, int n, double aLtp, double aLtd) {
        if (n > 0) {
            return curve(position(g, levelsLtp, aLtp) + n, levelsLtp, aLtp);
        }
        if (n < 0) {
            return curve(position(g, levelsLtd, aLtd) + n, levelsLtd, aLtd);
        }
        return g;
    }

    /** Energy of one potentiation pulse through conductance {@code gNs}, pJ: {@code V^2 G t}. */
    public double ltpPulsePj(double gNs) {
        return vLtp * vLtp * gNs * tLtpNs * 1e-6;
    }

    /** Energy of one depression pulse through conductance {@code gNs}, pJ: {@code V^2 G t}. */
    public double ltdPulsePj(double gNs) {
        return vLtd * vLtd * gNs * tLtdNs * 1e-6;
    }

    /** Energy of reading conductance {@code gNs}, pJ: {@code V^2 G t}. */
    public double readPj(double gNs) {
        return vRead * vRead * gNs * tReadNs * 1e-6;
    }
}
