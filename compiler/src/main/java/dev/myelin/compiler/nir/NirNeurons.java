package dev.myelin.compiler.nir;

import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.ParamSpec;
import dev.myelin.compiler.lower.LoihiLowering;
import dev.myelin.isa.diag.MyelinInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One NIR neuron node to raw Loihi CUBA parameters, neuron by neuron with one voltage LSB for the
 * node (docs/nir.md, "Fixed point"): dv = round(4096 (1 - exp(-dt/tau_mem))), du =
 * round(4096 (1 - exp(-dt/tau_syn))) - 1 (Lava's decay keeps (4096 - du - 1) / 4096), the voltage
 * origin at v_reset, vth = round((v_threshold - v_reset) / lsb / 64), the leak toward v_leak as
 * the bias (1 - a_mem)(v_leak - v_reset) / lsb, v_init = -v_reset / lsb.
 */
final class NirNeurons {
    /** Effective threshold aimed for: half the 24-bit range, leaving headroom for overshoot. */
    static final double THRESHOLD_TARGET = 1 << 22;
    /** Largest jump aimed for in a neuron that never fires (leaves 2^9 jumps before saturation). */
    static final double NONSPIKING_JUMP = 1 << 14;

    private NirNeurons() {
    }

    /**
     * A node lowered.
     *
     * @param typical   neuron 0's parameters (every neuron's, unless {@code perNeuron} says otherwise)
     * @param perNeuron the raw parameters that differ between neurons, by their loihi_lif names
     * @param gain      per neuron, the voltage (NIR units) one unit of input adds through the synapse
     * @param lsb       NIR voltage units per voltage LSB
     */
    record Lowered(NeuronModel.LoihiLif typical, Map<String, ParamSpec> perNeuron, double[] gain, double lsb,
                   NirImport.NodeFacts facts) {
    }

    /** Range and worst error of one derived quantity over a node's neurons, for the report. */
    private static final class Stat {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double err;

        void add(double v) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }

        void err(double want, double got) {
            err = Math.max(err, want == 0 ? (got == 0 ? 0 : 1) : Math.abs(got - want) / Math.abs(want));
        }

        /** Whether the neurons differ in it (false when no neuron has it). */
        boolean varies() {
            return lo < hi;
        }

        String range() {
            return lo == hi ? NirImport.fmt(lo) : NirImport.fmt(lo) + ".." + NirImport.fmt(hi);
        }

        String error() {
            return String.format(Locale.ROOT, "%.3f%%", 100 * err);
        }

        /** The range for a structured report, or null when no neuron has the quantity. */
        NirImport.Range toRange() {
            return lo <= hi ? new NirImport.Range(lo, hi) : null;
        }
    }

    /** The bound kept for the 24-bit current u (which wraps): 90% of 2^23, a margin for rounded weights. */
    static final double CURRENT_LIMIT = 0.9 * (1 << 23);

    /**
     * @param maxIn per neuron, the largest |weight| or |bias| reaching it (NIR input units)
     * @param sumIn per neuron, the sum of every |weight| and |bias| reaching it
     */
    static Lowered lower(NirModel.State s, double[] maxIn, double[] sumIn, double dt, List<String> rep) {
        int n = s.size();
        NirModel.Kind k = s.kind();
        double[] am = new double[n];
        double[] as = new double[n];
        int[] dv = new int[n];
        int[] du = new int[n];
        double[] gain = new double[n];
        double[] drive = new double[n];
        double[] thr = new double[n];
        double q = 0;
        for (int i = 0; i < n; i++) {
            am[i] = k.leaky() ? Math.exp(-dt / s.tauMem()[i]) : 1;
            dv[i] = k.leaky() ? (int) Math.min(4095, Math.round(4096 * (1 - am[i]))) : k == NirModel.Kind.THRESHOLD ? 4095 : 0;
            gain[i] = k.leaky() ? (1 - am[i]) * s.r()[i] : k == NirModel.Kind.THRESHOLD ? 1 : s.r()[i];
            du[i] = 4095;
            if (k.synapse()) {
                as[i] = Math.exp(-dt / s.tauSyn()[i]);
                du[i] = (int) Math.max(0, Math.min(4095, Math.round(4096 * (1 - as[i])) - 1));
                gain[i] *= (1 - as[i]) * s.wIn()[i];
            }
            double vReset = s.vReset()[i];
            drive[i] = k.leaky() ? (1 - am[i]) * (s.vLeak()[i] - vReset) : 0;
            double jump = maxIn[i] * Math.abs(gain[i]);
            if (k.spiking()) {
                thr[i] = s.vThreshold()[i] - vReset;
                if (!(thr[i] > 0)) {
                    throw new MyelinInputException(s.where() + "/" + (k == NirModel.Kind.THRESHOLD ? "threshold"
                            : "v_threshold") + ": node '" + s.name() + "' (" + s.type() + "): neuron " + i
                            + "'s threshold " + s.vThreshold()[i] + " must lie above its v_reset " + vReset);
                }
                q = Math.max(q, Math.max(thr[i] / THRESHOLD_TARGET, jump / LoihiLowering.JUMP_MAX));
            } else {
                q = Math.max(q, jump / NONSPIKING_JUMP);
            }
            q = Math.max(q, Math.max(Math.abs(drive[i]) / LoihiLowering.BIAS_MAX, Math.abs(vReset) / THRESHOLD_TARGET));
            // u never wraps: every source firing in the same tick, held by the current's decay
            // (u keeps (4095 - du) / 4096 per tick, so it settles below input / (1 - keep))
            double keep = (4095 - du[i]) / 4096.0;
            q = Math.max(q, sumIn[i] * Math.abs(gain[i]) / (1 - keep) / CURRENT_LIMIT);
        }
        if (q == 0) {
            q = 1.0 / NONSPIKING_JUMP;
        }
        double[][] raw = new double[6][n];
        Stat tauM = new Stat();
        Stat decayM = new Stat();
        Stat dvS = new Stat();
        Stat tauS = new Stat();
        Stat decayS = new Stat();
        Stat duS = new Stat();
        Stat thrS = new Stat();
        Stat vthS = new Stat();
        Stat driveS = new Stat();
        Stat resetS = new Stat();
        for (int i = 0; i < n; i++) {
            int vth = k.spiking() ? (int) Math.max(1, Math.min(LoihiLowering.VTH_MAX, Math.round(thr[i] / q / 64)))
                    : LoihiLowering.VTH_MAX;
            int[] be = LoihiLowering.encodeBias(Math.round(drive[i] / q));
            long v0 = Math.round(-s.vReset()[i] / q);
            raw[0][i] = du[i];
            raw[1][i] = dv[i];
            raw[2][i] = vth;
            raw[3][i] = be[0];
            raw[4][i] = be[1];
            raw[5][i] = v0;
            if (k.leaky()) {
                tauM.add(s.tauMem()[i]);
                decayM.add(am[i]);
                dvS.add(dv[i]);
                decayM.err(am[i], (4096 - dv[i]) / 4096.0);
            }
            if (k.synapse()) {
                tauS.add(s.tauSyn()[i]);
                decayS.add(as[i]);
                duS.add(du[i]);
                decayS.err(as[i], (4095 - du[i]) / 4096.0);
            }
            if (k.spiking()) {
                thrS.add(thr[i]);
                vthS.add(vth);
                thrS.err(thr[i], (double) vth * 64 * q);
                resetS.add(s.vReset()[i]);
            }
            driveS.add(drive[i]);
            driveS.err(drive[i], (double) ((long) be[0] << be[1]) * q);
        }
        report(s, rep, q, tauM, decayM, dvS, tauS, decayS, duS, thrS, vthS, driveS, resetS);
        NirImport.NodeFacts facts = new NirImport.NodeFacts(s.name(), s.type(), n, s.name(),
                k.leaky() ? "leaky" : k == NirModel.Kind.THRESHOLD ? "stateless" : "integrating",
                tauM.toRange(), decayM.toRange(), dvS.toRange(), k.leaky() ? decayM.err : 0,
                k.synapse() ? tauS.toRange() : null, k.synapse() ? decayS.toRange() : null,
                k.synapse() ? duS.toRange() : null, k.synapse() ? decayS.err : 0, q,
                k.spiking() ? thrS.toRange() : null, k.spiking() ? vthS.toRange() : null, k.spiking() ? thrS.err : 0,
                k.spiking() ? "to_v_reset" : "none", k.spiking() ? resetS.toRange() : null, s.vResetGiven(),
                driveS.lo != 0 || driveS.hi != 0 ? driveS.toRange() : null, driveS.err);
        String[] names = {"du", "dv", "vth", "bias_mant", "bias_exp", "v_init"};
        Map<String, ParamSpec> per = new LinkedHashMap<>();
        for (int p = 0; p < names.length; p++) {
            for (int i = 1; i < n; i++) {
                if (raw[p][i] != raw[p][0]) {
                    per.put(names[p], new ParamSpec.Values(raw[p]));
                    break;
                }
            }
        }
        NeuronModel.LoihiLif typical = new NeuronModel.LoihiLif((int) raw[0][0], (int) raw[1][0], (int) raw[2][0],
                (int) raw[3][0], (int) raw[4][0], (int) raw[5][0]);
        return new Lowered(typical, per, gain, q, facts);
    }

    private static void report(NirModel.State s, List<String> rep, double q, Stat tauM, Stat decayM, Stat dvS,
                               Stat tauS, Stat decayS, Stat duS, Stat thrS, Stat vthS, Stat driveS, Stat resetS) {
        NirModel.Kind k = s.kind();
        String each = tauM.varies() || tauS.varies() || thrS.varies() || driveS.varies()
                ? " (per neuron: ranges, largest error)" : "";
        rep.add(String.format(Locale.ROOT, "node '%s' (%s, %d neurons) -> population '%s'%s", s.name(), s.type(),
                s.size(), s.name(), each));
        if (k.leaky()) {
            rep.add(String.format(Locale.ROOT, "  %s %s s: voltage decay exp(-dt/tau) = %s -> dv = %s, kept"
                            + " (4096 - dv)/4096 (error %s)", k.synapse() ? "tau_mem" : "tau", tauM.range(),
                    decayM.range(), dvS.range(), decayM.error()));
        } else if (k == NirModel.Kind.THRESHOLD) {
            rep.add("  stateless threshold: dv = 4095 keeps 1/4096 of v per tick (v <- x, up to that residue)");
        } else {
            rep.add("  no leak: dv = 0 (v integrates r x every tick)");
        }
        if (k.synapse()) {
            rep.add(String.format(Locale.ROOT, "  tau_syn %s s: current decay exp(-dt/tau_syn) = %s -> du = %s, kept"
                    + " (4096 - du - 1)/4096 (error %s)", tauS.range(), decayS.range(), duS.range(), decayS.error()));
        } else {
            rep.add("  no synaptic current: du = 4095 (u holds one tick's input)");
        }
        rep.add("  1 voltage LSB = " + NirImport.fmt(q) + " (NIR units); v = v_reset + LSB x v_chip");
        if (k.spiking()) {
            rep.add(String.format(Locale.ROOT, "  threshold %s above v_reset -> vth = %s (x 64 LSB; error %s)",
                    thrS.range(), vthS.range(), thrS.error()));
            rep.add("  reset: to v_reset = " + resetS.range() + (s.vResetGiven() ? "" : " (the file has no v_reset:"
                    + " 0, as before NIR 1.0)") + " on a spike (v > v_threshold), synaptic current kept");
        } else {
            rep.add("  no threshold: never fires (vth at its maximum); v is probed");
        }
        if (driveS.lo != 0 || driveS.hi != 0) {
            rep.add(String.format(Locale.ROOT, "  leak toward v_leak: %s per tick -> bias mantissa << exponent"
                    + " (error %s)", driveS.range(), driveS.error()));
        }
    }
}
