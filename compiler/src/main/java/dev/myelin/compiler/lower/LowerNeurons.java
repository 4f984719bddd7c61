package dev.myelin.compiler.lower;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.InputSource;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Population;
import dev.myelin.compiler.ir.Projection;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.Synapses;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.NeuronParams;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lower-neurons pass: each population's model to the datapath's fixed-point parameters.
 *
 * <p>Continuous-time models put the voltage origin at v_reset (both datapaths reset to a
 * fixed value) and fold the pull toward v_rest and the bias current into a constant drive per
 * tick, {@code ((v_rest - v_reset) + r_m * I) * dt / tau_m} (forward Euler). One voltage LSB
 * is {@code lsbMv} mV, chosen per population so threshold, drive and the largest incoming
 * weight all fit their fields with as much resolution as possible.
 * <ul>
 * <li>Loihi: dv = round(4096 dt / tau_m); du = 4095 (the current is cleared every step: delta
 * synapses) or round(4096 dt / tau_syn) - 1 for cuba_lif (Lava's decay offset); threshold
 * vth &lt;&lt; 6 near 2^22 LSB; bias = mant &lt;&lt; exp.
 * <li>TrueNorth: no multiplicative decay exists, so the decay toward v_rest is approximated by
 * the constant leak lambda = the drive at v_reset (reported); negative potentials saturate at
 * -alpha (kappa = 1, beta = alpha).
 * </ul>
 */
public final class LowerNeurons {
    private LowerNeurons() {
    }

    /**
     * One population lowered.
     *
     * @param params      a {@link NeuronModel.TrueNorth} or {@link NeuronModel.LoihiLif}: the raw
     *                    parameters of the population's typical neuron (its model's values; every
     *                    neuron's when none differ), for estimates
     * @param neurons     every neuron's raw parameters, indexed by neuron of the population
     *                    ({@link TrueNorthNeurons} without weights, or {@link LoihiNeurons}), or one
     *                    neuron's when all are alike (read through {@link #index(int)}); the emit
     *                    pass copies each core's slice from here
     * @param lsbMv       mV per voltage LSB (1 for raw models)
     * @param weightToLsb factor from a weight in the model's unit to voltage LSB (TrueNorth) or to
     *                    current LSB before the Loihi &lt;&lt; 6 (so W * 2^(6 + exp) is the jump in v)
     * @param weightToLsbPerNeuron the same factor per neuron when it differs between neurons (a
     *                    cuba_lif population with per-neuron tau_m or r_m), else null
     * @param notes       quantisation errors and approximations, for the report
     * @param errors      the quantisation error of each lowered parameter, over the population's neurons
     * @param scale       the voltage scale the binary carries (UNIT): {@code lsbMv} mV per LSB with
     *                    v = 0 at v_reset; null for raw models, whose LSB has no known value in mV,
     *                    and when v_reset differs between neurons
     */
    public record Pop(Population pop, NeuronModel params, NeuronParams neurons, double lsbMv, double weightToLsb,
                      double[] weightToLsbPerNeuron, List<String> notes, List<ParamError> errors,
                      Symbol.Scale scale) {
        public Pop {
            notes = List.copyOf(notes);
            errors = List.copyOf(errors);
            if (neurons.count() != pop.size() && neurons.count() != 1) {
                throw new IllegalStateException("lowered " + neurons.count() + " neurons for " + pop.size());
            }
        }

        /** Where neuron {@code i} of the population is in {@link #neurons()}: i, or 0 when all are alike. */
        public int index(int i) {
            return neurons.count() == 1 ? 0 : i;
        }

        /** The weight factor of neuron {@code j} of the population (see {@link #weightToLsb()}). */
        public double weightToLsb(int j) {
            return weightToLsbPerNeuron == null ? weightToLsb : weightToLsbPerNeuron[j];
        }

        /** Neuron {@code i}'s raw parameters as a record. */
        public NeuronModel neuron(int neuron) {
            int i = index(neuron);
            if (neurons instanceof TrueNorthNeurons t) {
                return new NeuronModel.TrueNorth(t.leak()[i], t.leakReversal()[i], t.alpha()[i], t.beta()[i],
                        t.resetMode()[i], t.kappa()[i], t.resetV()[i], t.v0()[i], t.negativeThreshold());
            }
            LoihiNeurons l = (LoihiNeurons) neurons;
            return new NeuronModel.LoihiLif(l.du()[i], l.dv()[i], l.vth()[i], l.biasMant()[i], l.biasExp()[i],
                    l.v0()[i], l.u0()[i]);
        }
    }

    /**
     * The quantisation error of one lowered parameter over a population's neurons.
     *
     * @param param        what was quantised ("threshold", "drive", "voltage decay", ...)
     * @param unit         the unit of {@code maxAbsError} ("mV", "mV/tick", "per tick")
     * @param neurons      how many neurons it was computed over (1 when every neuron has the same value)
     * @param maxRelError  largest |stored - exact| / |exact| (1 when exact is 0 and stored is not)
     * @param meanRelError its mean over the neurons
     * @param maxAbsError  largest |stored - exact| in {@code unit}
     */
    public record ParamError(String param, String unit, int neurons, double maxRelError, double meanRelError,
                             double maxAbsError) {
    }

    public record Product(List<Pop> pops) {
        public Pop of(String name) {
            return pops.stream().filter(p -> p.pop().name().equals(name)).findFirst().orElseThrow();
        }
    }

    public static Product run(Network n, Architecture arch, ExpandConnectivity.Product ex, Diagnostics d) {
        List<Pop> out = new ArrayList<>();
        for (Population p : n.populations()) {
            double[] current = currents(n, p);
            double maxW = 0;
            for (Synapses s : ex.projections()) {
                if (s.projection().post().equals(p.name())) {
                    maxW = Math.max(maxW, maxAbsWeight(s));
                }
            }
            out.add(arch.datapath() == Datapath.TRUENORTH ? TrueNorthLowering.lower(p, n.dtMs(), current, maxW, d)
                    : LoihiLowering.lower(p, n.dtMs(), current, maxW, d));
        }
        return new Product(out);
    }

    /**
     * The constant drive each neuron of {@code p} receives on top of its bias, in the unit of
     * its model's bias: the constant-current inputs targeting it, plus the bias of each conv2d
     * projection onto it (one value per output channel). One value when every neuron gets the
     * same, else one per neuron.
     */
    static double[] currents(Network n, Population p) {
        double current = 0;
        for (InputSource s : n.inputs()) {
            if (s instanceof InputSource.Current c && c.target().equals(p.name())) {
                current += c.amplitude();
            }
        }
        double[] each = null;
        for (Projection pr : n.projections()) {
            if (pr.post().equals(p.name()) && pr.connector() instanceof Connector.Conv2d cv && cv.bias() != null) {
                if (each == null) {
                    each = new double[p.size()];
                    java.util.Arrays.fill(each, current);
                }
                int perChannel = p.size() / cv.outChannels(); // validate: post holds out x OH x OW neurons
                for (int j = 0; j < p.size(); j++) {
                    each[j] += cv.bias()[j / perChannel];
                }
            }
        }
        return each == null ? new double[] {current} : each;
    }

    /** Neuron i's entry of {@link #currents}. */
    static double currentOf(double[] current, int i) {
        return current.length == 1 ? current[0] : current[i];
    }

    static double maxAbsWeight(Synapses s) {
        if (s.weight() == null) {
            return s.count() == 0 ? 0 : Math.abs(s.constWeight());
        }
        double m = 0;
        for (float w : s.weight()) {
            m = Math.max(m, Math.abs(w));
        }
        return m;
    }

    /** The continuous model as threshold above reset, drive per tick at reset, dt/tau_m and weight factor. */
    record Continuous(double thrMv, double driveMv, double initMv, double dtOverTau, double tauSynMs,
                      double weightMvPerUnit, double refractoryMs) {
    }

    /** Continuous-time parameters of a non-raw model, with constant currents folded in. */
    static Continuous continuous(NeuronModel m, double dt, double current) {
        if (m instanceof NeuronModel.Lif l) {
            return new Continuous(l.vThreshMv() - l.vResetMv(),
                    ((l.vRestMv() - l.vResetMv()) + l.rMMohm() * (l.biasNa() + current)) * dt / l.tauMMs(),
                    l.vInitMv() - l.vResetMv(), dt / l.tauMMs(), 0, 1, l.refractoryMs());
        }
        if (m instanceof NeuronModel.CubaLif c) {
            return new Continuous(c.vThreshMv() - c.vResetMv(),
                    ((c.vRestMv() - c.vResetMv()) + c.rMMohm() * (c.biasNa() + current)) * dt / c.tauMMs(),
                    c.vInitMv() - c.vResetMv(), dt / c.tauMMs(), c.tauSynMs(), c.rMMohm() * dt / c.tauMMs(),
                    c.refractoryMs());
        }
        NeuronModel.If f = (NeuronModel.If) m;
        return new Continuous(f.vThreshMv() - f.vResetMv(), f.biasMv() + current, f.vInitMv() - f.vResetMv(), 0, 0,
                1, 0);
    }

    /** v_reset of a continuous model in mV: where the lowering puts v = 0. */
    static double vResetMv(NeuronModel m) {
        if (m instanceof NeuronModel.Lif l) {
            return l.vResetMv();
        }
        if (m instanceof NeuronModel.CubaLif c) {
            return c.vResetMv();
        }
        return ((NeuronModel.If) m).vResetMv();
    }

    static String relErr(String what, double want, double got) {
        double e = want == 0 ? (got == 0 ? 0 : 1) : Math.abs(got - want) / Math.abs(want);
        return String.format(Locale.ROOT, "%s %.6g -> %.6g (error %.3f%%)", what, want, got, 100 * e);
    }

    /** Accumulates one parameter's quantisation error over neurons; {@link #note()} and {@link #result()} report it. */
    static final class ErrorStat {
        private final String param;
        private final String unit;
        private int n;
        private double maxRel;
        private double sumRel;
        private double maxAbs;
        private double want;
        private double got;

        ErrorStat(String param, String unit) {
            this.param = param;
            this.unit = unit;
        }

        void add(double exact, double stored) {
            double abs = Math.abs(stored - exact);
            double rel = exact == 0 ? (stored == 0 ? 0 : 1) : abs / Math.abs(exact);
            n++;
            maxRel = Math.max(maxRel, rel);
            sumRel += rel;
            maxAbs = Math.max(maxAbs, abs);
            want = exact;
            got = stored;
        }

        boolean any() {
            return n > 0;
        }

        ParamError result() {
            return new ParamError(param, unit, n, maxRel, n == 0 ? 0 : sumRel / n, maxAbs);
        }

        /** One value: "threshold mV 15 -> 15.0001 (error 0.001%)"; several: the largest and mean error. */
        String note() {
            if (n == 1) {
                return relErr(param + " " + unit, want, got);
            }
            return String.format(Locale.ROOT, "%s %s per neuron (%d neurons): error max %.3f%%, mean %.3f%%, "
                    + "max |error| %.6g %s", param, unit, n, 100 * maxRel, 100 * sumRel / Math.max(1, n), maxAbs,
                    unit);
        }
    }

    /** Adds each accumulated error to the notes and the errors. */
    static void report(List<String> notes, List<ParamError> errors, ErrorStat... stats) {
        for (ErrorStat s : stats) {
            if (s.any()) {
                notes.add(s.note());
                errors.add(s.result());
            }
        }
    }

    /**
     * The voltage scale the binary carries: {@code q} mV per LSB, 0 at v_reset; null (with a
     * note) when v_reset differs between neurons, since one scale per population has one origin.
     */
    static Symbol.Scale scaleOf(Population p, Map<String, double[]> per, double q, List<String> notes) {
        double[] resets = per.get("v_reset");
        if (resets != null) {
            for (double r : resets) {
                if (r != resets[0]) {
                    notes.add("v_reset differs between neurons: potentials are shown in LSB (no single mV origin)");
                    return null;
                }
            }
            return new Symbol.Scale(q, resets[0]);
        }
        return new Symbol.Scale(q, vResetMv(p.model()));
    }
}
