package dev.myelin.compiler.nir;

import dev.myelin.isa.diag.MyelinInputException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A NIR graph made ready for a time step: nested graphs inlined (inner nodes named
 * {@code GRAPH.NODE}), every stateful node (inputs, neurons, thresholds) kept with per-neuron
 * parameters, and every chain of stateless maps between two stateful nodes (Affine, Linear, Scale,
 * Conv1d, Conv2d, SumPool2d, AvgPool2d, Flatten, Delay) composed into one sparse weight list with a
 * delay per entry; biases of those maps are summed per receiving node. Both the IR lowering
 * ({@link NirImport}) and the floating-point reference ({@link NirReference}) start from it.
 */
public final class NirModel {
    /** Largest number of composed weight entries accepted (checked while composing). */
    static final long MAX_ENTRIES = 1L << 25;

    /** What a stateful node is. */
    public enum Kind {
        INPUT, LIF, CUBA_LIF, IF, LI, CUBA_LI, INTEGRATOR, THRESHOLD;

        public boolean spiking() {
            return this == LIF || this == CUBA_LIF || this == IF || this == THRESHOLD;
        }

        public boolean synapse() {
            return this == CUBA_LIF || this == CUBA_LI;
        }

        public boolean leaky() {
            return this == LIF || this == CUBA_LIF || this == LI || this == CUBA_LI;
        }
    }

    /**
     * A stateful node; parameter arrays have one value per neuron (scalars broadcast), null when the
     * kind has no such parameter. Time constants in seconds.
     */
    public record State(String name, String type, Kind kind, String where, int size, int[] shape, double[] tauMem,
                        double[] tauSyn, double[] r, double[] vLeak, double[] wIn, double[] vThreshold,
                        double[] vReset, boolean vResetGiven) {
    }

    /**
     * The composed weights from {@code source} to {@code target}: entry k adds {@code w[k]} times the
     * source's output {@code in[k]} to the target's input {@code out[k]}, {@code delay[k]} ticks later
     * than the one tick every spike takes (Delay nodes on the way).
     */
    public record Link(String source, String target, int[] out, int[] in, double[] w, int[] delay) {
        public int count() {
            return w.length;
        }
    }

    private final String file;
    private final double dtS;
    private final Map<String, State> states = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final Map<String, double[]> bias = new LinkedHashMap<>();
    private final Map<String, String> outputs = new LinkedHashMap<>();

    public String file() {
        return file;
    }

    public double dtSeconds() {
        return dtS;
    }

    /** Stateful nodes in file order (inputs included). */
    public Map<String, State> states() {
        return states;
    }

    public List<Link> links() {
        return links;
    }

    /** The summed constant input (Affine biases on the way) per receiving node, when not all zero. */
    public Map<String, double[]> bias() {
        return bias;
    }

    /** Output node name -> the stateful node it reports. */
    public Map<String, String> outputs() {
        return outputs;
    }

    /** A flattened node: its type (Input/Output of inner graphs become "Pass"), params and where. */
    private record Flat(String name, String type, Map<String, NirGraph.Value> params, String path, boolean top) {
    }

    /** A stateless map from {@code in} values to {@code out} values. */
    private record Map1(int in, int out, int[] o, int[] i, double[] w, int[] d, double[] bias) {
    }

    private final Map<String, Flat> flat = new LinkedHashMap<>();
    private final Map<String, List<String>> succ = new LinkedHashMap<>();
    private final Map<String, List<String>> pred = new LinkedHashMap<>();
    private final Map<String, int[]> inShape = new HashMap<>();
    private final Map<String, int[]> outShape = new HashMap<>();
    private final Map<String, Map1> maps = new HashMap<>();

    private NirModel(String file, double dtS) {
        this.file = file;
        this.dtS = dtS;
    }

    static final Set<String> SUPPORTED = new LinkedHashSet<>(List.of("Input", "Output", "Affine", "Linear", "Scale",
            "LIF", "CubaLIF", "IF", "LI", "CubaLI", "I", "Integrator", "Threshold", "Delay", "Conv1d", "Conv2d",
            "SumPool2d", "AvgPool2d", "Flatten", "NIRGraph"));

    /** Builds the model of {@code g} for a time step of {@code dtMs} milliseconds. */
    public static NirModel of(NirGraph g, double dtMs) {
        if (!(dtMs > 0) || Double.isInfinite(dtMs)) {
            throw new MyelinInputException("--dt must be a positive time, got " + dtMs + " ms");
        }
        NirModel m = new NirModel(g.file(), dtMs / 1000.0);
        m.inline(g, "", true);
        m.shapes();
        m.build();
        return m;
    }

    private String where(Flat n, String field) {
        return file + ": " + n.path() + (field == null ? "" : "/" + field);
    }

    private MyelinInputException err(Flat n, String field, String msg) {
        return new MyelinInputException(where(n, field) + ": node '" + n.name() + "' (" + n.type() + "): " + msg);
    }

    // ---- flattening ------------------------------------------------------------------------------

    private void inline(NirGraph g, String prefix, boolean top) {
        for (NirGraph.Node n : g.nodes().values()) {
            String type = n.type().equals("I") ? "Integrator" : n.type();
            if (!SUPPORTED.contains(n.type())) {
                throw new MyelinInputException(file + ": " + n.path() + "/type: node '" + prefix + n.name()
                        + "' has type '" + n.type() + "', which the NIR importer does not support (supported: "
                        + String.join(", ", SUPPORTED) + "); nothing was compiled");
            }
            if (n.graph() != null) {
                inline(n.graph(), prefix + n.name() + ".", false);
                continue;
            }
            if (!top && (type.equals("Input") || type.equals("Output"))) {
                type = "Pass";
            }
            String name = prefix + n.name();
            if (flat.containsKey(name)) {
                throw new MyelinInputException(file + ": " + n.path() + ": node name '" + name
                        + "' is used twice once nested graphs are inlined");
            }
            flat.put(name, new Flat(name, type, n.params(), n.path(), top));
            succ.put(name, new ArrayList<>());
            pred.put(name, new ArrayList<>());
        }
        for (NirGraph.Edge e : g.edges()) {
            String s = endpoint(g, prefix, e.source(), true, e);
            String t = endpoint(g, prefix, e.target(), false, e);
            succ.get(s).add(t);
            pred.get(t).add(s);
        }
    }

    /** The flat node an edge end names: a node, a subgraph's one Output (source) or Input (target), or SUB.NODE. */
    private String endpoint(NirGraph g, String prefix, String name, boolean source, NirGraph.Edge e) {
        NirGraph.Node n = g.nodes().get(name);
        if (n != null && n.graph() != null) {
            String want = source ? "Output" : "Input";
            List<String> ends = n.graph().nodes().values().stream().filter(x -> x.type().equals(want))
                    .map(NirGraph.Node::name).toList();
            if (ends.size() != 1) {
                throw new MyelinInputException(file + ": " + g.path() + "/edges[" + e.row() + "]: subgraph '" + name
                        + "' has " + ends.size() + " " + want + " nodes; name one as '" + name + ".NODE'");
            }
            return prefix + name + "." + ends.get(0);
        }
        String f = prefix + name;
        if (!flat.containsKey(f)) {
            throw new MyelinInputException(file + ": " + g.path() + "/edges[" + e.row() + "]: no node '" + name + "'");
        }
        return f;
    }

    // ---- parameters ------------------------------------------------------------------------------

    private NirGraph.Num num(Flat n, String field, boolean required) {
        NirGraph.Value v = n.params().get(field);
        if (v == null) {
            if (required) {
                throw err(n, field, "parameter '" + field + "' is missing");
            }
            return null;
        }
        if (!(v instanceof NirGraph.Num x)) {
            throw err(n, field, "parameter '" + field + "' must be numeric, found a string");
        }
        return x;
    }

    private static int prod(int[] s) {
        long p = 1;
        for (int v : s) {
            p *= v;
            if (p > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return (int) p;
    }

    private int[] intsOf(Flat n, String field, int count, int dflt, boolean required) {
        NirGraph.Value v = n.params().get(field);
        if (v == null) {
            if (required) {
                throw err(n, field, "parameter '" + field + "' is missing");
            }
            int[] a = new int[count];
            Arrays.fill(a, dflt);
            return a;
        }
        if (!(v instanceof NirGraph.Num x)) {
            throw err(n, field, "expected whole numbers, found '" + ((NirGraph.Str) v).text() + "'");
        }
        if (x.size() != 1 && x.size() != count) {
            throw err(n, field, "expected 1 or " + count + " values, found " + x.size());
        }
        int[] a = new int[count];
        for (int k = 0; k < count; k++) {
            double d = x.data()[x.size() == 1 ? 0 : k];
            if (d != Math.rint(d) || d < 0 || d > 1 << 20) {
                throw err(n, field, "value " + d + " is not a whole number in [0, 2^20]");
            }
            a[k] = (int) d;
        }
        return a;
    }

    // ---- shapes ----------------------------------------------------------------------------------

    private int[] paramShape(Flat n, String... fields) {
        for (String f : fields) {
            NirGraph.Value v = n.params().get(f);
            if (v instanceof NirGraph.Num x && x.shape().length > 0) {
                return x.shape();
            }
        }
        return null;
    }

    /** Shapes every node can give from its own parameters, then the rest from their predecessors. */
    private void shapes() {
        for (Flat n : flat.values()) {
            switch (n.type()) {
                case "Input", "Output" -> {
                    NirGraph.Num s = num(n, "shape", false);
                    if (s != null) {
                        int[] sh = new int[s.size()];
                        for (int k = 0; k < sh.length; k++) {
                            double d = s.data()[k];
                            if (d != Math.rint(d) || d < 1 || d > 1 << 24) {
                                throw err(n, "shape", "dimension " + d + " is not a whole number in [1, 2^24]");
                            }
                            sh[k] = (int) d;
                        }
                        if (prod(sh) < 0) {
                            throw err(n, "shape", "more than 2^31 values");
                        }
                        inShape.put(n.name(), sh);
                        outShape.put(n.name(), sh);
                    }
                }
                case "Affine", "Linear" -> {
                    NirGraph.Num w = num(n, "weight", true);
                    if (w.shape().length != 2) {
                        throw err(n, "weight", "expected a 2-D (out, in) matrix, found shape "
                                + Arrays.toString(w.shape()));
                    }
                    inShape.put(n.name(), new int[] {w.shape()[1]});
                    outShape.put(n.name(), new int[] {w.shape()[0]});
                }
                case "Scale" -> fixed(n, paramShape(n, "scale"));
                case "Threshold" -> fixed(n, paramShape(n, "threshold"));
                case "Delay" -> fixed(n, paramShape(n, "delay"));
                case "LIF", "IF", "LI", "CubaLIF", "CubaLI", "Integrator" ->
                        fixed(n, paramShape(n, "tau", "tau_mem", "tau_syn", "r", "v_threshold", "v_leak", "w_in"));
                case "Conv1d", "Conv2d" -> {
                    int[] is = inputShapeParam(n);
                    if (is != null) {
                        inShape.put(n.name(), is);
                    }
                }
                default -> {
                }
            }
        }
        boolean changed = true;
        for (int round = 0; changed && round <= flat.size() + 1; round++) {
            changed = false;
            for (Flat n : flat.values()) {
                if (!inShape.containsKey(n.name())) {
                    for (String p : pred.get(n.name())) {
                        int[] s = outShape.get(p);
                        if (s != null) {
                            inShape.put(n.name(), s);
                            changed = true;
                            break;
                        }
                    }
                }
                if (!outShape.containsKey(n.name()) && inShape.containsKey(n.name())) {
                    outShape.put(n.name(), derivedOut(n, inShape.get(n.name())));
                    changed = true;
                }
            }
        }
        for (Flat n : flat.values()) {
            if (!inShape.containsKey(n.name()) || !outShape.containsKey(n.name())) {
                throw err(n, null, "its size cannot be told: give its parameters as arrays, or connect it to a node"
                        + " of known shape");
            }
        }
        for (Flat n : flat.values()) {
            for (String s : succ.get(n.name())) {
                int a = prod(outShape.get(n.name()));
                int b = prod(inShape.get(s));
                if (a != b) {
                    throw new MyelinInputException(where(flat.get(s), null) + ": edge '" + n.name() + "' -> '" + s
                            + "': '" + n.name() + "' gives " + a + " values " + Arrays.toString(outShape.get(n.name()))
                            + " but '" + s + "' takes " + b + " " + Arrays.toString(inShape.get(s)));
                }
            }
        }
    }

    private void fixed(Flat n, int[] shape) {
        if (shape != null) {
            inShape.put(n.name(), shape);
            outShape.put(n.name(), shape);
        }
    }

    private int[] inputShapeParam(Flat n) {
        NirGraph.Num s = num(n, "input_shape", false);
        if (s == null || s.size() == 0) {
            return null;
        }
        int[] sh = new int[s.size()];
        for (int k = 0; k < sh.length; k++) {
            sh[k] = (int) s.data()[k];
            if (sh[k] < 1) {
                throw err(n, "input_shape", "dimension " + s.data()[k] + " must be >= 1");
            }
        }
        return sh;
    }

    /** The output shape of a node whose output follows from its input. */
    private int[] derivedOut(Flat n, int[] in) {
        return switch (n.type()) {
            case "Conv1d", "Conv2d" -> convGeometry(n, in).outShape();
            case "SumPool2d", "AvgPool2d" -> poolGeometry(n, in).outShape();
            case "Flatten" -> new int[] {prod(in)};
            default -> in;
        };
    }

    // ---- convolution and pooling geometry --------------------------------------------------------

    /** Channels first, spatial dims after: {@code c} in, {@code co} out, per spatial dim its sizes. */
    private record Geometry(int c, int co, int groups, int[] size, int[] k, int[] stride, int[] pad, int[] dil,
                            int[] out) {
        int[] outShape() {
            int[] s = new int[out.length + 1];
            s[0] = co;
            System.arraycopy(out, 0, s, 1, out.length);
            return s;
        }
    }

    private Geometry convGeometry(Flat n, int[] in) {
        int dims = n.type().equals("Conv1d") ? 1 : 2;
        NirGraph.Num w = num(n, "weight", true);
        if (w.shape().length != dims + 2) {
            throw err(n, "weight", "expected shape (C_out, C_in/groups, " + (dims == 1 ? "k" : "kh, kw")
                    + "), found " + Arrays.toString(w.shape()));
        }
        if (in.length != dims + 1) {
            throw err(n, "input_shape", "expected an input of shape (C" + (dims == 1 ? ", L" : ", H, W") + "), found "
                    + Arrays.toString(in));
        }
        int groups = intsOf(n, "groups", 1, 1, false)[0];
        int co = w.shape()[0];
        if (groups < 1 || in[0] % groups != 0 || co % groups != 0 || w.shape()[1] * groups != in[0]) {
            throw err(n, "groups", "groups " + groups + " do not fit " + in[0] + " input and " + co
                    + " output channels with weight shape " + Arrays.toString(w.shape()));
        }
        int[] k = new int[dims];
        int[] size = new int[dims];
        for (int d = 0; d < dims; d++) {
            k[d] = w.shape()[2 + d];
            size[d] = in[1 + d];
        }
        int[] stride = intsOf(n, "stride", dims, 1, false);
        int[] dil = intsOf(n, "dilation", dims, 1, false);
        int[] pad;
        NirGraph.Value pv = n.params().get("padding");
        if (pv instanceof NirGraph.Str s) {
            pad = new int[dims];
            if (s.text().equals("same")) {
                for (int d = 0; d < dims; d++) {
                    pad[d] = dil[d] * (k[d] - 1) / 2;
                }
            } else if (!s.text().equals("valid")) {
                throw err(n, "padding", "'" + s.text() + "' is neither a number, 'same' nor 'valid'");
            }
        } else {
            pad = intsOf(n, "padding", dims, 0, false);
        }
        return geometry(n, in[0], co, groups, size, k, stride, pad, dil);
    }

    private Geometry poolGeometry(Flat n, int[] in) {
        if (in.length != 3) {
            throw err(n, null, "expected an input of shape (C, H, W), found " + Arrays.toString(in));
        }
        int[] k = intsOf(n, "kernel_size", 2, 0, true);
        int[] stride = n.params().containsKey("stride") ? intsOf(n, "stride", 2, 1, false) : k.clone();
        int[] pad = intsOf(n, "padding", 2, 0, false);
        return geometry(n, in[0], in[0], in[0], new int[] {in[1], in[2]}, k, stride, pad, new int[] {1, 1});
    }

    private Geometry geometry(Flat n, int c, int co, int groups, int[] size, int[] k, int[] stride, int[] pad,
                              int[] dil) {
        int[] out = new int[size.length];
        for (int d = 0; d < size.length; d++) {
            if (k[d] < 1 || stride[d] < 1 || dil[d] < 1) {
                throw err(n, null, "kernel, stride and dilation must be >= 1");
            }
            int span = dil[d] * (k[d] - 1) + 1;
            int o = (size[d] + 2 * pad[d] - span) / stride[d] + 1;
            if (size[d] + 2 * pad[d] < span || o < 1) {
                throw err(n, null, "a kernel of " + k[d] + " does not fit an input of " + size[d] + " padded by "
                        + pad[d]);
            }
            out[d] = o;
        }
        return new Geometry(c, co, groups, size, k, stride, pad, dil, out);
    }

    // ---- stateless maps --------------------------------------------------------------------------

    private static final class Entries {
        int n;
        int[] o = new int[16];
        int[] i = new int[16];
        double[] w = new double[16];
        int[] d = new int[16];

        void add(int out, int in, double weight, int delay) {
            if (n == o.length) {
                o = Arrays.copyOf(o, n * 2);
                i = Arrays.copyOf(i, n * 2);
                w = Arrays.copyOf(w, n * 2);
                d = Arrays.copyOf(d, n * 2);
            }
            o[n] = out;
            i[n] = in;
            w[n] = weight;
            d[n] = delay;
            n++;
        }
    }

    private Map1 map(Flat n) {
        Map1 m = maps.get(n.name());
        if (m == null) {
            m = makeMap(n);
            maps.put(n.name(), m);
        }
        return m;
    }

    private Map1 makeMap(Flat n) {
        int in = prod(inShape.get(n.name()));
        int out = prod(outShape.get(n.name()));
        Entries e = new Entries();
        double[] bias = null;
        switch (n.type()) {
            case "Affine", "Linear" -> {
                double[] w = num(n, "weight", true).data();
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < in; i++) {
                        if (w[o * in + i] != 0) {
                            e.add(o, i, w[o * in + i], 0);
                        }
                    }
                }
                if (n.type().equals("Affine")) {
                    bias = perOutput(n, "bias", out, 1);
                }
            }
            case "Scale" -> {
                double[] s = broadcast(n, "scale", in, true);
                for (int i = 0; i < in; i++) {
                    e.add(i, i, s[i], 0);
                }
            }
            case "Delay" -> {
                double[] s = broadcast(n, "delay", in, true);
                for (int i = 0; i < in; i++) {
                    if (s[i] < 0) {
                        throw err(n, "delay", "delay " + s[i] + " s is negative");
                    }
                    long ticks = Math.round(s[i] / dtS);
                    if (ticks > 1 << 16) {
                        throw err(n, "delay", "delay " + s[i] + " s is " + ticks + " ticks of " + dtS * 1000
                                + " ms, more than any chip holds");
                    }
                    e.add(i, i, 1, (int) ticks);
                }
            }
            case "Pass", "Flatten" -> {
                for (int i = 0; i < in; i++) {
                    e.add(i, i, 1, 0);
                }
            }
            case "Conv1d", "Conv2d" -> {
                Geometry g = convGeometry(n, inShape.get(n.name()));
                double[] w = num(n, "weight", true).data();
                conv(e, g, w, false);
                NirGraph.Num b = num(n, "bias", false);
                if (b != null && !(b.size() == 1 && b.data()[0] == 0)) {
                    double[] perC = broadcast(n, "bias", g.co(), false);
                    int per = out / g.co();
                    bias = new double[out];
                    for (int o = 0; o < out; o++) {
                        bias[o] = perC[o / per];
                    }
                }
            }
            case "SumPool2d", "AvgPool2d" -> {
                Geometry g = poolGeometry(n, inShape.get(n.name()));
                conv(e, g, null, n.type().equals("AvgPool2d"));
            }
            default -> throw new IllegalStateException("not a stateless node: " + n.type());
        }
        return new Map1(in, out, Arrays.copyOf(e.o, e.n), Arrays.copyOf(e.i, e.n), Arrays.copyOf(e.w, e.n),
                Arrays.copyOf(e.d, e.n), bias == null || Arrays.stream(bias).allMatch(v -> v == 0) ? null : bias);
    }

    /** Convolution (weights (C_out, C_in/groups, k...)) or pooling (w == null: 1, or 1/window for avg). */
    private static void conv(Entries e, Geometry g, double[] w, boolean avg) {
        boolean two = g.size().length == 2;
        int h = two ? g.size()[0] : 1;
        int wd = two ? g.size()[1] : g.size()[0];
        int oh = two ? g.out()[0] : 1;
        int ow = two ? g.out()[1] : g.out()[0];
        int kh = two ? g.k()[0] : 1;
        int kw = two ? g.k()[1] : g.k()[0];
        int sh = two ? g.stride()[0] : 1;
        int sw = two ? g.stride()[1] : g.stride()[0];
        int ph = two ? g.pad()[0] : 0;
        int pw = two ? g.pad()[1] : g.pad()[0];
        int dh = two ? g.dil()[0] : 1;
        int dw = two ? g.dil()[1] : g.dil()[0];
        int cinG = g.c() / g.groups();
        int coutG = g.co() / g.groups();
        double pool = avg ? 1.0 / (kh * kw) : 1.0;
        for (int co = 0; co < g.co(); co++) {
            int grp = co / coutG;
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int out = (co * oh + y) * ow + x;
                    for (int cl = 0; cl < cinG; cl++) {
                        int ci = w == null ? co : grp * cinG + cl;
                        if (w == null && cl > 0) {
                            break;
                        }
                        for (int a = 0; a < kh; a++) {
                            int iy = y * sh - ph + a * dh;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            for (int b = 0; b < kw; b++) {
                                int ix = x * sw - pw + b * dw;
                                if (ix < 0 || ix >= wd) {
                                    continue;
                                }
                                double v = w == null ? pool : w[((co * cinG + cl) * kh + a) * kw + b];
                                if (v != 0) {
                                    e.add(out, (ci * h + iy) * wd + ix, v, 0);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private double[] perOutput(Flat n, String field, int count, double unused) {
        NirGraph.Num b = num(n, field, false);
        if (b == null) {
            return null;
        }
        return broadcast(n, field, count, false);
    }

    /** A parameter as one value per element: an array of {@code count} values or a scalar broadcast. */
    private double[] broadcast(Flat n, String field, int count, boolean required) {
        NirGraph.Num x = num(n, field, required);
        if (x == null) {
            return null;
        }
        if (x.size() == count) {
            return x.data().clone();
        }
        if (x.size() == 1) {
            double[] a = new double[count];
            Arrays.fill(a, x.data()[0]);
            return a;
        }
        throw err(n, field, "expected " + count + " values (or one), found " + x.size());
    }

    // ---- stateful nodes and composition ----------------------------------------------------------

    private static boolean stateful(String type) {
        return switch (type) {
            case "Input", "LIF", "CubaLIF", "IF", "LI", "CubaLI", "Integrator", "Threshold" -> true;
            default -> false;
        };
    }

    private State state(Flat n) {
        int size = prod(outShape.get(n.name()));
        int[] shape = outShape.get(n.name());
        String w = where(n, null);
        return switch (n.type()) {
            case "Input" -> new State(n.name(), "Input", Kind.INPUT, w, size, shape, null, null, null, null, null, null,
                    null, false);
            case "LIF" -> new State(n.name(), "LIF", Kind.LIF, w, size, shape, tau(n, "tau", size), null,
                    broadcast(n, "r", size, true), broadcast(n, "v_leak", size, true), null,
                    broadcast(n, "v_threshold", size, true), reset(n, size), n.params().containsKey("v_reset"));
            case "CubaLIF" -> new State(n.name(), "CubaLIF", Kind.CUBA_LIF, w, size, shape, tau(n, "tau_mem", size),
                    tau(n, "tau_syn", size), broadcast(n, "r", size, true), broadcast(n, "v_leak", size, true),
                    wIn(n, size), broadcast(n, "v_threshold", size, true), reset(n, size), n.params().containsKey("v_reset"));
            case "IF" -> new State(n.name(), "IF", Kind.IF, w, size, shape, null, null, broadcast(n, "r", size, true),
                    null, null, broadcast(n, "v_threshold", size, true), reset(n, size), n.params().containsKey("v_reset"));
            case "LI" -> new State(n.name(), "LI", Kind.LI, w, size, shape, tau(n, "tau", size), null,
                    broadcast(n, "r", size, true), broadcast(n, "v_leak", size, true), null, null, zeros(size), false);
            case "CubaLI" -> new State(n.name(), "CubaLI", Kind.CUBA_LI, w, size, shape, tau(n, "tau_mem", size),
                    tau(n, "tau_syn", size), broadcast(n, "r", size, true), broadcast(n, "v_leak", size, true),
                    wIn(n, size), null, zeros(size), false);
            case "Integrator" -> new State(n.name(), "Integrator", Kind.INTEGRATOR, w, size, shape, null, null,
                    broadcast(n, "r", size, true), null, null, null, zeros(size), false);
            case "Threshold" -> new State(n.name(), "Threshold", Kind.THRESHOLD, w, size, shape, null, null, null,
                    null, null, broadcast(n, "threshold", size, true), zeros(size), false);
            default -> throw new IllegalStateException(n.type());
        };
    }

    private static double[] zeros(int n) {
        return new double[n];
    }

    private double[] tau(Flat n, String field, int size) {
        double[] t = broadcast(n, field, size, true);
        for (double v : t) {
            if (!(v > 0)) {
                throw err(n, field, "time constant " + v + " s must be > 0");
            }
        }
        return t;
    }

    private double[] wIn(Flat n, int size) {
        double[] w = broadcast(n, "w_in", size, false);
        if (w == null) {
            w = new double[size];
            Arrays.fill(w, 1);
        }
        return w;
    }

    /** v_reset, 0 when the file has none (files before NIR 1.0 do not store it). */
    private double[] reset(Flat n, int size) {
        double[] r = broadcast(n, "v_reset", size, false);
        return r == null ? zeros(size) : r;
    }

    private void build() {
        for (Flat n : flat.values()) {
            if (stateful(n.type())) {
                states.put(n.name(), state(n));
            }
        }
        for (Flat n : flat.values()) {
            if (n.type().equals("Output")) {
                List<String> p = pred.get(n.name());
                // through the Input/Output nodes of inlined graphs, which pass values on unchanged
                while (p.size() == 1 && flat.get(p.get(0)).type().equals("Pass")) {
                    p = pred.get(p.get(0));
                }
                if (p.size() == 1 && states.containsKey(p.get(0))) {
                    outputs.put(n.name(), p.get(0));
                } else if (!p.isEmpty()) {
                    List<String> feeders = p.stream().map(x -> "'" + x + "' (" + flat.get(x).type() + ")").toList();
                    throw err(n, null, "is fed by " + String.join(", ", feeders) + ": an output must be fed by exactly"
                            + " one neuron or input node (the chip reports spikes and potentials of neurons, not"
                            + " weighted sums)");
                }
            }
        }
        Map<String, Integer> linkIndex = new HashMap<>();
        long[] total = {0};
        for (State s : states.values()) {
            Entries id = new Entries();
            for (int i = 0; i < s.size(); i++) {
                id.add(i, i, 1, 0);
            }
            Deque<String> stack = new ArrayDeque<>();
            walk(s.name(), s.name(), id, stack, linkIndex, total);
        }
        for (Flat n : flat.values()) {
            if (!stateful(n.type()) && !n.type().equals("Output")) {
                Map1 m = map(n);
                if (m.bias() != null) {
                    pushBias(n.name(), m.bias(), new ArrayDeque<>());
                }
            }
        }
    }

    /** Follows edges from {@code at}, composing stateless maps, until stateful nodes are reached. */
    private void walk(String source, String at, Entries m, Deque<String> stack, Map<String, Integer> linkIndex,
                      long[] total) {
        for (String next : succ.get(at)) {
            Flat nf = flat.get(next);
            if (states.containsKey(next)) {
                if (nf.type().equals("Input")) {
                    throw err(nf, null, "an Input node cannot receive edges (from '" + at + "')");
                }
                addLink(source, next, m, linkIndex, total);
            } else if (nf.type().equals("Output")) {
                if (!at.equals(source) && !onlyPasses(source, at)) {
                    throw err(nf, null, "is fed through '" + at + "' (" + flat.get(at).type()
                            + "): an output must be fed by a neuron or input node directly");
                }
            } else {
                if (stack.contains(next)) {
                    List<String> cyc = new ArrayList<>(stack);
                    java.util.Collections.reverse(cyc);
                    throw err(nf, null, "lies on a cycle of stateless nodes only (" + String.join(" -> ", cyc) + " -> "
                            + next + "); a cycle must pass through a neuron node");
                }
                stack.push(next);
                walk(source, next, compose(map(nf), m, nf, total, states.get(source).size()), stack, linkIndex, total);
                stack.pop();
            }
        }
    }

    /** Whether {@code at} is reached from {@code source} through Pass nodes alone. */
    private boolean onlyPasses(String source, String at) {
        String x = at;
        while (!x.equals(source)) {
            if (!flat.get(x).type().equals("Pass") || pred.get(x).size() != 1) {
                return false;
            }
            x = pred.get(x).get(0);
        }
        return true;
    }

    /** {@code L o M}: entries of M (source -> at) followed by L (at -> next), merged by (out, in, delay). */
    private Entries compose(Map1 l, Entries m, Flat nf, long[] total, int srcSize) {
        int[] start = new int[l.in() + 1];
        for (int k = 0; k < m.n; k++) {
            start[m.o[k] + 1]++;
        }
        for (int k = 0; k < l.in(); k++) {
            start[k + 1] += start[k];
        }
        int[] order = new int[m.n];
        int[] fill = start.clone();
        for (int k = 0; k < m.n; k++) {
            order[fill[m.o[k]]++] = k;
        }
        Map<Long, Integer> seen = new HashMap<>();
        Entries out = new Entries();
        for (int j = 0; j < l.o().length; j++) {
            int mid = l.i()[j];
            for (int p = start[mid]; p < start[mid + 1]; p++) {
                int k = order[p];
                int delay = m.d[k] + l.d()[j];
                long key = ((long) l.o()[j] * srcSize + m.i[k]) * 70001L + delay;
                Integer at = seen.get(key);
                if (at == null) {
                    if (out.n >= MAX_ENTRIES || ++total[0] > MAX_ENTRIES) {
                        throw err(nf, null, "the network has more than " + MAX_ENTRIES + " composed weights");
                    }
                    seen.put(key, out.n);
                    out.add(l.o()[j], m.i[k], m.w[k] * l.w()[j], delay);
                } else {
                    out.w[at] += m.w[k] * l.w()[j];
                }
            }
        }
        return out;
    }

    private void addLink(String source, String target, Entries m, Map<String, Integer> linkIndex, long[] total) {
        String key = source + "\u0000" + target;
        Integer at = linkIndex.get(key);
        if (at == null) {
            linkIndex.put(key, links.size());
            links.add(new Link(source, target, Arrays.copyOf(m.o, m.n), Arrays.copyOf(m.i, m.n),
                    Arrays.copyOf(m.w, m.n), Arrays.copyOf(m.d, m.n)));
            return;
        }
        // a second path between the same two nodes: its entries join the first's
        Link l = links.get(at);
        int n = l.count();
        int[] o = Arrays.copyOf(l.out(), n + m.n);
        int[] i = Arrays.copyOf(l.in(), n + m.n);
        double[] w = Arrays.copyOf(l.w(), n + m.n);
        int[] d = Arrays.copyOf(l.delay(), n + m.n);
        System.arraycopy(m.o, 0, o, n, m.n);
        System.arraycopy(m.i, 0, i, n, m.n);
        System.arraycopy(m.w, 0, w, n, m.n);
        System.arraycopy(m.d, 0, d, n, m.n);
        links.set(at, new Link(source, target, o, i, w, d));
    }

    /** Carries a constant vector from a stateless node's output through later stateless maps to neurons. */
    private void pushBias(String at, double[] v, Deque<String> stack) {
        for (String next : succ.get(at)) {
            Flat nf = flat.get(next);
            if (states.containsKey(next)) {
                double[] b = bias.computeIfAbsent(next, k -> new double[states.get(k).size()]);
                for (int j = 0; j < v.length; j++) {
                    b[j] += v[j];
                }
            } else if (!nf.type().equals("Output") && !stack.contains(next)) {
                Map1 l = map(nf);
                double[] u = new double[l.out()];
                for (int k = 0; k < l.o().length; k++) {
                    u[l.o()[k]] += l.w()[k] * v[l.i()[k]];
                }
                stack.push(next);
                pushBias(next, u, stack);
                stack.pop();
            }
        }
    }

    /** A one-line description of a state node's kind, for reports. */
    static String describe(State s) {
        return String.format(Locale.ROOT, "%s (%s, %d)", s.name(), s.type(), s.size());
    }
}
