package dev.myelin.chip.learn;

import dev.myelin.isa.learn.Device;
import dev.myelin.isa.model.CoreId;

/**
 * One core's memristive synapses (docs/learning.md, "Memristive synapses"): a crossbar with a
 * device (or a differential pair G+, G-) at every synapse, its rows the core's axons and its
 * columns the neurons, all state in flat per-core arrays.
 *
 * <ul>
 *   <li>A read drives every active axon's row at the device's read voltage; each device passes
 *       {@code I = V G (1 + N(0, readNoise))} (Ohm) and each column sums its devices' currents
 *       (Kirchhoff). A differential pair's column current is {@code I+ - I-}.</li>
 *   <li>An ADC of {@code adcBits} bits turns a column's current into an integer code:
 *       {@code round(I / iFull * codeMax)}, clamped to [-codeMax, codeMax] for pairs and to
 *       [0, codeMax] for single devices, with {@code codeMax = 2^(bits - 1) - 1} for pairs and
 *       {@code 2^bits - 1} for single devices (round half away from zero).</li>
 *   <li>Programming: {@link #pulse} gives a synapse n potentiation (n &gt; 0) or depression
 *       (n &lt; 0) pulses along the device's curves ({@link Device#pulse}); a pair's G+ takes the
 *       pulses and its G- the opposite ones. After each device's pulse train a Gaussian
 *       cycle-to-cycle error of sigma {@code c2c (gMax - gMin) sqrt(|n|)} is added and the
 *       conductance clipped to [gMin, gMax].</li>
 *   <li>Device-to-device variation: every device's two nonlinearity labels are offset, once at
 *       construction, by one Gaussian draw of sigma {@code d2d} (clipped to [-9, 9]).</li>
 * </ul>
 *
 * Random draws come from the core's own generator (splitmix64 seeded from the chip seed and the
 * core's id, {@link #seedFor}; Gaussians by Box-Muller with {@link StrictMath}), in a fixed order:
 * device-to-device offsets in synapse order (G+ before G-), then per read the active axons in
 * ascending order and their synapses in row order, per pulse the programmed devices. A core's
 * crossbar touches only its own state, so results are the same for any thread count.
 */
public final class Crossbar {
    /** Mixed into the chip seed for the crossbar generators (ASCII "MEMRISTR"). */
    public static final long SEED_SALT = 0x4D454D5249535452L;
    public static final int MAX_ADC_BITS = 16;

    private final Device device;
    private final boolean differential;
    private final int adcBits;
    private final double iFullNa;
    private final int codeMax;
    private final int axons;
    private final int neurons;
    private final int[] rowStart;
    private final int[] post;
    /** Conductances, nS: G (or G+) and G- per synapse. */
    private final double[] gp;
    private final double[] gn;
    /** Per device curve shapes (LTP, LTD), or shared when there is no device-to-device variation. */
    private final double[] aLtpP;
    private final double[] aLtdP;
    private final double[] aLtpN;
    private final double[] aLtdN;
    private final double aLtp;
    private final double aLtd;
    private final double[] column;
    private long rng;
    private double spareGaussian = Double.NaN;

    private long ltpPulses;
    private long ltdPulses;
    private long reads;
    private double writePj;
    private double readPj;

    /**
     * @param device       the device model (checked)
     * @param differential whether each synapse is a pair G+ - G-
     * @param adcBits      the ADC's resolution, 1..16 bits
     * @param iFullNa      the column current, nA, that maps to the ADC's largest code (&gt; 0)
     * @param rowStart     per axon, its first synapse (length axons + 1)
     * @param post         per synapse, its column (neuron)
     * @param neurons      the columns
     * @param weights      per synapse, the initial weight as a fraction of the range: [0, 1] for single
     *                     devices ({@code G = gMin + w (gMax - gMin)}), [-1, 1] for pairs (the positive part
     *                     on G+, the negative on G-, the other device at gMin); programmed exactly
     * @param seed         the core's generator seed ({@link #seedFor})
     */
    public Crossbar(Device device, boolean differential, int adcBits, double iFullNa, int[] rowStart, int[] post,
                    int neurons, double[] weights, long seed) {
        String p = device.problem();
        if (p != null) {
            throw new IllegalArgumentException("device " + device.name() + ": " + p);
        }
        if (adcBits < 1 || adcBits > MAX_ADC_BITS) {
            throw new IllegalArgumentException("adc_bits = " + adcBits + " is out of range [1, " + MAX_ADC_BITS + "]");
        }
        if (!(iFullNa > 0) || !Double.isFinite(iFullNa)) {
            throw new IllegalArgumentException("adc full scale = " + iFullNa + " nA must be > 0");
        }
        if (weights.length != post.length || rowStart.length < 1 || rowStart[rowStart.length - 1] != post.length) {
            throw new IllegalArgumentException(weights.length + " weights, rows end at " + rowStart[rowStart.length - 1]
                    + ", " + post.length + " synapses");
        }
        this.device = device;
        this.differential = differential;
        this.adcBits = adcBits;
        this.iFullNa = iFullNa;
        this.codeMax = differential ? (1 << (adcBits - 1)) - 1 : (1 << adcBits) - 1;
        this.axons = rowStart.length - 1;
        this.neurons = neurons;
        this.rowStart = rowStart.clone();
        this.post = post.clone();
        this.rng = seed;
        int n = post.length;
        gp = new double[n];
        gn = differential ? new double[n] : null;
        for (int k = 0; k < n; k++) {
            if (post[k] < 0 || post[k] >= neurons) {
                throw new IllegalArgumentException("synapse " + k + " targets column " + post[k] + " of " + neurons);
            }
            double w = weights[k];
            double lo = differential ? -1 : 0;
            if (!(w >= lo && w <= 1)) {
                throw new IllegalArgumentException("synapse " + k + ": weight " + w + " is out of range [" + lo + ", 1]");
            }
            gp[k] = device.gMinNs() + Math.max(0, w) * device.rangeNs();
            if (differential) {
                gn[k] = device.gMinNs() + Math.max(0, -w) * device.rangeNs();
            }
        }
        aLtp = Device.shape(device.nlLtp());
        aLtd = Device.shape(device.nlLtd());
        if (device.deviceToDevice() > 0) {
            aLtpP = new double[n];
            aLtdP = new double[n];
            aLtpN = differential ? new double[n] : null;
            aLtdN = differential ? new double[n] : null;
            for (int k = 0; k < n; k++) {
                double off = device.deviceToDevice() * gaussian();
                aLtpP[k] = Device.shape(label(device.nlLtp() + off));
                aLtdP[k] = Device.shape(label(device.nlLtd() + off));
                if (differential) {
                    off = device.deviceToDevice() * gaussian();
                    aLtpN[k] = Device.shape(label(device.nlLtp() + off));
                    aLtdN[k] = Device.shape(label(device.nlLtd() + off));
                }
            }
        } else {
            aLtpP = aLtdP = aLtpN = aLtdN = null;
        }
        column = new double[neurons];
    }

    private static double label(double nl) {
        return Math.max(-Device.MAX_NL, Math.min(Device.MAX_NL, nl));
    }

    /** The generator seed of core {@code id}'s crossbar for chip seed {@code chipSeed}. */
    public static long seedFor(long chipSeed, CoreId id) {
        long s = mix(chipSeed ^ SEED_SALT);
        s = mix(s ^ id.x());
        s = mix(s ^ id.y());
        return mix(s ^ id.slot());
    }

    // ---- reading ------------------------------------------------------------------------------

    /**
     * Reads the columns for the axons set in {@code activeAxons} (a bit set over axons): the
     * column currents, nA, into {@code currentsNa} (length &gt;= neurons) and the ADC codes into
     * {@code codes}. Counts one read per device read.
     */
    public void read(long[] activeAxons, double[] currentsNa, int[] codes) {
        java.util.Arrays.fill(column, 0);
        double v = device.vRead();
        double sigma = device.readNoise();
        for (int word = 0; word < activeAxons.length; word++) {
            long bits = activeAxons[word];
            while (bits != 0) {
                int a = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (a >= axons) {
                    break;
                }
                for (int k = rowStart[a]; k < rowStart[a + 1]; k++) {
                    column[post[k]] += readDevice(gp[k], v, sigma);
                    if (differential) {
                        column[post[k]] -= readDevice(gn[k], v, sigma);
                    }
                }
            }
        }
        for (int j = 0; j < neurons; j++) {
            currentsNa[j] = column[j];
            codes[j] = adc(column[j]);
        }
    }

    /**
     * A learning core's column read (docs/learning.md, "Column-current integration"): for the axons
     * set in {@code activeAxons} (ascending, each row's synapses in order, G+ before G-), each
     * column's current against a reference: a single device adds {@code V G (1 + N(0, readNoise))}
     * less the current {@code V gMin} of a noiseless reference device at gMin on the same row, a pair
     * adds {@code I+ - I-}. Column j's ADC, of full scale {@code fullNa[j]}, gives
     * {@code codes[j]}; {@code devicesRead[j]} counts the synapses read on column j (0: the column was
     * not reached, its code 0). No allocation.
     */
    public void readColumns(long[] activeAxons, double[] fullNa, int[] codes, int[] devicesRead) {
        java.util.Arrays.fill(column, 0);
        java.util.Arrays.fill(devicesRead, 0, neurons, 0);
        double v = device.vRead();
        double sigma = device.readNoise();
        double reference = v * device.gMinNs();
        for (int word = 0; word < activeAxons.length; word++) {
            long bits = activeAxons[word];
            while (bits != 0) {
                int a = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (a >= axons) {
                    break;
                }
                for (int k = rowStart[a]; k < rowStart[a + 1]; k++) {
                    int j = post[k];
                    double i = readDevice(gp[k], v, sigma);
                    column[j] += differential ? i - readDevice(gn[k], v, sigma) : i - reference;
                    devicesRead[j]++;
                }
            }
        }
        for (int j = 0; j < neurons; j++) {
            codes[j] = devicesRead[j] == 0 ? 0 : adc(column[j], fullNa[j]);
        }
    }

    /** V G (1 + N(0, sigma)) in nA (V in volts, G in nS), counting the read and its energy. */
    private double readDevice(double g, double v, double sigma) {
        reads++;
        readPj += device.readPj(g);
        double i = v * g;
        return sigma > 0 ? i * (1 + sigma * gaussian()) : i;
    }

    /** The ADC code of column current {@code iNa}. */
    public int adc(double iNa) {
        return adc(iNa, iFullNa);
    }

    /** The ADC code of column current {@code iNa} for an ADC of full scale {@code fullNa}. */
    public int adc(double iNa, double fullNa) {
        double x = iNa / fullNa * codeMax;
        long c = x >= 0 ? (long) StrictMath.floor(x + 0.5) : -(long) StrictMath.floor(-x + 0.5);
        return (int) Math.max(differential ? -codeMax : 0, Math.min(codeMax, c));
    }

    // ---- programming --------------------------------------------------------------------------

    /**
     * Applies {@code n} pulses to synapse {@code k}: n &gt; 0 potentiates (G, or G+ while G- is
     * depressed), n &lt; 0 depresses (G, or G+ while G- is potentiated).
     */
    public void pulse(int k, int n) {
        if (n == 0) {
            return;
        }
        gp[k] = program(gp[k], n, aLtpP == null ? aLtp : aLtpP[k], aLtdP == null ? aLtd : aLtdP[k]);
        if (differential) {
            gn[k] = program(gn[k], -n, aLtpN == null ? aLtp : aLtpN[k], aLtdN == null ? aLtd : aLtdN[k]);
        }
    }

    private double program(double g, int n, double aUp, double aDown) {
        double next = device.pulse(g, n, aUp, aDown);
        if (device.cycleToCycle() > 0) {
            next += device.cycleToCycle() * device.rangeNs() * StrictMath.sqrt(Math.abs(n)) * gaussian();
            next = Math.max(device.gMinNs(), Math.min(device.gMaxNs(), next));
        }
        // energy: each pulse through the mean of the conductances before and after the train
        double mean = 0.5 * (g + next);
        if (n > 0) {
            ltpPulses += n;
            writePj += n * device.ltpPulsePj(mean);
        } else {
            ltdPulses += -n;
            writePj += -n * device.ltdPulsePj(mean);
        }
        return next;
    }

    /**
     * The pulse count for a weight change {@code dw} on a scale where {@code full} is the whole
     * conductance range: {@code dw / full * levels} rounded half away from zero (levels of the
     * potentiation curve for dw &gt; 0, of the depression curve for dw &lt; 0), in integers.
     */
    public int pulsesFor(long dw, long full) {
        if (full <= 0) {
            throw new IllegalArgumentException("full scale " + full + " must be > 0");
        }
        long levels = dw >= 0 ? device.levelsLtp() : device.levelsLtd();
        long m = Math.abs(dw);
        long n = (2 * m * levels + full) / (2 * full);
        n = Math.min(n, levels);
        return (int) (dw >= 0 ? n : -n);
    }

    // ---- state --------------------------------------------------------------------------------

    public Device device() {
        return device;
    }

    public boolean differential() {
        return differential;
    }

    public int adcBits() {
        return adcBits;
    }

    /** The ADC's largest code: {@code 2^bits - 1} for single devices, {@code 2^(bits - 1) - 1} for pairs. */
    public int codeMax() {
        return codeMax;
    }

    public int synapses() {
        return gp.length;
    }

    /** G (or G+) of synapse k, nS. */
    public double conductance(int k) {
        return gp[k];
    }

    /** G- of synapse k, nS (gMin for single devices). */
    public double conductanceMinus(int k) {
        return differential ? gn[k] : device.gMinNs();
    }

    /** The weight synapse k stores, as a fraction of the range: (G - gMin) / range, or (G+ - G-) / range for a pair. */
    public double weight(int k) {
        return differential ? (gp[k] - gn[k]) / device.rangeNs() : (gp[k] - device.gMinNs()) / device.rangeNs();
    }

    public long ltpPulses() {
        return ltpPulses;
    }

    public long ltdPulses() {
        return ltdPulses;
    }

    public long reads() {
        return reads;
    }

    /** Programming energy so far, pJ: per pulse V^2 G t with G the mean of the conductances before and after its train. */
    public double writePj() {
        return writePj;
    }

    /** Read energy so far, pJ: per device read V_read^2 G t_read. */
    public double readPj() {
        return readPj;
    }

    /**
     * An energy in pJ as whole femtojoules, rounded half up ({@code floor(pj * 1000 + 0.5)}): the unit the
     * activity record counts device energy in. A long of fJ holds 9.2 kJ, far beyond any run.
     */
    public static long femtojoules(double pj) {
        return (long) StrictMath.floor(pj * 1000 + 0.5);
    }

    // ---- the generator ------------------------------------------------------------------------

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** splitmix64. */
    private long nextLong() {
        rng += 0x9E3779B97F4A7C15L;
        return mix(rng);
    }

    /** Uniform on (0, 1]: 53 random bits. */
    private double uniform() {
        return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
    }

    /** A standard Gaussian by Box-Muller, two per pair of uniforms (the second kept for the next call). */
    double gaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double r = StrictMath.sqrt(-2 * StrictMath.log(uniform()));
        double t = 2 * StrictMath.PI * uniform();
        spareGaussian = r * StrictMath.sin(t);
        return r * StrictMath.cos(t);
    }
}
