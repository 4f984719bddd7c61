package dev.myelin.compiler.lower;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Population;
import dev.myelin.isa.model.Symbol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lowers one population to Loihi CUBA LIF parameters (see {@link LowerNeurons}). */
public final class LoihiLowering {
    public static final int VTH_MAX = (1 << 17) - 1;
    static final int BIAS_MANT_MAX = (1 << 12) - 1;
    /** Largest bias: mantissa 4095 shifted by exponent 7. */
    public static final double BIAS_MAX = BIAS_MANT_MAX * 128.0;
    /** Largest jump of v from one synapse: 255 &lt;&lt; 7 &lt;&lt; 6. */
    public static final double JUMP_MAX = 255.0 * (1 << 13);
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
            NeuronModel.LoihiLif r = new NeuronModel.LoihiLif(l.du(), l.dv(), l.vth(), be[0], be[1], l.v0());
            return new LowerNeurons.Pop(p, r, 1, 1, List.of("raw Loihi parameters (no quantisation)"), null);
        }
        LowerNeurons.Continuous c = LowerNeurons.continuous(p.model(), dt, current);
        LowerNeurons.refractoryWarning(p, c, d);
        long dv = Math.round(4096 * c.dtOverTau());
        long du = c.tauSynMs() > 0 ? Math.round(4096 * dt / c.tauSynMs()) - 1 : 4095;
        if (dv > 4095) {
            d.error(p.whereOf("params.tau_m", "params"),
                    "population '" + p.name() + "': dt/tau_m = " + c.dtOverTau() + " gives dv = " + dv
                    + ", out of the datapath's range [0, 4095]; use a smaller dt or a longer tau_m");
        }
        if (c.tauSynMs() > 0 && du > 4095) {
            d.error(p.whereOf("params.tau_syn", "params"),
                    "population '" + p.name() + "': dt/tau_syn = " + dt / c.tauSynMs() + " gives du = " + du
                    + ", out of the datapath's range [0, 4095]; use a smaller dt or a longer tau_syn");
        }
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
        NeuronModel.LoihiLif r = new NeuronModel.LoihiLif((int) Math.max(0, Math.min(4095, du)),
                (int) Math.max(0, Math.min(4095, dv)), vth, be[0], be[1], (int) v0);
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "1 LSB = %.6g mV; du = %d, dv = %d", q, r.du(), r.dv()));
        notes.add(LowerNeurons.relErr("threshold mV", c.thrMv(), (double) vth * 64 * q));
        notes.add(LowerNeurons.relErr("drive mV/tick", c.driveMv(), (double) ((long) be[0] << be[1]) * q));
        if (c.dtOverTau() > 0) {
            notes.add(LowerNeurons.relErr("voltage decay per tick", c.dtOverTau(), r.dv() / 4096.0));
        }
        return new LowerNeurons.Pop(p, r, q, c.weightMvPerUnit() / q, notes,
                new Symbol.Scale(q, LowerNeurons.vResetMv(p.model())));
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
