package dev.myelin.compiler.nir;

import dev.myelin.isa.diag.MyelinInputException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stateless side of a flattened NIR graph: the shape of every node (from its own parameters,
 * else from its predecessors) and, for Affine, Linear, Scale, Delay, Conv1d, Conv2d, SumPool2d,
 * AvgPool2d, Flatten and pass-through nodes, the sparse map from their input values to their
 * outputs (weight and extra delay per entry, and the bias).
 */
final class NirMaps {
    /** A stateless map from {@code in} values to {@code out} values. */
    record Map1(int in, int out, int[] o, int[] i, double[] w, int[] d, double[] bias) {
    }

    private final NirFlat f;
    private final double dtS;
    private final Map<String, NirFlat.Flat> flat;
    private final Map<String, List<String>> succ;
    private final Map<String, List<String>> pred;
    final Map<String, int[]> inShape = new HashMap<>();
    final Map<String, int[]> outShape = new HashMap<>();
    private final Map<String, Map1> maps = new HashMap<>();

    NirMaps(NirFlat f, double dtS) {
        this.f = f;
        this.dtS = dtS;
        this.flat = f.flat;
        this.succ = f.succ;
        this.pred = f.pred;
        shapes();
    }

    /**
     * The shape of the first of {@code fields} holding more than one value. A one-element array
     * broadcasts like a scalar (exporters write {@code [0.01]} for a layer's shared tau), so its
     * shape only counts when nothing else tells the node's size ({@link #weak}).
     */
    private int[] paramShape(NirFlat.Flat n, String... fields) {
        for (String f : fields) {
            NirGraph.Value v = n.params().get(f);
            if (v instanceof NirGraph.Num x && x.shape().length > 0) {
                if (x.size() > 1) {
                    return x.shape();
                }
                weak.putIfAbsent(n.name(), x.shape());
            }
        }
        return null;
    }

    /** Shapes of one-element parameter arrays, used for nodes whose size nothing else gives. */
    private final Map<String, int[]> weak = new HashMap<>();

    /** Shapes every node can give from its own parameters, then the rest from their predecessors. */
    private void shapes() {
        for (NirFlat.Flat n : flat.values()) {
            switch (n.type()) {
                case "Input", "Output" -> {
                    NirGraph.Num s = f.num(n, "shape", false);
                    if (s != null) {
                        int[] sh = new int[s.size()];
                        for (int k = 0; k < sh.length; k++) {
                            double d = s.data()[k];
                            if (d != Math.rint(d) || d < 1 || d > 1 << 24) {
                                throw f.err(n, "shape", "dimension " + d + " is not a whole number in [1, 2^24]");
                            }
                            sh[k] = (int) d;
                        }
                        if (NirFlat.prod(sh) < 0) {
                            throw f.err(n, "shape", "more than 2^31 values");
                        }
                        inShape.put(n.name(), sh);
                        outShape.put(n.name(), sh);
                    }
                }
                case "Affine", "Linear" -> {
                    NirGraph.Num w = f.num(n, "weight", true);
                    if (w.shape().length != 2) {
                        throw f.err(n, "weight", "expected a 2-D (out, in) matrix, found shape "
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
        propagate();
        for (var w : weak.entrySet()) {
            if (!outShape.containsKey(w.getKey()) && !inShape.containsKey(w.getKey())) {
                inShape.put(w.getKey(), w.getValue());
                outShape.put(w.getKey(), w.getValue());
            }
        }
        propagate();
        for (NirFlat.Flat n : flat.values()) {
            if (!inShape.containsKey(n.name()) || !outShape.containsKey(n.name())) {
                throw f.err(n, null, "its size cannot be told: give its parameters as arrays, or connect it to a node"
                        + " of known shape");
            }
        }
        checkEdges();
    }

    /** Gives each node without a shape its first predecessor's, until nothing changes. */
    private void propagate() {
        boolean changed = true;
        for (int round = 0; changed && round <= flat.size() + 1; round++) {
            changed = false;
            for (NirFlat.Flat n : flat.values()) {
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
    }

    /** Every edge joins a node's output to a successor taking as many values. */
    private void checkEdges() {
        for (NirFlat.Flat n : flat.values()) {
            for (String s : succ.get(n.name())) {
                int a = NirFlat.prod(outShape.get(n.name()));
                int b = NirFlat.prod(inShape.get(s));
                if (a != b) {
                    throw new MyelinInputException(f.where(flat.get(s), null) + ": edge '" + n.name() + "' -> '" + s
                            + "': '" + n.name() + "' gives " + a + " values " + Arrays.toString(outShape.get(n.name()))
                            + " but '" + s + "' takes " + b + " " + Arrays.toString(inShape.get(s)));
                }
            }
        }
    }

    private void fixed(NirFlat.Flat n, int[] shape) {
        if (shape != null) {
            inShape.put(n.name(), shape);
            outShape.put(n.name(), shape);
        }
    }

    private int[] inputShapeParam(NirFlat.Flat n) {
        NirGraph.Num s = f.num(n, "input_shape", false);
        if (s == null || s.size() == 0) {
            return null;
        }
        int[] sh = new int[s.size()];
        for (int k = 0; k < sh.length; k++) {
            sh[k] = (int) s.data()[k];
            if (sh[k] < 1) {
                throw f.err(n, "input_shape", "dimension " + s.data()[k] + " must be >= 1");
            }
        }
        return sh;
    }

    /** The output shape of a node whose output follows from its input. */
    private int[] derivedOut(NirFlat.Flat n, int[] in) {
        return switch (n.type()) {
            case "Conv1d", "Conv2d" -> convGeometry(n, in).outShape();
            case "SumPool2d", "AvgPool2d" -> poolGeometry(n, in).outShape();
            case "Flatten" -> new int[] {NirFlat.prod(in)};
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

    private Geometry convGeometry(NirFlat.Flat n, int[] in) {
        int dims = n.type().equals("Conv1d") ? 1 : 2;
        NirGraph.Num w = f.num(n, "weight", true);
        if (w.shape().length != dims + 2) {
            throw f.err(n, "weight", "expected shape (C_out, C_in/groups, " + (dims == 1 ? "k" : "kh, kw")
                    + "), found " + Arrays.toString(w.shape()));
        }
        if (in.length != dims + 1) {
            throw f.err(n, "input_shape", "expected an input of shape (C" + (dims == 1 ? ", L" : ", H, W") + "), found "
                    + Arrays.toString(in));
        }
        int groups = f.intsOf(n, "groups", 1, 1, false)[0];
        int co = w.shape()[0];
        if (groups < 1 || in[0] % groups != 0 || co % groups != 0 || w.shape()[1] * groups != in[0]) {
            throw f.err(n, "groups", "groups " + groups + " do not fit " + in[0] + " input and " + co
                    + " output channels with weight shape " + Arrays.toString(w.shape()));
        }
        int[] k = new int[dims];
        int[] size = new int[dims];
        for (int d = 0; d < dims; d++) {
            k[d] = w.shape()[2 + d];
            size[d] = in[1 + d];
        }
        int[] stride = f.intsOf(n, "stride", dims, 1, false);
        int[] dil = f.intsOf(n, "dilation", dims, 1, false);
        int[] pad;
        NirGraph.Value pv = n.params().get("padding");
        if (pv instanceof NirGraph.Str s) {
            pad = new int[dims];
            if (s.text().equals("same")) {
                for (int d = 0; d < dims; d++) {
                    pad[d] = dil[d] * (k[d] - 1) / 2;
                }
            } else if (!s.text().equals("valid")) {
                throw f.err(n, "padding", "'" + s.text() + "' is neither a number, 'same' nor 'valid'");
            }
        } else {
            pad = f.intsOf(n, "padding", dims, 0, false);
        }
        return geometry(n, in[0], co, groups, size, k, stride, pad, dil);
    }

    private Geometry poolGeometry(NirFlat.Flat n, int[] in) {
        if (in.length != 3) {
            throw f.err(n, null, "expected an input of shape (C, H, W), found " + Arrays.toString(in));
        }
        int[] k = f.intsOf(n, "kernel_size", 2, 0, true);
        int[] stride = n.params().containsKey("stride") ? f.intsOf(n, "stride", 2, 1, false) : k.clone();
        int[] pad = f.intsOf(n, "padding", 2, 0, false);
        return geometry(n, in[0], in[0], in[0], new int[] {in[1], in[2]}, k, stride, pad, new int[] {1, 1});
    }

    private Geometry geometry(NirFlat.Flat n, int c, int co, int groups, int[] size, int[] k, int[] stride, int[] pad,
                              int[] dil) {
        int[] out = new int[size.length];
        for (int d = 0; d < size.length; d++) {
            if (k[d] < 1 || stride[d] < 1 || dil[d] < 1) {
                throw f.err(n, null, "kernel, stride and dilation must be >= 1");
            }
            int span = dil[d] * (k[d] - 1) + 1;
            int o = (size[d] + 2 * pad[d] - span) / stride[d] + 1;
            if (size[d] + 2 * pad[d] < span || o < 1) {
                throw f.err(n, null, "a kernel of " + k[d] + " does not fit an input of " + size[d] + " padded by "
                        + pad[d]);
            }
            out[d] = o;
        }
        return new Geometry(c, co, groups, size, k, stride, pad, dil, out);
    }

    // ---- stateless maps --------------------------------------------------------------------------

    static final class Entries {
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

    Map1 map(NirFlat.Flat n) {
        Map1 m = maps.get(n.name());
        if (m == null) {
            m = makeMap(n);
            maps.put(n.name(), m);
        }
        return m;
    }

    private Map1 makeMap(NirFlat.Flat n) {
        int in = NirFlat.prod(inShape.get(n.name()));
        int out = NirFlat.prod(outShape.get(n.name()));
        Entries e = new Entries();
        double[] bias = null;
        switch (n.type()) {
            case "Affine", "Linear" -> {
                double[] w = f.num(n, "weight", true).data();
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
                double[] s = f.broadcast(n, "scale", in, true);
                for (int i = 0; i < in; i++) {
                    e.add(i, i, s[i], 0);
                }
            }
            case "Delay" -> {
                double[] s = f.broadcast(n, "delay", in, true);
                for (int i = 0; i < in; i++) {
                    if (s[i] < 0) {
                        throw f.err(n, "delay", "delay " + s[i] + " s is negative");
                    }
                    long ticks = Math.round(s[i] / dtS);
                    if (ticks > 1 << 16) {
                        throw f.err(n, "delay", "delay " + s[i] + " s is " + ticks + " ticks of " + dtS * 1000
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
                double[] w = f.num(n, "weight", true).data();
                conv(e, g, w, false);
                NirGraph.Num b = f.num(n, "bias", false);
                if (b != null && !(b.size() == 1 && b.data()[0] == 0)) {
                    double[] perC = f.broadcast(n, "bias", g.co(), false);
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

    private double[] perOutput(NirFlat.Flat n, String field, int count, double unused) {
        NirGraph.Num b = f.num(n, field, false);
        if (b == null) {
            return null;
        }
        return f.broadcast(n, field, count, false);
    }

}
