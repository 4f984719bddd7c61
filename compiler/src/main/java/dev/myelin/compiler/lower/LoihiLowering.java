package dev.myelin.compiler.lower;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Population;
import dev.myelin.isa.model.Limits;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.Symbol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lowers one population to Loihi CUBA LIF parameters (see {@link LowerNeurons}), neuron by
 * neuron: one voltage LSB for the population (a core holds one weight scale), every other
 * field per neuron.
 */
public final class LoihiLowering {
    public static final int VTH_MAX = (1 << 17) - 1;
    static final int BIAS_MANT_MAX = (1 << 12) - 1;
    /** Largest bias: mantissa 4095 shifted by exponent 7. */
    public static final double BIAS_MAX = BIAS_MANT_MAX * 128.0;
    /** Largest jump of v from one synapse: 255 &lt;&lt; 7 &lt;&lt; 6. */
    public static final double JUMP_MAX = 255.0 * (1 << 13);
    /** Effective threshold aimed for: half the 24-bit range, leaving headroom for overshoot. */
    static final double THRESHOLD_TARGET = 1 << 22;
    /** Largest magnitude of the 24-bit signed v and u. */
    static final int STATE_MAX = (1 << 23) - 1;

    private LoihiLowering() {
    }

    static LowerNeurons.Pop lower(Population p, double dt, double[] current, double maxW, Diagnostics d) {
        Map<String, double[]> per = p.resolvePerNeuron();
        if (p.model() instanceof NeuronModel.LoihiLif) {
            return raw(p, per, current, d);
        }
        // one neuron when they all share their parameters: every array below is then filled from it
        int m = p.heterogeneous() || current.length > 1 ? p.size() : 1;
        LowerNeurons.Continuous[] c = new LowerNeurons.Continuous[m];
        double q = 0;
        double[] uInit = new double[m];
        for (int i = 0; i < m; i++) {
            NeuronModel mi = p.modelOf(per, i);
            c[i] = LowerNeurons.continuous(mi, dt, LowerNeurons.currentOf(current, i));
            uInit[i] = mi instanceof NeuronModel.CubaLif cl ? cl.uInitNa() : 0;
            double maxJump = maxW * c[i].weightMvPerUnit();
            q = Math.max(q, Math.max(c[i].thrMv() / THRESHOLD_TARGET,
                    Math.max(Math.abs(c[i].driveMv()) / BIAS_MAX, maxJump / JUMP_MAX)));
        }
        int[] dendriteDu = dendriteDu(p, dt, d);
        LoihiNeurons out = LoihiNeurons.zeros(m);
        boolean refractoryReported = false;
        double[] wf = new double[m];
        LowerNeurons.ErrorStat thr = new LowerNeurons.ErrorStat("threshold", "mV");
        LowerNeurons.ErrorStat drive = new LowerNeurons.ErrorStat("drive", "mV/tick");
        LowerNeurons.ErrorStat decay = new LowerNeurons.ErrorStat("voltage decay", "per tick");
        LowerNeurons.ErrorStat synDecay = new LowerNeurons.ErrorStat("current decay", "per tick");
        LowerNeurons.ErrorStat init = new LowerNeurons.ErrorStat("v_init", "mV");
        boolean dvReported = false;
        boolean duReported = false;
        boolean v0Reported = false;
        for (int i = 0; i < m; i++) {
            LowerNeurons.Continuous ci = c[i];
            String who = m == 1 ? "" : " neuron " + i;
            long dv = Math.round(4096 * ci.dtOverTau());
            long du = ci.tauSynMs() > 0 ? Math.round(4096 * dt / ci.tauSynMs()) - 1 : 4095;
            if (dv > 4095 && !dvReported) {
                dvReported = true;
                d.error(p.whereOf("params.tau_m", "params"),
                        "population '" + p.name() + "'" + who + ": dt/tau_m = " + ci.dtOverTau() + " gives dv = " + dv
                        + ", out of the datapath's range [0, 4095]; use a smaller dt or a longer tau_m");
            }
            if (ci.tauSynMs() > 0 && du > 4095 && !duReported) {
                duReported = true;
                d.error(p.whereOf("params.tau_syn", "params"),
                        "population '" + p.name() + "'" + who + ": dt/tau_syn = " + dt / ci.tauSynMs() + " gives du = "
                        + du + ", out of the datapath's range [0, 4095]; use a smaller dt or a longer tau_syn");
            }
            int vth = (int) Math.max(1, Math.min(VTH_MAX, Math.round(ci.thrMv() / q / 64)));
            int[] be = encodeBias(Math.round(ci.driveMv() / q));
            long v0 = Math.round(ci.initMv() / q);
            if (Math.abs(v0) > STATE_MAX) {
                if (!v0Reported) {
                    v0Reported = true;
                    d.error(p.whereOf("params.v_init", "params"),
                            "population '" + p.name() + "'" + who + ": v_init is out of the datapath's 24-bit range");
                }
                v0 = 0;
            }
            wf[i] = ci.weightMvPerUnit() / q;
            long u0 = Math.max(-STATE_MAX, Math.min(STATE_MAX, Math.round(uInit[i] * wf[i])));
            out.du()[i] = (int) Math.max(0, Math.min(4095, du));
            out.dv()[i] = (int) Math.max(0, Math.min(4095, dv));
            out.vth()[i] = vth;
            out.biasMant()[i] = be[0];
            out.biasExp()[i] = be[1];
            out.v0()[i] = (int) v0;
            out.u0()[i] = (int) u0;
            long ticks = Math.round(ci.refractoryMs() / dt);
            if ((ticks > Limits.LOIHI_REFRACTORY_MAX || ci.refractoryMs() < 0) && !refractoryReported) {
                refractoryReported = true;
                d.error(p.whereOf("params.refractory", "params"), "population '" + p.name() + "'" + who
                        + ": refractory " + ci.refractoryMs() + " ms " + (ci.refractoryMs() < 0 ? "is negative"
                        : "is " + ticks + " ticks of " + dt + " ms, beyond the datapath's "
                        + Limits.LOIHI_REFRACTORY_MAX + "; use a longer dt or a shorter refractory period"));
            }
            // Lava's LIFRefractory period: v held in the round(refractory / dt) ticks after a spike
            out.refractory()[i] = (int) Math.max(0, Math.min(Limits.LOIHI_REFRACTORY_MAX, ticks));
            thr.add(ci.thrMv(), (double) vth * 64 * q);
            drive.add(ci.driveMv(), (double) ((long) be[0] << be[1]) * q);
            if (ci.dtOverTau() > 0) {
                decay.add(ci.dtOverTau(), out.dv()[i] / 4096.0);
            }
            if (ci.tauSynMs() > 0) {
                // the current keeps (4096 - du - 1) / 4096 per tick (Lava's offset); exact: 1 - dt / tau_syn
                synDecay.add(dt / ci.tauSynMs(), (out.du()[i] + 1) / 4096.0);
            }
            if (m > 1 && p.perNeuron().containsKey("v_init")) {
                init.add(ci.initMv(), v0 * q);
            }
        }
        List<String> notes = new ArrayList<>();
        List<LowerNeurons.ParamError> errors = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "1 LSB = %.6g mV; du = %d, dv = %d", q, out.du()[0], out.dv()[0])
                + (m > 1 ? " (neuron 0)" : ""));
        LowerNeurons.report(notes, errors, thr, drive, decay);
        if (!p.receptors().isEmpty()) {
            StringBuilder sb = new StringBuilder(p.receptors().size()
                    + " compartments per neuron (receptors, the soma's first):");
            for (int k = 0; k < p.receptors().size(); k++) {
                sb.append(String.format(Locale.ROOT, " %s tau_syn %.6g ms du = %d%s", p.receptors().get(k).name(),
                        p.receptors().get(k).tauSynMs(), k == 0 ? out.du()[0] : dendriteDu[k - 1],
                        k + 1 < p.receptors().size() ? ";" : ""));
            }
            notes.add(sb.toString());
        }
        if (out.refractory()[0] > 0 || p.perNeuron().containsKey("refractory")) {
            notes.add(String.format(Locale.ROOT, "refractory %.6g ms -> %d ticks (v held after each spike)%s",
                    c[0].refractoryMs(), out.refractory()[0], m > 1 ? " (neuron 0)" : ""));
        }
        if (m > 1) {
            LowerNeurons.report(notes, errors, synDecay, init);
        }
        // one factor unless neurons differ in it (compared bit for bit, so a NaN from a hostile
        // weight, refused below, still counts as one)
        boolean sameWeightScale = wf.length == 1
                || java.util.Arrays.stream(wf).allMatch(x -> Double.compare(x, wf[0]) == 0);
        LowerNeurons.Pop lp = new LowerNeurons.Pop(p, null, out, q, wf[0], sameWeightScale ? null : wf,
                notes, errors, LowerNeurons.scaleOf(p, per, q, notes));
        return withTypical(lp, p, dt, current[0], q);
    }

    /** The raw loihi_lif model: per-neuron values as written, constant currents folded into each bias. */
    private static LowerNeurons.Pop raw(Population p, Map<String, double[]> per, double[] current, Diagnostics d) {
        int m = p.heterogeneous() || current.length > 1 ? p.size() : 1;
        LoihiNeurons out = LoihiNeurons.zeros(m);
        NeuronModel.LoihiLif typical = null;
        for (int i = 0; i < m; i++) {
            NeuronModel.LoihiLif l = (NeuronModel.LoihiLif) p.modelOf(per, i);
            long bias = ((long) l.biasMant() << l.biasExp()) + Math.round(LowerNeurons.currentOf(current, i));
            int[] be = encodeBias(bias);
            if (be == null) {
                d.error(p.whereOf("params.bias_mant", "params.bias_exp", "params"),
                        "population '" + p.name() + "'" + (m == 1 ? "" : " neuron " + i) + ": bias " + bias
                        + " (with constant currents) is out of the datapath's range [-" + (long) BIAS_MAX + ", "
                        + (long) BIAS_MAX + "]");
                return new LowerNeurons.Pop(p, l, out, 1, 1, null, List.of(), List.of(), null);
            }
            out.du()[i] = l.du();
            out.dv()[i] = l.dv();
            out.vth()[i] = l.vth();
            out.biasMant()[i] = be[0];
            out.biasExp()[i] = be[1];
            out.v0()[i] = l.v0();
            out.u0()[i] = l.u0();
            if (i == 0) {
                typical = new NeuronModel.LoihiLif(l.du(), l.dv(), l.vth(), be[0], be[1], l.v0(), l.u0());
            }
        }
        if (m > 1) {
            NeuronModel.LoihiLif t = (NeuronModel.LoihiLif) p.model();
            int[] be = encodeBias(((long) t.biasMant() << t.biasExp()) + Math.round(current[0]));
            typical = be == null ? typical : new NeuronModel.LoihiLif(t.du(), t.dv(), t.vth(), be[0], be[1], t.v0(),
                    t.u0());
        }
        return new LowerNeurons.Pop(p, typical, out, 1, 1, null,
                List.of("raw Loihi parameters (no quantisation)" + (m > 1 ? ", per neuron" : "")), List.of(), null);
    }

    /** The lowered record of the population's typical neuron (its model's own values), for estimates. */
    private static LowerNeurons.Pop withTypical(LowerNeurons.Pop lp, Population p, double dt, double current,
                                                double q) {
        NeuronModel typical;
        if (!p.heterogeneous()) {
            typical = lp.neuron(0);
        } else {
            LowerNeurons.Continuous c = LowerNeurons.continuous(p.model(), dt, current);
            long du = c.tauSynMs() > 0 ? Math.round(4096 * dt / c.tauSynMs()) - 1 : 4095;
            int[] be = encodeBias(Math.round(c.driveMv() / q));
            typical = new NeuronModel.LoihiLif((int) Math.max(0, Math.min(4095, du)),
                    (int) Math.max(0, Math.min(4095, Math.round(4096 * c.dtOverTau()))),
                    (int) Math.max(1, Math.min(VTH_MAX, Math.round(c.thrMv() / q / 64))),
                    be == null ? 0 : be[0], be == null ? 0 : be[1], 0);
        }
        return new LowerNeurons.Pop(lp.pop(), typical, lp.neurons(), lp.lsbMv(), lp.weightToLsb(),
                lp.weightToLsbPerNeuron(), lp.notes(), lp.errors(), lp.scale());
    }



    /**
     * The current decays of a population's dendrites, one per receptor after the first (the
     * soma's own current): round(4096 dt / tau_syn) - 1, Lava's decay offset. Empty without
     * receptors. With {@code d}, a du beyond 4095 is reported at the receptor.
     */
    public static int[] dendriteDu(Population p, double dt, Diagnostics d) {
        int k = p.receptors().size();
        int[] du = new int[Math.max(0, k - 1)];
        for (int r = 1; r < k; r++) {
            long x = Math.round(4096 * dt / p.receptors().get(r).tauSynMs()) - 1;
            if (x > 4095 && d != null) {
                d.error(p.whereOf("receptors." + p.receptors().get(r).name(), "receptors"), "population '" + p.name()
                        + "': receptor '" + p.receptors().get(r).name() + "': dt/tau_syn = "
                        + dt / p.receptors().get(r).tauSynMs() + " gives du = " + x
                        + ", out of the datapath's range [0, 4095]; use a smaller dt or a longer tau_syn");
            }
            du[r - 1] = (int) Math.max(0, Math.min(4095, x));
        }
        return du;
    }

    /** {mantissa, exponent} with the smallest exponent whose rounded mantissa fits 13 bits; null if none. */
    public static int[] encodeBias(long bias) {
        for (int e = 0; e <= 7; e++) {
            long m = Math.round(bias / (double) (1L << e));
            if (m >= -BIAS_MANT_MAX - 1 && m <= BIAS_MANT_MAX) {
                return new int[] {(int) m, e};
            }
        }
        return null;
    }
}
