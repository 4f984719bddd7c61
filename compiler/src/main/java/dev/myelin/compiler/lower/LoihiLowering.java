package dev.myelin.compiler.lower;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Population;
import dev.myelin.compiler.ir.Receptor;
import dev.myelin.isa.model.Limits;
import dev.myelin.isa.model.Symbol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lowers one population to Loihi CUBA LIF parameters (see {@link LowerNeurons}). */
final class LoihiLowering {
    static final int VTH_MAX = (1 << 17) - 1;
    static final int BIAS_MANT_MAX = (1 << 12) - 1;
    /** Largest bias: mantissa 4095 shifted by exponent 7. */
    static final double BIAS_MAX = BIAS_MANT_MAX * 128.0;
    /** Largest jump of v from one synapse: 255 &lt;&lt; 7 &lt;&lt; 6. */
    static final double JUMP_MAX = 255.0 * (1 << 13);
    /** Effective threshold aimed for: half the 24-bit range, leaving headroom for overshoot. */
    static final double THRESHOLD_TARGET = 1 << 22;

    private LoihiLowering() {
    }

    static LowerNeurons.Pop lower(Population p, double dt, double current, double maxW, Diagnostics d) {
        if (p.model() instanceof NeuronModel.LoihiLif l) {
            long bias = ((long) l.biasMant() << l.biasExp()) + Math.round(current);
            int[] be = encodeBias(bias);
            if (be == null) {
                d.error(p.whereOf("params.bias_mant", "params.bias_exp", "params"),
                        "population '" + p.name() + "': bias " + bias + " (with constant currents) is out of"
                        + " the datapath's range [-" + (long) BIAS_MAX + ", " + (long) BIAS_MAX + "]");
                be = new int[] {0, 0};
            }
            NeuronModel.LoihiLif r = new NeuronModel.LoihiLif(l.du(), l.dv(), l.vth(), be[0], be[1], l.v0(),
                    l.refractory(), l.dendriteDu());
            return new LowerNeurons.Pop(p, r, 1, 1, List.of("raw Loihi parameters (no quantisation)"), null);
        }
        LowerNeurons.Continuous c = LowerNeurons.continuous(p.model(), dt, current);
        long dv = Math.round(4096 * c.dtOverTau());
        if (dv > 4095) {
            d.error(p.whereOf("params.tau_m", "params"),
                    "population '" + p.name() + "': dt/tau_m = " + c.dtOverTau() + " gives dv = " + dv
                    + ", out of the datapath's range [0, 4095]; use a smaller dt or a longer tau_m");
        }
        // one current per receptor (the soma's first, then its dendrites), or the model's own
        List<Receptor> receptors = p.receptors().isEmpty() ? List.of(new Receptor("tau_syn", c.tauSynMs()))
                : p.receptors();
        int[] du = new int[receptors.size()];
        for (int r = 0; r < du.length; r++) {
            du[r] = currentDecay(p, receptors.get(r), dt, d);
        }
        int refractory = refractoryTicks(p, c.refractoryMs(), dt, d);
        double maxJump = maxW * c.weightMvPerUnit();
        double q = Math.max(c.thrMv() / THRESHOLD_TARGET, Math.max(Math.abs(c.driveMv()) / BIAS_MAX, maxJump / JUMP_MAX));
        int vth = (int) Math.max(1, Math.min(VTH_MAX, Math.round(c.thrMv() / q / 64)));
        int[] be = encodeBias(Math.round(c.driveMv() / q));
        long v0 = Math.round(c.initMv() / q);
        if (Math.abs(v0) >= 1 << 23) {
            d.error(p.whereOf("params.v_init", "params"),
                    "population '" + p.name() + "': v_init is out of the datapath's 24-bit range");
            v0 = 0;
        }
        NeuronModel.LoihiLif r = new NeuronModel.LoihiLif(du[0], (int) Math.max(0, Math.min(4095, dv)), vth,
                be[0], be[1], (int) v0, refractory, java.util.Arrays.copyOfRange(du, 1, du.length));
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "1 LSB = %.6g mV; du = %d, dv = %d", q, r.du(), r.dv()));
        if (!p.receptors().isEmpty()) {
            StringBuilder sb = new StringBuilder(receptors.size() + " compartments per neuron (receptors, soma first):");
            for (int k = 0; k < du.length; k++) {
                sb.append(String.format(Locale.ROOT, " %s tau_syn %.6g ms du = %d%s", receptors.get(k).name(),
                        receptors.get(k).tauSynMs(), du[k], k + 1 < du.length ? ";" : ""));
            }
            notes.add(sb.toString());
        }
        if (c.refractoryMs() > 0) {
            notes.add(String.format(Locale.ROOT, "refractory %.6g ms -> %d ticks (v held after each spike)",
                    c.refractoryMs(), refractory));
        }
        notes.add(LowerNeurons.relErr("threshold mV", c.thrMv(), (double) vth * 64 * q));
        notes.add(LowerNeurons.relErr("drive mV/tick", c.driveMv(), (double) ((long) be[0] << be[1]) * q));
        if (c.dtOverTau() > 0) {
            notes.add(LowerNeurons.relErr("voltage decay per tick", c.dtOverTau(), r.dv() / 4096.0));
        }
        return new LowerNeurons.Pop(p, r, q, c.weightMvPerUnit() / q, notes,
                new Symbol.Scale(q, LowerNeurons.vResetMv(p.model())));
    }

    /**
     * du of one synaptic current: 4095 for delta synapses (no tau_syn: the current lasts one
     * tick), else round(4096 dt / tau_syn) - 1 (Lava's decay offset of 1).
     */
    private static int currentDecay(Population p, Receptor r, double dt, Diagnostics d) {
        if (!(r.tauSynMs() > 0)) {
            return 4095;
        }
        long du = Math.round(4096 * dt / r.tauSynMs()) - 1;
        if (du > 4095) {
            String key = p.receptors().isEmpty() ? "params.tau_syn" : "receptors." + r.name();
            d.error(p.whereOf(key, "receptors", "params"),
                    "population '" + p.name() + "': dt/tau_syn = " + dt / r.tauSynMs() + " gives du = " + du
                    + ", out of the datapath's range [0, 4095]; use a smaller dt or a longer tau_syn");
        }
        return (int) Math.max(0, Math.min(4095, du));
    }

    /**
     * The refractory period in ticks, round(refractory / dt): the ticks v is held after the
     * spike's (Lava's LIFRefractory refractory_period). At most 255, the compartment's field.
     */
    private static int refractoryTicks(Population p, double refractoryMs, double dt, Diagnostics d) {
        long ticks = Math.round(refractoryMs / dt);
        if (ticks > Limits.LOIHI_REFRACTORY_MAX) {
            d.error(p.whereOf("params.refractory", "params"), "population '" + p.name() + "': refractory "
                    + refractoryMs + " ms is " + ticks + " ticks of " + dt + " ms, beyond the datapath's "
                    + Limits.LOIHI_REFRACTORY_MAX + "; use a longer dt or a shorter refractory period");
            return 0;
        }
        return (int) ticks;
    }

    /** {mantissa, exponent} with the smallest exponent whose rounded mantissa fits 13 bits; null if none. */
    static int[] encodeBias(long bias) {
        for (int e = 0; e <= 7; e++) {
            long m = Math.round(bias / (double) (1L << e));
            if (m >= -BIAS_MANT_MAX - 1 && m <= BIAS_MANT_MAX) {
                return new int[] {(int) m, e};
            }
        }
        return null;
    }
}
