package dev.myelin.compiler.lower;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Population;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.Symbol;

import java.util.ArrayList;
import java.util.List;

/** Lowers one population to TrueNorth neuron parameters (see {@link LowerNeurons}). */
final class TrueNorthLowering {
    static final int ALPHA_MAX = (1 << 18) - 1;
    static final int LEAK_MAX = 255;
    static final int WEIGHT_MAX = 255;
    static final int V_MAX = (1 << 19) - 1;

    private TrueNorthLowering() {
    }

    static LowerNeurons.Pop lower(Population p, double dt, double current, double maxW, Diagnostics d) {
        if (p.model() instanceof NeuronModel.TrueNorth t) {
            long leak = t.leak() + Math.round(current);
            if (leak < -256 || leak > 255) {
                d.error(p.whereOf("params.leak", "params"),
                        "population '" + p.name() + "': leak " + t.leak() + " plus constant current "
                        + Math.round(current) + " = " + leak + " is out of the datapath's range [-256, 255]");
            }
            NeuronModel.TrueNorth r = new NeuronModel.TrueNorth((int) Math.max(-256, Math.min(255, leak)),
                    t.leakReversal(), t.alpha(), t.beta(), t.resetMode(), t.kappa(), t.resetV(), t.v0(),
                    t.negativeThreshold());
            List<String> notes = new ArrayList<>();
            notes.add("raw TrueNorth parameters (no quantisation)");
            if (t.negativeThreshold() == NegativeThreshold.INCLUSIVE) {
                notes.add("negative threshold inclusive: V <= -beta crosses it (RANC's rule; TrueNorth's is"
                        + " V < -beta)");
            }
            return new LowerNeurons.Pop(p, r, 1, 1, notes, null);
        }
        if (!(p.model() instanceof NeuronModel.Lif) && !(p.model() instanceof NeuronModel.If)) {
            throw new IllegalStateException("validate lets only lif, if and truenorth reach TrueNorth lowering");
        }
        LowerNeurons.Continuous c = LowerNeurons.continuous(p.model(), dt, current);
        LowerNeurons.refractoryWarning(p, c, dt, d);
        double q = Math.max(c.thrMv() / ALPHA_MAX, Math.max(Math.abs(c.driveMv()) / LEAK_MAX, maxW / WEIGHT_MAX));
        q = Math.max(q, c.thrMv() / ALPHA_MAX);
        int alpha = (int) Math.max(1, Math.min(ALPHA_MAX, Math.round(c.thrMv() / q)));
        int leak = (int) Math.round(c.driveMv() / q);
        long v0 = Math.round(c.initMv() / q);
        if (Math.abs(v0) > V_MAX) {
            d.error(p.whereOf("params.v_init", "params"),
                    "population '" + p.name() + "': v_init is " + c.initMv() + " mV from v_reset, "
                    + Math.abs(v0) + " LSB of " + q + " mV: out of the datapath's 20-bit range");
            v0 = 0;
        }
        NeuronModel.TrueNorth r = new NeuronModel.TrueNorth(leak, 0, alpha, alpha, 0, 1, 0, (int) v0);
        List<String> notes = new ArrayList<>();
        notes.add(String.format(java.util.Locale.ROOT, "1 LSB = %.6g mV", q));
        notes.add(LowerNeurons.relErr("threshold mV", c.thrMv(), alpha * q));
        notes.add(LowerNeurons.relErr("drive mV/tick", c.driveMv(), leak * q));
        if (c.dtOverTau() > 0) {
            notes.add("exponential decay (dt/tau_m = " + c.dtOverTau()
                    + ") approximated by the constant leak evaluated at v_reset");
            d.warning(p.where(), decayWarning(p.name(), c.thrMv(), c.driveMv(), c.dtOverTau()));
        }
        return new LowerNeurons.Pop(p, r, q, 1 / q, notes,
                new Symbol.Scale(q, LowerNeurons.vResetMv(p.model())));
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
