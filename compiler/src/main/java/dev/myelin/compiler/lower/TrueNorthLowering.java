package dev.myelin.compiler.lower;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Population;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Lowers one population to TrueNorth neuron parameters (see {@link LowerNeurons}), neuron by
 * neuron: one voltage LSB for the population (its weights share one scale), every other field
 * per neuron.
 */
final class TrueNorthLowering {
    static final int ALPHA_MAX = (1 << 18) - 1;
    static final int LEAK_MAX = 255;
    static final int WEIGHT_MAX = 255;
    static final int V_MAX = (1 << 19) - 1;

    private TrueNorthLowering() {
    }

    static LowerNeurons.Pop lower(Population p, double dt, double[] current, double maxW, Diagnostics d) {
        Map<String, double[]> per = p.resolvePerNeuron();
        if (p.model() instanceof NeuronModel.TrueNorth) {
            return raw(p, per, current, d);
        }
        if (!(p.model() instanceof NeuronModel.Lif) && !(p.model() instanceof NeuronModel.If)) {
            throw new IllegalStateException("validate lets only lif, if and truenorth reach TrueNorth lowering");
        }
        int m = p.heterogeneous() || current.length > 1 ? p.size() : 1;
        LowerNeurons.Continuous[] c = new LowerNeurons.Continuous[m];
        double q = maxW / WEIGHT_MAX;
        for (int i = 0; i < m; i++) {
            c[i] = LowerNeurons.continuous(p.modelOf(per, i), dt, LowerNeurons.currentOf(current, i));
            q = Math.max(q, Math.max(c[i].thrMv() / ALPHA_MAX, Math.abs(c[i].driveMv()) / LEAK_MAX));
        }
        // a refractory period never reaches here: validate refuses it on TrueNorth
        TrueNorthNeurons out = TrueNorthNeurons.zeros(m);
        LowerNeurons.ErrorStat thr = new LowerNeurons.ErrorStat("threshold", "mV");
        LowerNeurons.ErrorStat drive = new LowerNeurons.ErrorStat("drive", "mV/tick");
        LowerNeurons.ErrorStat init = new LowerNeurons.ErrorStat("v_init", "mV");
        boolean v0Reported = false;
        for (int i = 0; i < m; i++) {
            LowerNeurons.Continuous ci = c[i];
            int alpha = (int) Math.max(1, Math.min(ALPHA_MAX, Math.round(ci.thrMv() / q)));
            int leak = (int) Math.round(ci.driveMv() / q);
            long v0 = Math.round(ci.initMv() / q);
            if (Math.abs(v0) > V_MAX) {
                if (!v0Reported) {
                    v0Reported = true;
                    d.error(p.whereOf("params.v_init", "params"),
                            "population '" + p.name() + "'" + (m == 1 ? "" : " neuron " + i) + ": v_init is "
                            + ci.initMv() + " mV from v_reset, " + Math.abs(v0) + " LSB of " + q
                            + " mV: out of the datapath's 20-bit range");
                }
                v0 = 0;
            }
            // lif and if: normal reset to 0 (v_reset), negative potentials saturate at -alpha
            out.leak()[i] = leak;
            out.alpha()[i] = alpha;
            out.beta()[i] = alpha;
            out.kappa()[i] = 1;
            out.v0()[i] = (int) v0;
            thr.add(ci.thrMv(), alpha * q);
            drive.add(ci.driveMv(), leak * q);
            if (m > 1 && p.perNeuron().containsKey("v_init")) {
                init.add(ci.initMv(), v0 * q);
            }
        }
        List<String> notes = new ArrayList<>();
        List<LowerNeurons.ParamError> errors = new ArrayList<>();
        notes.add(String.format(java.util.Locale.ROOT, "1 LSB = %.6g mV", q));
        LowerNeurons.report(notes, errors, thr, drive);
        if (m > 1) {
            LowerNeurons.report(notes, errors, init);
        }
        // the typical neuron (the model's own values) speaks for the population in the warning and estimates
        LowerNeurons.Continuous typical = m == 1 ? c[0] : LowerNeurons.continuous(p.model(), dt, current[0]);
        if (typical.dtOverTau() > 0) {
            notes.add("exponential decay (dt/tau_m = " + typical.dtOverTau()
                    + ") approximated by the constant leak evaluated at v_reset");
            d.warning(p.where(), decayWarning(p.name(), typical.thrMv(), typical.driveMv(), typical.dtOverTau())
                    + (m > 1 ? " (figures for the population's typical neuron; its neurons differ)" : ""));
        }
        NeuronModel.TrueNorth rec = m == 1 ? (NeuronModel.TrueNorth) neuronOf(out, 0)
                : new NeuronModel.TrueNorth((int) Math.round(typical.driveMv() / q), 0,
                        (int) Math.max(1, Math.min(ALPHA_MAX, Math.round(typical.thrMv() / q))),
                        (int) Math.max(1, Math.min(ALPHA_MAX, Math.round(typical.thrMv() / q))), 0, 1, 0, 0);
        return new LowerNeurons.Pop(p, rec, out, q, 1 / q, null, notes, errors,
                LowerNeurons.scaleOf(p, per, q, notes));
    }

    /** The raw truenorth model: per-neuron values as written, constant currents folded into each leak. */
    private static LowerNeurons.Pop raw(Population p, Map<String, double[]> per, double[] current, Diagnostics d) {
        NeuronModel.TrueNorth t0 = (NeuronModel.TrueNorth) p.model();
        int m = p.heterogeneous() || current.length > 1 ? p.size() : 1;
        TrueNorthNeurons out = TrueNorthNeurons.zeros(m).withNegativeThreshold(t0.negativeThreshold());
        for (int i = 0; i < m; i++) {
            NeuronModel.TrueNorth t = (NeuronModel.TrueNorth) p.modelOf(per, i);
            long leak = t.leak() + Math.round(LowerNeurons.currentOf(current, i));
            if (leak < -256 || leak > 255) {
                d.error(p.whereOf("params.leak", "params"),
                        "population '" + p.name() + "'" + (m == 1 ? "" : " neuron " + i) + ": leak " + t.leak()
                        + " plus constant current " + Math.round(LowerNeurons.currentOf(current, i)) + " = " + leak
                        + " is out of the datapath's range [-256, 255]");
                break;
            }
            out.leak()[i] = (int) leak;
            out.leakReversal()[i] = t.leakReversal();
            out.alpha()[i] = t.alpha();
            out.beta()[i] = t.beta();
            out.resetMode()[i] = t.resetMode();
            out.kappa()[i] = t.kappa();
            out.resetV()[i] = t.resetV();
            out.v0()[i] = t.v0();
        }
        List<String> notes = new ArrayList<>();
        notes.add("raw TrueNorth parameters (no quantisation)" + (m > 1 ? ", per neuron" : ""));
        if (t0.negativeThreshold() == NegativeThreshold.INCLUSIVE) {
            notes.add("negative threshold inclusive: V <= -beta crosses it (RANC's rule; TrueNorth's is"
                    + " V < -beta)");
        }
        long leak0 = Math.max(-256, Math.min(255, t0.leak() + Math.round(current[0])));
        NeuronModel.TrueNorth rec = new NeuronModel.TrueNorth((int) leak0, t0.leakReversal(), t0.alpha(), t0.beta(),
                t0.resetMode(), t0.kappa(), t0.resetV(), t0.v0(), t0.negativeThreshold());
        return new LowerNeurons.Pop(p, m == 1 ? neuronOf(out, 0) : rec, out, 1, 1, null, notes, List.of(), null);
    }

    private static NeuronModel neuronOf(TrueNorthNeurons t, int i) {
        return new NeuronModel.TrueNorth(t.leak()[i], t.leakReversal()[i], t.alpha()[i], t.beta()[i],
                t.resetMode()[i], t.kappa()[i], t.resetV()[i], t.v0()[i], t.negativeThreshold());
    }


    /**
     * What replacing the decay by a constant leak does to a neuron's constant drive: with decay,
     * x = v - v_reset follows x_n = x_inf (1 - (1 - a)^n), a = dt/tau_m, x_inf = drive / a, and
     * reaches the threshold after ln(1 - thr/x_inf) / ln(1 - a) ticks, or never when thr >= x_inf;
     * with the constant leak it climbs {@code drive} per tick and fires after thr / drive ticks.
     */
    static String decayWarning(String pop, double thrMv, double driveMv, double a) {
        String head = "population '" + pop + "': TrueNorth has no multiplicative decay, so the leak towards v_rest "
                + "becomes a constant leak (the drive at v_reset, " + fmt(driveMv) + " mV per tick)";
        String fix = "; compile for loihi to keep the decay, or describe the neuron as 'if' with that bias";
        if (!(driveMv > 0)) {
            return head + fix;
        }
        long constTicks = (long) Math.ceil(thrMv / driveMv - 1e-9);
        double xInf = driveMv / a;
        if (thrMv >= xInf) {
            return head + ": with its constant drive it fires every " + constTicks + " ticks, where the leaky neuron "
                    + "never fires (it settles " + fmt(thrMv - xInf) + " mV below threshold)" + fix;
        }
        long decayTicks = (long) Math.ceil(Math.log(1 - thrMv / xInf) / Math.log(1 - a) - 1e-9);
        return head + ": with its constant drive it fires every " + constTicks + " ticks instead of every " + decayTicks
                + " (" + fmt((double) decayTicks / constTicks) + "x the rate)" + fix;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
