package dev.myelin.compiler.nir;

import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.InputSource;
import dev.myelin.compiler.ir.MappingHints;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Population;
import dev.myelin.compiler.ir.Probe;
import dev.myelin.compiler.ir.Projection;
import dev.myelin.compiler.ir.WeightSpec;
import dev.myelin.compiler.lower.LoihiLowering;
import dev.myelin.compiler.lower.QuantiseSynapses;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.SynapseFormat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lowers a {@link NirModel} to the IR for the Loihi datapath, in raw fixed point: each neuron node
 * becomes one population per set of neurons with equal parameters ({@code NODE}, or {@code NODE#k}
 * when its neurons differ), each composed link one projection per pair of such populations, each
 * node with constant input (Affine or convolution biases) a one-neuron population {@code NODE.bias}
 * that fires every tick into the same synapses. Decays are {@code exp(-dt/tau)} (exact for an
 * input held over the tick); docs/nir.md gives every rule. The report lists, per node, the decays
 * derived, their 12-bit form, the reset mode and the quantisation error of weights and thresholds.
 */
public final class NirImport {
    /** Effective threshold aimed for: half the 24-bit range, leaving headroom for overshoot. */
    static final double THRESHOLD_TARGET = 1 << 22;
    /** Largest jump aimed for in a neuron that never fires (leaves 2^9 jumps before saturation). */
    static final double NONSPIKING_JUMP = 1 << 14;

    private NirImport() {
    }

    /**
     * One group of a node's neurons with equal parameters, lowered.
     *
     * @param index   the node's neuron indices the population holds, in order
     * @param gain    input-to-voltage gain per tick, in NIR voltage units per unit of input
     * @param lsb     NIR voltage units per voltage LSB
     */
    public record Group(String population, String node, int[] index, NeuronModel.LoihiLif params, double gain,
                        double lsb) {
    }

    /**
     * The product: the IR network, the groups, and the report lines.
     *
     * @param groups     by population name; bias populations are not listed
     * @param ofNeuron   per node, the group population of each neuron
     * @param localIndex per node, each neuron's index within its group population
     */
    public record Result(Network network, NirModel model, Map<String, Group> groups, Map<String, String[]> ofNeuron,
                         Map<String, int[]> localIndex, List<String> report) {
    }

    /**
     * @param inputs spikes per Input node: {@code {ticks, indices}}; nodes not named get none
     */
    public static Result lower(NirModel m, String name, String arch, Map<String, int[][]> inputs) {
        double dt = m.dtSeconds();
        List<String> rep = new ArrayList<>();
        rep.add(String.format(Locale.ROOT, "NIR import: dt = %s ms; decays a = exp(-dt/tau), input held over"
                + " each tick; every spike takes one tick; datapath Loihi CUBA (Lava decay)", fmt(dt * 1000)));
        List<Population> pops = new ArrayList<>();
        List<InputSource> ins = new ArrayList<>();
        List<Projection> projs = new ArrayList<>();
        List<Probe> probes = new ArrayList<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<String, String[]> ofNeuron = new LinkedHashMap<>();
        Map<String, int[]> local = new LinkedHashMap<>();
        java.util.Set<String> used = new java.util.HashSet<>(m.states().keySet());
        for (String in : inputs.keySet()) {
            NirModel.State s = m.states().get(in);
            if (s == null || s.kind() != NirModel.Kind.INPUT) {
                throw new MyelinInputException("--input " + in + ": no Input node named '" + in + "' (inputs: "
                        + String.join(", ", m.states().values().stream().filter(x -> x.kind() == NirModel.Kind.INPUT)
                        .map(NirModel.State::name).toList()) + ")");
            }
        }
        // group the neurons of every node by their parameters
        Map<String, List<int[]>> members = new LinkedHashMap<>();
        for (NirModel.State s : m.states().values()) {
            String[] of = new String[s.size()];
            int[] li = new int[s.size()];
            if (s.kind() == NirModel.Kind.INPUT) {
                int[][] sp = inputs.getOrDefault(s.name(), new int[][] {new int[0], new int[0]});
                ins.add(new InputSource.SpikeArray(s.name(), s.shape(), s.size(), sp[0], sp[1], s.where()));
                Arrays.fill(of, s.name());
                for (int i = 0; i < li.length; i++) {
                    li[i] = i;
                }
                ofNeuron.put(s.name(), of);
                local.put(s.name(), li);
                rep.add(String.format(Locale.ROOT, "node '%s' (Input, %d lines): input port '%s'", s.name(), s.size(),
                        s.name()));
                continue;
            }
            Map<List<Double>, List<Integer>> byKey = new LinkedHashMap<>();
            for (int i = 0; i < s.size(); i++) {
                byKey.computeIfAbsent(key(s, i), k -> new ArrayList<>()).add(i);
            }
            int k = 0;
            for (List<Integer> g : byKey.values()) {
                String pop = byKey.size() == 1 ? s.name() : unique(s.name() + "#" + k, used);
                used.add(pop);
                for (int j = 0; j < g.size(); j++) {
                    of[g.get(j)] = pop;
                    li[g.get(j)] = j;
                }
                members.computeIfAbsent(s.name(), x -> new ArrayList<>())
                        .add(g.stream().mapToInt(Integer::intValue).toArray());
                k++;
            }
            ofNeuron.put(s.name(), of);
            local.put(s.name(), li);
        }
        // the largest input each neuron receives per unit of gain, for the voltage scale
        Map<String, double[]> maxIn = new LinkedHashMap<>();
        for (NirModel.State s : m.states().values()) {
            maxIn.put(s.name(), new double[s.size()]);
        }
        for (NirModel.Link l : m.links()) {
            double[] mx = maxIn.get(l.target());
            for (int k = 0; k < l.count(); k++) {
                mx[l.out()[k]] = Math.max(mx[l.out()[k]], Math.abs(l.w()[k]));
            }
        }
        m.bias().forEach((t, b) -> {
            double[] mx = maxIn.get(t);
            for (int j = 0; j < b.length; j++) {
                mx[j] = Math.max(mx[j], Math.abs(b[j]));
            }
        });
        for (NirModel.State s : m.states().values()) {
            if (s.kind() == NirModel.Kind.INPUT) {
                continue;
            }
            List<int[]> gs = members.get(s.name());
            rep.add(String.format(Locale.ROOT, "node '%s' (%s, %d neurons) -> %s", s.name(), s.type(), s.size(),
                    gs.size() == 1 ? "population '" + s.name() + "'"
                            : gs.size() + " populations of equal parameters '" + s.name() + "#0'..'#" + (gs.size() - 1)
                            + "'"));
            for (int[] idx : gs) {
                Group g = group(s, idx, ofNeuron.get(s.name())[idx[0]], maxIn.get(s.name()), dt, rep, gs.size() > 1);
                groups.put(g.population(), g);
                pops.add(new Population(g.population(), idx.length, gs.size() == 1 ? s.shape() : new int[] {idx.length},
                        g.params(), s.where()));
                probes.add(new Probe(g.population(), s.kind().spiking(), !s.kind().spiking(), false, null, s.where()));
            }
        }
        // projections: one per (source population, target population) pair of every link
        for (NirModel.Link l : m.links()) {
            String[] srcOf = ofNeuron.get(l.source());
            int[] srcLocal = local.get(l.source());
            String[] dstOf = ofNeuron.get(l.target());
            int[] dstLocal = local.get(l.target());
            Map<String, List<Integer>> pairs = new LinkedHashMap<>();
            for (int k = 0; k < l.count(); k++) {
                if (l.w()[k] != 0) {
                    pairs.computeIfAbsent(srcOf[l.in()[k]] + "\u0000" + dstOf[l.out()[k]], x -> new ArrayList<>()).add(k);
                }
            }
            double errNum = 0;
            double errDen = 0;
            double errMax = 0;
            int entries = 0;
            for (var e : pairs.entrySet()) {
                String[] sd = e.getKey().split("\u0000", -1);
                Group tg = groups.get(sd[1]);
                List<Integer> ks = e.getValue();
                int[] pre = new int[ks.size()];
                int[] post = new int[ks.size()];
                double[] exact = new double[ks.size()];
                int[] delay = new int[ks.size()];
                for (int j = 0; j < ks.size(); j++) {
                    int k = ks.get(j);
                    pre[j] = srcLocal[l.in()[k]];
                    post[j] = dstLocal[l.out()[k]];
                    exact[j] = l.w()[k] * tg.gain() / tg.lsb();
                    delay[j] = 1 + l.delay()[k];
                }
                double[] err = addProjections(projs, used, sd[0], sd[1], pre, post, exact, delay,
                        m.file() + ": link '" + l.source() + "' -> '" + l.target() + "'");
                errNum += err[0];
                errDen += err[1];
                errMax = Math.max(errMax, err[2] * tg.lsb() / tg.gain());
                entries += ks.size();
            }
            int maxDelay = Arrays.stream(l.delay()).max().orElse(0);
            rep.add(String.format(Locale.ROOT, "weights '%s' -> '%s': %d synapses%s; quantisation error %.3f%% "
                            + "(sum |stored - exact| / sum |exact|), largest %s in NIR weight units", l.source(),
                    l.target(), entries, maxDelay > 0 ? ", delays up to " + (1 + maxDelay) + " ticks" : "",
                    errDen == 0 ? 0 : 100 * errNum / errDen, fmt(errMax)));
        }
        // constant inputs: a neuron firing every tick into the same synapses
        for (var e : m.bias().entrySet()) {
            String t = e.getKey();
            double[] b = e.getValue();
            String bp = unique(t + ".bias", used);
            used.add(bp);
            pops.add(new Population(bp, 1, new int[] {1}, new NeuronModel.LoihiLif(4095, 0, 1, 128, 0, 0),
                    m.states().get(t).where()));
            Map<String, List<Integer>> byPop = new LinkedHashMap<>();
            for (int j = 0; j < b.length; j++) {
                if (b[j] != 0) {
                    byPop.computeIfAbsent(ofNeuron.get(t)[j], x -> new ArrayList<>()).add(j);
                }
            }
            double errNum = 0;
            double errDen = 0;
            for (var g : byPop.entrySet()) {
                Group tg = groups.get(g.getKey());
                List<Integer> js = g.getValue();
                int[] pre = new int[js.size()];
                int[] post = new int[js.size()];
                double[] exact = new double[js.size()];
                for (int k = 0; k < js.size(); k++) {
                    post[k] = local.get(t)[js.get(k)];
                    exact[k] = b[js.get(k)] * tg.gain() / tg.lsb();
                }
                double[] err = addProjections(projs, used, bp, g.getKey(), pre, post, exact, new int[0],
                        m.file() + ": bias of '" + t + "'");
                errNum += err[0];
                errDen += err[1];
            }
            rep.add(String.format(Locale.ROOT, "constant input of '%s' (Affine/convolution biases): population '%s',"
                    + " one neuron firing every tick from tick 0 (reaching '%s' from tick 1); quantisation error"
                    + " %.3f%%", t, bp, t, errDen == 0 ? 0 : 100 * errNum / errDen));
        }
        for (var o : m.outputs().entrySet()) {
            rep.add("output '" + o.getKey() + "': " + (m.states().get(o.getValue()).kind().spiking() ? "spikes" : "v")
                    + " of '" + o.getValue() + "'");
        }
        Network n = new Network(name, arch, m.file(), dt * 1000, pops, ins, projs, probes,
                new MappingHints(Map.of(), 0, List.of()));
        return new Result(n, m, groups, ofNeuron, local, List.copyOf(rep));
    }

    private static String unique(String base, java.util.Set<String> used) {
        String s = base;
        for (int k = 2; used.contains(s); k++) {
            s = base + "~" + k;
        }
        return s;
    }

    /** The parameters of neuron i as one key (equal keys share a population). */
    private static List<Double> key(NirModel.State s, int i) {
        List<Double> k = new ArrayList<>();
        for (double[] a : new double[][] {s.tauMem(), s.tauSyn(), s.r(), s.vLeak(), s.wIn(), s.vThreshold(),
                s.vReset()}) {
            k.add(a == null ? Double.NaN : a[i]);
        }
        return k;
    }

    private record Quantised(int[] stored, int exp) {
        double[] asDouble() {
            double[] d = new double[stored.length];
            for (int k = 0; k < d.length; k++) {
                d[k] = stored[k];
            }
            return d;
        }
    }

    /** Exponents of the weight classes of one link are this far apart (see {@link #addProjections}). */
    static final int CLASS_STEP = 3;
    /** Most projections (exponent classes) one pair of populations is given. */
    static final int MAX_CLASSES = 3;

    /** The smallest weight exponent 0..7 whose 8-bit mantissa holds {@code |v|} (7 when none does). */
    static int exponentFor(double v) {
        int exp = 0;
        while (exp < 7 && Math.round(Math.abs(v) / (1L << (6 + exp))) > 255) {
            exp++;
        }
        return exp;
    }

    /**
     * Adds the projections of one pair of populations. Loihi shares one weight exponent per synapse
     * format, so 8-bit weights lose small values next to large ones; the synapses are split into up
     * to {@link #MAX_CLASSES} classes whose exponents are {@link #CLASS_STEP} apart (the largest
     * exponent needed, then 3 and 6 less), each synapse in the class of the smallest exponent that
     * holds it, one projection per class.
     *
     * @param exact weights in voltage LSB per spike
     * @param delay per synapse, or empty for delay 1
     * @return {sum |stored - exact|, sum |exact|, largest |stored - exact|}, in voltage LSB
     */
    private static double[] addProjections(List<Projection> projs, java.util.Set<String> used, String pre, String post,
                                           int[] preIdx, int[] postIdx, double[] exact, int[] delay, String where) {
        int top = 0;
        int[] need = new int[exact.length];
        for (int k = 0; k < exact.length; k++) {
            need[k] = exponentFor(exact[k]);
            top = Math.max(top, need[k]);
        }
        int[] classOf = new int[exact.length];
        int classes = 0;
        for (int k = 0; k < exact.length; k++) {
            int c = 0;
            while (c + 1 < MAX_CLASSES && top - (c + 1) * CLASS_STEP >= need[k] && top - (c + 1) * CLASS_STEP >= 0) {
                c++;
            }
            classOf[k] = c;
            classes = Math.max(classes, c + 1);
        }
        double[] err = new double[3];
        for (int c = 0; c < classes; c++) {
            int n = 0;
            for (int k = 0; k < exact.length; k++) {
                n += classOf[k] == c ? 1 : 0;
            }
            if (n == 0) {
                continue;
            }
            int[] a = new int[n];
            int[] b = new int[n];
            double[] x = new double[n];
            int[] d = delay.length == 0 ? new int[0] : new int[n];
            int j = 0;
            for (int k = 0; k < exact.length; k++) {
                if (classOf[k] == c) {
                    a[j] = preIdx[k];
                    b[j] = postIdx[k];
                    x[j] = exact[k];
                    if (d.length > 0) {
                        d[j] = delay[k];
                    }
                    j++;
                }
            }
            Quantised q = quantise(x, top - c * CLASS_STEP);
            for (int k = 0; k < n; k++) {
                double e = Math.abs(q.stored[k] * Math.pow(2, 6 + q.exp) - x[k]);
                err[0] += e;
                err[1] += Math.abs(x[k]);
                err[2] = Math.max(err[2], e);
            }
            String pn = unique(pre + "->" + post + (c == 0 ? "" : "@" + c), used);
            used.add(pn);
            projs.add(new Projection(pn, pre, post, new Connector.FromList(a, b, q.asDouble(), d),
                    new WeightSpec.Given(1), 1, false, q.exp, 8, where));
        }
        return err;
    }

    /** Weights (in voltage LSB per spike) to 8-bit Loihi weights with exponent {@code exp}, as the chip applies them. */
    static Quantised quantise(double[] exact, int exp) {
        boolean neg = false;
        boolean pos = false;
        for (double v : exact) {
            neg |= v < 0;
            pos |= v > 0;
        }
        int sign = neg && pos ? SynapseFormat.MIXED : neg ? SynapseFormat.INHIBITORY : SynapseFormat.EXCITATORY;
        SynapseFormat f = new SynapseFormat(8, exp, sign);
        int[] stored = new int[exact.length];
        // mixed-sign weights keep 7 bits: round to the nearest even value first, since the chip's
        // truncation floors (a plain round then floor would bias every weight downward)
        int step = sign == SynapseFormat.MIXED ? 2 : 1;
        for (int k = 0; k < exact.length; k++) {
            long r = Math.round(exact[k] / (1L << (6 + exp)) / step) * step;
            stored[k] = QuantiseSynapses.loihiEffective(r, f);
        }
        return new Quantised(stored, exp);
    }

    /** Lowers one group of equal neurons (neuron {@code idx[0]} stands for all). */
    private static Group group(NirModel.State s, int[] idx, String pop, double[] maxIn, double dt, List<String> rep,
                               boolean several) {
        int i = idx[0];
        String ind = several ? "    [" + pop + ", " + idx.length + " neurons] " : "  ";
        double am = 1;
        int dv = 0;
        int du = 4095;
        double gain;
        NirModel.Kind k = s.kind();
        if (k.leaky()) {
            am = Math.exp(-dt / s.tauMem()[i]);
            dv = (int) Math.min(4095, Math.round(4096 * (1 - am)));
            rep.add(String.format(Locale.ROOT, "%s%s %s s: voltage decay exp(-dt/tau) = %s -> dv = %d, kept"
                            + " (4096 - dv)/4096 = %s (error %s)", ind, k.synapse() ? "tau_mem" : "tau",
                    fmt(s.tauMem()[i]), fmt(am), dv, fmt((4096 - dv) / 4096.0), pct(am, (4096 - dv) / 4096.0)));
            gain = (1 - am) * s.r()[i];
        } else if (k == NirModel.Kind.THRESHOLD) {
            dv = 4095;
            gain = 1;
            rep.add(ind + "stateless threshold: dv = 4095 keeps 1/4096 of v per tick (v <- x, up to that residue)");
        } else {
            gain = s.r()[i];
            rep.add(ind + "no leak: dv = 0 (v integrates r x every tick)");
        }
        if (k.synapse()) {
            double as = Math.exp(-dt / s.tauSyn()[i]);
            du = (int) Math.max(0, Math.min(4095, Math.round(4096 * (1 - as)) - 1));
            rep.add(String.format(Locale.ROOT, "%stau_syn %s s: current decay exp(-dt/tau_syn) = %s -> du = %d, kept"
                            + " (4096 - du - 1)/4096 = %s (error %s)", ind, fmt(s.tauSyn()[i]), fmt(as), du,
                    fmt((4095 - du) / 4096.0), pct(as, (4095 - du) / 4096.0)));
            gain *= (1 - as) * s.wIn()[i];
        } else {
            rep.add(ind + "no synaptic current: du = 4095 (u holds one tick's input)");
        }
        double vReset = s.vReset()[i];
        double drive = k.leaky() ? (1 - am) * (s.vLeak()[i] - vReset) : 0;
        double v0 = -vReset;
        double mx = 0;
        for (int j : idx) {
            mx = Math.max(mx, maxIn[j]);
        }
        double jump = mx * gain;
        double q;
        double thr = 0;
        if (k.spiking()) {
            thr = s.vThreshold()[i] - vReset;
            if (!(thr > 0)) {
                throw new MyelinInputException(s.where() + "/v_threshold: node '" + s.name() + "' (" + s.type()
                        + "): threshold " + s.vThreshold()[i] + " must lie above v_reset " + vReset);
            }
            q = Math.max(thr / THRESHOLD_TARGET, Math.max(Math.abs(drive) / LoihiLowering.BIAS_MAX,
                    Math.max(jump / LoihiLowering.JUMP_MAX, Math.abs(v0) / THRESHOLD_TARGET)));
        } else {
            q = Math.max(Math.abs(drive) / LoihiLowering.BIAS_MAX, Math.max(jump / NONSPIKING_JUMP,
                    Math.abs(v0) / THRESHOLD_TARGET));
            if (q == 0) {
                q = 1.0 / NONSPIKING_JUMP;
            }
        }
        int vth = k.spiking() ? (int) Math.max(1, Math.min(LoihiLowering.VTH_MAX, Math.round(thr / q / 64)))
                : LoihiLowering.VTH_MAX;
        int[] be = LoihiLowering.encodeBias(Math.round(drive / q));
        if (be == null) {
            throw new IllegalStateException("drive chosen within the bias range");
        }
        long v0i = Math.round(v0 / q);
        NeuronModel.LoihiLif p = new NeuronModel.LoihiLif(du, dv, vth, be[0], be[1], (int) v0i);
        rep.add(String.format(Locale.ROOT, "%s1 voltage LSB = %s (NIR units); v = v_reset + LSB x v_chip", ind, fmt(q)));
        if (k.spiking()) {
            double got = (double) vth * 64 * q;
            rep.add(String.format(Locale.ROOT, "%sthreshold %s above v_reset -> vth = %d (%d LSB, %s; error %s)", ind,
                    fmt(thr), vth, vth * 64, fmt(got), pct(thr, got)));
            rep.add(ind + "reset: to v_reset = " + fmt(vReset) + (s.vResetGiven() ? "" : " (the file has no v_reset:"
                    + " 0, as before NIR 1.0)") + " on a spike (v > v_threshold), synaptic current kept");
        } else {
            rep.add(ind + "no threshold: never fires (vth at its maximum); v is probed");
        }
        if (drive != 0) {
            double got = (double) ((long) be[0] << be[1]) * q;
            rep.add(String.format(Locale.ROOT, "%sleak toward v_leak: %s per tick -> bias %d << %d (error %s)", ind,
                    fmt(drive), be[0], be[1], pct(drive, got)));
        }
        return new Group(pop, s.name(), idx, p, gain, q);
    }

    /** Six significant digits without trailing zeros ({@code 0.0025}, {@code 1}, {@code 1.5782e-07}). */
    static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mant = e < 0 ? s : s.substring(0, e);
        if (mant.contains(".")) {
            mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mant : mant + s.substring(e);
    }

    static String pct(double want, double got) {
        double e = want == 0 ? (got == 0 ? 0 : 1) : Math.abs(got - want) / Math.abs(want);
        return String.format(Locale.ROOT, "%.3f%%", 100 * e);
    }
}
