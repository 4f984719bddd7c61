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
 * becomes one population of its name ({@link NirNeurons}: per-neuron parameters where its neurons
 * differ), each composed link projections between them, each node with constant input (Affine or
 * convolution biases) a one-neuron population {@code NODE.bias} that fires every tick into the
 * same synapses. Decays are {@code exp(-dt/tau)} (exact for an input held over the tick);
 * docs/nir.md gives every rule. The report lists, per node, the decays derived, their 12-bit
 * form, the reset mode and the quantisation error of weights and thresholds.
 */
public final class NirImport {
    private NirImport() {
    }

    /**
     * The product: the IR network, each neuron node lowered, and the report lines.
     *
     * @param neurons by node (and population) name; inputs and bias populations are not listed
     */
    public record Result(Network network, NirModel model, Map<String, NirNeurons.Lowered> neurons,
                         List<String> report, List<NodeFacts> nodes, List<LinkFacts> links) {
    }

    /** A quantity over a node's neurons: its smallest and largest value (equal when uniform). */
    public record Range(double lo, double hi) {
    }

    /**
     * What the import derived for one neuron node, as the report's text states it; a field that
     * does not apply to the node's kind is null (ranges) or 0 (errors). Errors are relative: the
     * largest over the neurons of |stored - exact| / |exact|.
     *
     * @param voltage       {@code leaky} (a decay), {@code stateless} (Threshold) or {@code integrating} (no leak)
     * @param tau           the voltage time constant, s; {@code voltageDecay} exp(-dt/tau); {@code dv} its 12-bit form
     * @param tauSyn        the current time constant, s; {@code currentDecay} exp(-dt/tau_syn); {@code du} its 12-bit form
     * @param lsb           one voltage LSB of the chip in NIR units
     * @param threshold     v_threshold - v_reset in NIR units; {@code vth} its stored mantissa (x 64 LSB)
     * @param resetMode     {@code to_v_reset} (on a spike, the synaptic current kept) or {@code none} (never fires)
     * @param vResetGiven   whether the file gave v_reset (else 0)
     * @param leakDrive     the per-tick drive toward v_leak, as a bias, in LSB; null when none
     */
    public record NodeFacts(String node, String type, int neurons, String population, String voltage, Range tau,
                            Range voltageDecay, Range dv, double voltageDecayError, Range tauSyn, Range currentDecay,
                            Range du, double currentDecayError, double lsb, Range threshold, Range vth,
                            double thresholdError, String resetMode, Range vReset, boolean vResetGiven,
                            Range leakDrive, double leakDriveError) {
    }

    /**
     * The weights of one link (or a node's constant input, {@code source} NODE.bias): synapses, the
     * longest delay in ticks, and the weight quantisation error, sum |stored - exact| / sum |exact|,
     * and the largest |stored - exact| in NIR weight units.
     */
    public record LinkFacts(String source, String target, int synapses, int maxDelayTicks, double quantisationError,
                            double largestError) {
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
        Map<String, NirNeurons.Lowered> lowered = new LinkedHashMap<>();
        List<LinkFacts> links = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>(m.states().keySet());
        for (String in : inputs.keySet()) {
            NirModel.State s = m.states().get(in);
            if (s == null || s.kind() != NirModel.Kind.INPUT) {
                throw new MyelinInputException("--input " + in + ": no Input node named '" + in + "' (inputs: "
                        + String.join(", ", m.states().values().stream().filter(x -> x.kind() == NirModel.Kind.INPUT)
                        .map(NirModel.State::name).toList()) + ")");
            }
        }
        Map<String, double[]> maxIn = inputBounds(m, false);
        Map<String, double[]> sumIn = inputBounds(m, true);
        for (NirModel.State s : m.states().values()) {
            if (s.kind() == NirModel.Kind.INPUT) {
                int[][] sp = inputs.getOrDefault(s.name(), new int[][] {new int[0], new int[0]});
                ins.add(new InputSource.SpikeArray(s.name(), s.shape(), s.size(), sp[0], sp[1], s.where()));
                rep.add(String.format(Locale.ROOT, "node '%s' (Input, %d lines): input port '%s'", s.name(), s.size(),
                        s.name()));
                continue;
            }
            NirNeurons.Lowered l = NirNeurons.lower(s, maxIn.get(s.name()), sumIn.get(s.name()), dt, rep);
            lowered.put(s.name(), l);
            pops.add(new Population(s.name(), s.size(), s.shape(), l.typical(), s.where(), Map.of(), l.perNeuron()));
            probes.add(new Probe(s.name(), s.kind().spiking(), !s.kind().spiking(), false, null, s.where()));
        }
        for (NirModel.Link l : m.links()) {
            NirNeurons.Lowered tg = lowered.get(l.target());
            int n = 0;
            for (double w : l.w()) {
                n += w != 0 ? 1 : 0;
            }
            int[] pre = new int[n];
            int[] post = new int[n];
            double[] exact = new double[n];
            int[] delay = new int[n];
            double[] unit = new double[n];
            int j = 0;
            for (int k = 0; k < l.count(); k++) {
                if (l.w()[k] != 0) {
                    pre[j] = l.in()[k];
                    post[j] = l.out()[k];
                    exact[j] = l.w()[k] * tg.gain()[post[j]] / tg.lsb();
                    unit[j] = tg.lsb() / Math.abs(tg.gain()[post[j]]);
                    delay[j] = 1 + l.delay()[k];
                    j++;
                }
            }
            double[] err = addProjections(projs, used, l.source(), l.target(), pre, post, exact, delay, unit,
                    m.file() + ": link '" + l.source() + "' -> '" + l.target() + "'");
            int maxDelay = Arrays.stream(l.delay()).max().orElse(0);
            links.add(new LinkFacts(l.source(), l.target(), n, n == 0 ? 0 : 1 + maxDelay,
                    err[1] == 0 ? 0 : err[0] / err[1], err[2]));
            rep.add(String.format(Locale.ROOT, "weights '%s' -> '%s': %d synapses%s; quantisation error %.3f%% "
                            + "(sum |stored - exact| / sum |exact|), largest %s in NIR weight units", l.source(),
                    l.target(), n, maxDelay > 0 ? ", delays up to " + (1 + maxDelay) + " ticks" : "",
                    err[1] == 0 ? 0 : 100 * err[0] / err[1], fmt(err[2])));
        }
        // constant inputs: a neuron firing every tick into the same synapses
        for (var e : m.bias().entrySet()) {
            String t = e.getKey();
            double[] b = e.getValue();
            NirNeurons.Lowered tg = lowered.get(t);
            String bp = unique(t + ".bias", used);
            used.add(bp);
            pops.add(new Population(bp, 1, new int[] {1}, new NeuronModel.LoihiLif(4095, 0, 1, 128, 0, 0),
                    m.states().get(t).where()));
            int n = 0;
            for (double v : b) {
                n += v != 0 ? 1 : 0;
            }
            int[] pre = new int[n];
            int[] post = new int[n];
            double[] exact = new double[n];
            double[] unit = new double[n];
            int j = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] != 0) {
                    post[j] = i;
                    exact[j] = b[i] * tg.gain()[i] / tg.lsb();
                    unit[j] = tg.lsb() / Math.abs(tg.gain()[i]);
                    j++;
                }
            }
            double[] err = addProjections(projs, used, bp, t, pre, post, exact, new int[0], unit,
                    m.file() + ": bias of '" + t + "'");
            links.add(new LinkFacts(bp, t, n, n == 0 ? 0 : 1, err[1] == 0 ? 0 : err[0] / err[1], err[2]));
            rep.add(String.format(Locale.ROOT, "constant input of '%s' (Affine/convolution biases): population '%s',"
                    + " one neuron firing every tick from tick 0 (reaching '%s' from tick 1); quantisation error"
                    + " %.3f%%", t, bp, t, err[1] == 0 ? 0 : 100 * err[0] / err[1]));
        }
        for (var o : m.outputs().entrySet()) {
            rep.add("output '" + o.getKey() + "': " + (m.states().get(o.getValue()).kind().spiking() ? "spikes" : "v")
                    + " of '" + o.getValue() + "'");
        }
        Network n = new Network(name, arch, m.file(), dt * 1000, pops, ins, projs, probes,
                new MappingHints(Map.of(), 0, List.of()));
        return new Result(n, m, lowered, List.copyOf(rep),
                lowered.values().stream().map(NirNeurons.Lowered::facts).toList(), List.copyOf(links));
    }

    /**
     * Per node and neuron, the largest |weight| or |bias| reaching it ({@code sum} false), or the sum
     * of them all (true): what one tick can bring when every source fires at once.
     */
    private static Map<String, double[]> inputBounds(NirModel m, boolean sum) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (NirModel.State s : m.states().values()) {
            out.put(s.name(), new double[s.size()]);
        }
        for (NirModel.Link l : m.links()) {
            double[] mx = out.get(l.target());
            for (int k = 0; k < l.count(); k++) {
                double a = Math.abs(l.w()[k]);
                mx[l.out()[k]] = sum ? mx[l.out()[k]] + a : Math.max(mx[l.out()[k]], a);
            }
        }
        m.bias().forEach((t, b) -> {
            double[] mx = out.get(t);
            for (int j = 0; j < b.length; j++) {
                mx[j] = sum ? mx[j] + Math.abs(b[j]) : Math.max(mx[j], Math.abs(b[j]));
            }
        });
        return out;
    }

    private static String unique(String base, java.util.Set<String> used) {
        String s = base;
        for (int k = 2; used.contains(s); k++) {
            s = base + "~" + k;
        }
        return s;
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
     * @param unit  per synapse, NIR weight units per voltage LSB (for the largest error)
     * @return {sum |stored - exact|, sum |exact|} in voltage LSB, and the largest |stored - exact| in NIR weight units
     */
    private static double[] addProjections(List<Projection> projs, java.util.Set<String> used, String pre, String post,
                                           int[] preIdx, int[] postIdx, double[] exact, int[] delay, double[] unit,
                                           String where) {
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
            double[] u = new double[n];
            int j = 0;
            for (int k = 0; k < exact.length; k++) {
                if (classOf[k] == c) {
                    a[j] = preIdx[k];
                    b[j] = postIdx[k];
                    x[j] = exact[k];
                    u[j] = unit[k];
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
                err[2] = Math.max(err[2], e * u[k]);
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
