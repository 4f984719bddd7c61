package dev.myelin.compiler.lower;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Synapses;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;
import dev.myelin.isa.model.SynapseFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * The quantise-synapses pass: every weight to the integer the chip stores.
 * <ul>
 * <li>Loihi: per projection the exponent 0..7 (or the raw one given) that keeps the largest
 * weight within 8 bits with the most resolution; weights rounded, clipped and truncated exactly
 * as the chip's synapse format does ({@link #loihiEffective}), so the stored value is what the
 * chip applies.
 * <li>TrueNorth: weights rounded to 9-bit signed voltage LSB; a neuron can hold only 4 distinct
 * weights, so where one receives more, its values are clustered to 4 levels
 * ({@link TrueNorthLevels}).
 * </ul>
 * The relative error (sum |stored - exact| / sum |exact|) is reported per projection.
 */
public final class QuantiseSynapses {
    private QuantiseSynapses() {
    }

    /**
     * One projection's stored weights.
     *
     * @param weight   per synapse (aligned with the CSR), or null when every synapse stores {@code constWeight}
     * @param format   the Loihi synapse format, or null for TrueNorth
     * @param relError relative quantisation error
     */
    public record Proj(Synapses syn, int[] weight, int constWeight, SynapseFormat format, double relError) {
        public int weight(int k) {
            return weight == null ? constWeight : weight[k];
        }
    }

    public record Product(List<Proj> projections) {
    }

    public static Product run(Architecture arch, ExpandConnectivity.Product ex, LowerNeurons.Product low,
                              Diagnostics d) {
        List<Proj> out = new ArrayList<>();
        for (Synapses s : ex.projections()) {
            LowerNeurons.Pop post = low.of(s.projection().post());
            out.add(arch.datapath() == Datapath.TRUENORTH ? trueNorth(s, post) : loihi(s, post, d));
        }
        if (arch.datapath() == Datapath.TRUENORTH) {
            out = TrueNorthLevels.limitToFourPerNeuron(out, low);
        } else {
            warnWhereCurrentCanWrap(out, low, d);
        }
        return new Product(out);
    }

    /** Largest magnitude of Loihi's 24-bit signed synaptic current u. */
    static final long CURRENT_MAX = (1L << 23) - 1;

    /**
     * Warns, at the post population, when the synapses into one neuron's current (one
     * compartment: a receptor, or the neuron's only current) can add more than the 24-bit u
     * holds in one tick: u wraps (docs/isa.md), so a neuron whose inputs all fire together sees a
     * current of the wrong size, or sign, and may never fire. The sums are of the stored weights
     * as the chip applies them, {@code W << (6 + exp)}, the excitatory and the inhibitory ones
     * apart (either set may fire alone), from u = 0: the worst case of a single tick.
     */
    static void warnWhereCurrentCanWrap(List<Proj> projections, LowerNeurons.Product low, Diagnostics d) {
        java.util.Map<String, long[][]> sums = new java.util.LinkedHashMap<>();
        java.util.Map<String, java.util.Set<String>> from = new java.util.HashMap<>();
        for (Proj pr : projections) {
            Synapses s = pr.syn();
            String post = s.projection().post();
            String key = post + "\u0000" + (s.projection().receptor() == null ? "" : s.projection().receptor());
            long[][] sum = sums.computeIfAbsent(key, k -> new long[2][s.postSize()]);
            from.computeIfAbsent(key, k -> new java.util.LinkedHashSet<>()).add(s.projection().name());
            int shift = 6 + pr.format().weightExp();
            for (int k = 0; k < s.count(); k++) {
                long jump = (long) pr.weight(k) << shift;
                sum[jump < 0 ? 1 : 0][s.post()[k]] += Math.abs(jump);
            }
        }
        for (var e : sums.entrySet()) {
            long[][] sum = e.getValue();
            int worst = -1;
            int sign = 0;
            for (int j = 0; j < sum[0].length; j++) {
                for (int g = 0; g < 2; g++) {
                    if (sum[g][j] > CURRENT_MAX && (worst < 0 || sum[g][j] > sum[sign][worst])) {
                        worst = j;
                        sign = g;
                    }
                }
            }
            if (worst < 0) {
                continue;
            }
            String[] k = e.getKey().split("\u0000", -1);
            LowerNeurons.Pop pop = low.of(k[0]);
            long threshold = pop.neurons() instanceof dev.myelin.isa.model.LoihiNeurons l
                    ? (long) l.vth()[pop.index(worst)] << 6 : 0;
            d.warning(pop.pop().where(), String.format(java.util.Locale.ROOT,
                    "%s%s: the %s synapses into neuron %d (from %s) add up to %d LSB of synaptic "
                    + "current when they fire in the same tick, beyond the 24-bit current's range (+-%d): the "
                    + "current wraps and the neuron sees a wrong %s; the threshold is %d LSB, so keep the inputs "
                    + "of one tick under about %d times it (fewer or smaller weights)",
                    "population '" + k[0] + "'", k[1].isEmpty() ? "" : " receptor '" + k[1] + "'", sign == 0 ? "excitatory" : "inhibitory",
                    worst, String.join(", ", from.get(e.getKey())), sum[sign][worst], CURRENT_MAX,
                    sign == 0 ? "current (negative, or too small)" : "current (positive)", threshold,
                    threshold == 0 ? 0 : Math.max(1, CURRENT_MAX / threshold)));
        }
    }

    private static Proj trueNorth(Synapses s, LowerNeurons.Pop post) {
        double f = post.weightToLsb();
        if (s.weight() == null && post.weightToLsbPerNeuron() == null) {
            int w = clampTn(Math.round(s.constWeight() * f));
            return new Proj(s, null, w, null, err(s.constWeight() * f, w));
        }
        int[] q = new int[s.count()];
        double num = 0;
        double den = 0;
        for (int k = 0; k < q.length; k++) {
            double exact = s.weight(k) * post.weightToLsb(s.post()[k]);
            q[k] = clampTn(Math.round(exact));
            num += Math.abs(q[k] - exact);
            den += Math.abs(exact);
        }
        return new Proj(s, q, 0, null, den == 0 ? 0 : num / den);
    }

    /** The largest weight factor over the post population's neurons. */
    private static double maxFactor(LowerNeurons.Pop post) {
        if (post.weightToLsbPerNeuron() == null) {
            return post.weightToLsb();
        }
        double m = 0;
        for (double f : post.weightToLsbPerNeuron()) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }

    static int clampTn(long w) {
        return (int) Math.max(-256, Math.min(255, w));
    }

    private static double err(double exact, double got) {
        return exact == 0 ? (got == 0 ? 0 : 1) : Math.abs(got - exact) / Math.abs(exact);
    }

    private static Proj loihi(Synapses s, LowerNeurons.Pop post, Diagnostics d) {
        boolean raw = post.pop().model().raw();
        double f = post.weightToLsb();
        double maxAbs = LowerNeurons.maxAbsWeight(s) * maxFactor(post);
        boolean anyNeg = false;
        boolean anyPos = false;
        for (int k = 0; k < Math.max(1, s.count()) && (s.weight() != null || k == 0); k++) {
            float w = s.count() == 0 ? 0 : s.weight(k);
            anyNeg |= w < 0;
            anyPos |= w > 0;
        }
        int sign = anyNeg && anyPos ? SynapseFormat.MIXED : anyNeg ? SynapseFormat.INHIBITORY : SynapseFormat.EXCITATORY;
        int bits = s.projection().numWeightBits() == null ? 8 : s.projection().numWeightBits();
        int exp;
        double unit;
        if (raw) {
            exp = s.projection().weightExp() == null ? 0 : s.projection().weightExp();
            unit = 1;
            if (maxAbs > 256) {
                d.error(s.projection().whereOf("weight", "connect.file", "connect.kernel", "connect"), "projection '"
                        + s.projection().name() + "': raw weight " + (long) maxAbs
                        + " is out of the datapath's range [-256, 255]");
            }
        } else {
            exp = 0;
            while (exp < 7 && Math.round(maxAbs / (1L << (6 + exp))) > 255) {
                exp++;
            }
            unit = 1L << (6 + exp);
            if (Math.round(maxAbs / unit) > 255) {
                d.error(s.projection().whereOf("weight", "weight_unit", "connect.file", "connect.kernel", "connect"),
                        "projection '" + s.projection().name() + "': weight is out of the "
                        + "datapath's range even with weight_exp 7");
            }
        }
        SynapseFormat fmt = new SynapseFormat(bits, exp, sign);
        if (s.weight() == null && post.weightToLsbPerNeuron() == null) {
            double exact = s.constWeight() * f / unit;
            int w = loihiEffective(Math.round(exact), fmt);
            return new Proj(s, null, w, fmt, err(exact, w));
        }
        int[] q = new int[s.count()];
        double num = 0;
        double den = 0;
        for (int k = 0; k < q.length; k++) {
            // a cuba_lif neuron's own tau_m and r_m scale what a current jump does to its v
            double exact = s.weight(k) * post.weightToLsb(s.post()[k]) / unit;
            q[k] = loihiEffective(Math.round(exact), fmt);
            num += Math.abs(q[k] - exact);
            den += Math.abs(exact);
        }
        return new Proj(s, q, 0, fmt, den == 0 ? 0 : num / den);
    }

    /**
     * The weight a Loihi synapse of format {@code f} applies for a stored value {@code w}: clip to
     * [0, 255], [-255, 0] or [-256, 255] by sign mode, then drop (8 - numWeightBits + mixed) low
     * bits with an arithmetic (floor) shift and shift back; inhibitory weights drop the low bits of
     * their magnitude.
     */
    public static int loihiEffective(long w, SynapseFormat f) {
        long lo = f.signMode() == SynapseFormat.EXCITATORY ? 0 : f.signMode() == SynapseFormat.INHIBITORY ? -255 : -256;
        long hi = f.signMode() == SynapseFormat.INHIBITORY ? 0 : 255;
        long c = Math.max(lo, Math.min(hi, w));
        int drop = 8 - f.numWeightBits() + (f.signMode() == SynapseFormat.MIXED ? 1 : 0);
        if (f.signMode() == SynapseFormat.INHIBITORY) {
            // inhibitory synapses hold the magnitude: its low bits are dropped (Lava negates, shifts, negates back)
            return (int) -((-c >> drop) << drop);
        }
        return (int) ((c >> drop) << drop);
    }
}
