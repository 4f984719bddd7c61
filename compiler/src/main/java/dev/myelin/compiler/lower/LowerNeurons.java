package dev.myelin.compiler.lower;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.InputSource;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Population;
import dev.myelin.compiler.ir.Synapses;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;
import dev.myelin.isa.model.Symbol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
     * @param params      a {@link NeuronModel.TrueNorth} or {@link NeuronModel.LoihiLif}: the raw parameters
     * @param lsbMv       mV per voltage LSB (1 for raw models)
     * @param weightToLsb factor from a weight in the model's unit to voltage LSB (TrueNorth) or to
     *                    current LSB before the Loihi &lt;&lt; 6 (so W * 2^(6 + exp) is the jump in v)
     * @param notes       quantisation errors and approximations, for the report
     * @param scale       the voltage scale the binary carries (UNIT): {@code lsbMv} mV per LSB with
     *                    v = 0 at v_reset; null for raw models, whose LSB has no known value in mV
     */
    public record Pop(Population pop, NeuronModel params, double lsbMv, double weightToLsb, List<String> notes,
                      Symbol.Scale scale) {
    }

    public record Product(List<Pop> pops) {
        public Pop of(String name) {
            return pops.stream().filter(p -> p.pop().name().equals(name)).findFirst().orElseThrow();
        }
    }

    public static Product run(Network n, Architecture arch, ExpandConnectivity.Product ex, Diagnostics d) {
        List<Pop> out = new ArrayList<>();
        for (Population p : n.populations()) {
            double current = 0;
            for (InputSource s : n.inputs()) {
                if (s instanceof InputSource.Current c && c.target().equals(p.name())) {
                    current += c.amplitude();
                }
            }
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

    /**
     * TrueNorth neurons have no refractory state: the period is ignored, with a warning naming
     * the alternatives (a loihi architecture, or a lower reset potential, which delays the next
     * spike by about as long as the period would at the neuron's drive).
     */
    static void refractoryWarning(Population p, Continuous c, double dt, Diagnostics d) {
        if (c.refractoryMs() > 0) {
            double ticks = c.refractoryMs() / dt;
            d.warning(p.whereOf("params.refractory", "params"), String.format(Locale.ROOT, "population '%s':"
                    + " refractory period %s ms ignored: TrueNorth neurons have no refractory state. Compile for"
                    + " a loihi architecture (it holds v for the period), or approximate it by lowering v_reset"
                    + " by about %.3g mV (%.3g ticks x the %.3g mV per tick the neuron integrates at v_reset)",
                    p.name(), c.refractoryMs(), ticks * Math.abs(c.driveMv()), ticks, Math.abs(c.driveMv())));
        }
    }
}
