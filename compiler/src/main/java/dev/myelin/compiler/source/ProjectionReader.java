package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.ParamSpec;
import dev.myelin.compiler.ir.Population;
import dev.myelin.compiler.ir.Projection;
import dev.myelin.compiler.ir.WeightSpec;
import dev.myelin.isa.diag.DidYouMean;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one entry of {@code projections:}: endpoints, connector, weights, delay and sign. */
final class ProjectionReader {
    static final Set<String> KEYS = Set.of("name", "pre", "post", "connect", "weight", "weight_unit", "delay", "sign",
            "weight_exp", "num_weight_bits", "plasticity", "receptor");
    static final List<String> CONNECTORS = List.of("all_to_all", "one_to_one", "fixed_probability", "from_list",
            "matrix", "conv2d", "sum_pool2d", "avg_pool2d", "flatten");

    private ProjectionReader() {
    }

    static Projection projection(String file, Node n, Path dir, double dtMs, Map<String, Population> pops,
                                 Diagnostics d) {
        YMap y = YMap.open(file, n, d, "a projection", KEYS);
        if (y == null) {
            return null;
        }
        String pre = y.text("pre", null, true);
        String post = y.text("post", null, true);
        String name = y.text("name", pre + "->" + post, false);
        Population p = post == null ? null : pops.get(post);
        if (post != null && p == null) {
            y.error("post", "unknown population '" + post + "'" + DidYouMean.suggest(post, pops.keySet()));
        }
        Units.Dimension wdim = p == null || p.model().raw() ? null
                : p.model() instanceof NeuronModel.CubaLif ? Units.Dimension.CURRENT : Units.Dimension.VOLTAGE;
        Connector c = y.has("connect") ? connector(y, dir, wdim, biasDim(p), d) : null;
        if (!y.has("connect")) {
            d.error(y.where(), "missing key 'connect'");
        }
        WeightSpec w = p == null ? null : weight(y, wdim, c, p);
        int delay = delay(y, dtMs);
        String sign = y.choice("sign", List.of("excitatory", "inhibitory"), "excitatory", false);
        Integer exp = y.has("weight_exp") ? (int) y.integer("weight_exp", -8, 7, 0, false) : null;
        Integer bits = y.has("num_weight_bits") ? (int) y.integer("num_weight_bits", 1, 8, 8, false) : null;
        if ((exp != null || bits != null) && p != null && !(p.model() instanceof NeuronModel.LoihiLif)) {
            y.error(exp != null ? "weight_exp" : "num_weight_bits", "'weight_exp' and 'num_weight_bits' are raw "
                    + "Loihi settings: the post population must use model loihi_lif (it uses " + p.model().id() + ")");
        }
        dev.myelin.compiler.ir.Plasticity plastic = y.has("plasticity")
                ? PlasticityReader.read(file, y.get("plasticity"), dtMs, d) : null;
        String receptor = y.text("receptor", null, false);
        if (pre == null || p == null || c == null || w == null) {
            return null;
        }
        return new Projection(name, pre, post, c, w, delay, sign.equals("inhibitory"), exp, bits, y.where(),
                y.keyWhere(""), plastic, receptor);
    }

    private static int delay(YMap y, double dtMs) {
        String s = y.text("delay", "1", false);
        try {
            int ticks = Integer.parseInt(s);
            if (ticks < 1) {
                y.error("delay", "'delay' = " + s + " ticks must be at least 1");
                return 1;
            }
            return ticks;
        } catch (NumberFormatException e) {
            double ms = y.quantityText("delay", s, Units.Dimension.TIME, dtMs);
            double ticks = ms / dtMs;
            if (Math.abs(ticks - Math.rint(ticks)) > 1e-9 * Math.max(1, ticks) || Math.rint(ticks) < 1) {
                y.error("delay", "'delay' = " + s + " is not a whole number (>= 1) of ticks of dt = " + dtMs + " ms");
                return 1;
            }
            return (int) Math.rint(ticks);
        }
    }

    /** The unit of the post model's bias (a conv2d bias is one): nA, mV per tick, or raw (null). */
    private static Units.Dimension biasDim(Population post) {
        if (post == null || post.model().raw()) {
            return null;
        }
        return post.model() instanceof NeuronModel.If ? Units.Dimension.VOLTAGE : Units.Dimension.CURRENT;
    }

    private static WeightSpec weight(YMap y, Units.Dimension wdim, Connector c, Population post) {
        if (c instanceof Connector.Pool2d) {
            // pooling gives the pattern (1, or 1 / window for average); 'weight' scales it
            if (y.get("weight") == null) {
                y.diag().error(y.where(), "missing key 'weight' (the weight of one pooled synapse; average pooling "
                        + "divides it by the window's size)");
                return null;
            }
            double v = scalarWeight(y, y.get("weight"), wdim);
            return Double.isNaN(v) ? null : new WeightSpec.Given(v);
        }
        boolean given = c instanceof Connector.FromList l && l.weight().length > 0
                || c instanceof Connector.Matrix || c instanceof Connector.Conv2d;
        Node n = y.get("weight");
        if (given) {
            if (n != null) {
                y.error("weight", "the connector gives the weights; remove 'weight' (use 'weight_unit' to scale)");
            }
            return new WeightSpec.Given(1.0);
        }
        if (n == null) {
            if (c != null) {
                y.diag().error(y.where(), "missing key 'weight'");
            }
            return null;
        }
        if (n instanceof MappingNode) {
            YMap m = YMap.open(y.file, n, y.diag(), "a random weight", Set.of("uniform", "seed"));
            if (m == null) {
                return null;
            }
            List<Node> range = m.list("uniform", true);
            if (range.size() != 2) {
                m.error("uniform", "'uniform' is [low, high)");
                return null;
            }
            double lo = scalarWeight(y, range.get(0), wdim);
            double hi = scalarWeight(y, range.get(1), wdim);
            if (lo > hi) {
                m.error("uniform", "'uniform' low must not exceed high");
            }
            return new WeightSpec.Uniform(lo, hi, m.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0, false));
        }
        double v = scalarWeight(y, n, wdim);
        return Double.isNaN(v) ? null : new WeightSpec.Constant(v);
    }

    /** A weight value: a quantity of {@code wdim}, or an integer for raw models (wdim null). */
    static double scalarWeight(YMap y, Node n, Units.Dimension wdim) {
        String s = n instanceof ScalarNode sc ? sc.getValue() : "";
        String where = YMap.where(y.file, n);
        if (wdim == null) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                y.diag().error(where, "'weight' = " + s + ": raw models take integer weights without a unit");
                return Double.NaN;
            }
        }
        Units.Parsed p = Units.parse(s, wdim);
        if (p.error() != null) {
            y.diag().error(where, "'weight': " + p.error());
            return Double.NaN;
        }
        return p.value();
    }

    private static Connector connector(YMap y, Path dir, Units.Dimension wdim, Units.Dimension bdim, Diagnostics d) {
        Node n = y.get("connect");
        if (n instanceof ScalarNode s) {
            String type = s.getValue();
            return switch (type) {
                case "all_to_all" -> new Connector.AllToAll(true);
                case "one_to_one" -> new Connector.OneToOne();
                case "flatten" -> new Connector.Flatten();
                default -> {
                    y.error("connect", CONNECTORS.contains(type) ? "connector " + type + " needs parameters: write "
                            + "connect: {type: " + type + ", ...}" : "unknown connector '" + type + "'"
                            + DidYouMean.suggest(type, CONNECTORS));
                    yield null;
                }
            };
        }
        YMap c = YMap.open(y.file, n, d, "a connector", Set.of("type", "p", "seed", "allow_self", "block", "file",
                "kernel", "stride", "padding", "channels", "bias", "kernel_size"));
        if (c == null) {
            return null;
        }
        String type = c.choice("type", CONNECTORS, null, true);
        if (type == null) {
            return null;
        }
        boolean self = !"false".equals(c.text("allow_self", "true", false));
        double scale = unitScale(y, wdim);
        return switch (type) {
            case "all_to_all" -> new Connector.AllToAll(self);
            case "one_to_one" -> new Connector.OneToOne();
            case "fixed_probability" -> new Connector.FixedProbability(c.number("p", 0, 1, 0, true),
                    c.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0, false), self,
                    (int) c.integer("block", 0, 1 << 26, 0, false));
            case "from_list" -> fromList(c, dir, scale, d);
            case "matrix" -> matrix(c, dir, scale, d);
            case "flatten" -> new Connector.Flatten();
            case "sum_pool2d", "avg_pool2d" -> pool(c, type.equals("avg_pool2d"));
            default -> conv2d(c, dir, scale, bdim, d);
        };
    }

    /** Factor from the file's numbers to base units: 'weight_unit' (default the base unit). */
    private static double unitScale(YMap y, Units.Dimension wdim) {
        if (!y.has("weight_unit")) {
            return 1;
        }
        if (wdim == null) {
            y.error("weight_unit", "'weight_unit' does not apply to raw integer weights");
            return 1;
        }
        return y.quantityText("weight_unit", "1 " + y.text("weight_unit", "", false), wdim, 1);
    }

    private static Connector fromList(YMap c, Path dir, double scale, Diagnostics d) {
        String f = c.text("file", null, true);
        DataFiles.Table t = f == null ? null : DataFiles.table(dir, f, c.where("file"), 2, 4, d);
        if (t != null && (t.cols() < 2 || t.cols() > 4) && t.rows() > 0) {
            d.error(c.where("file"), f + ": a list has 2 to 4 columns (pre, post[, weight[, delay]]), the array has "
                    + t.cols());
            return null;
        }
        if (t == null) {
            return null;
        }
        int n = t.rows();
        int[] pre = new int[n];
        int[] post = new int[n];
        double[] w = new double[t.cols() >= 3 ? n : 0];
        int[] delay = new int[t.cols() >= 4 ? n : 0];
        int bad = 0;
        for (int r = 0; r < n && bad < 5; r++) {
            for (int k = 0; k < t.cols(); k++) {
                double v = t.get(r, k);
                if (k != 2 && (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE || (k == 3 && v < 1))) {
                    d.error(t.where(r, k, c.where("file")), (k == 3 ? "delay" : k == 0 ? "pre" : "post") + " = "
                            + InputReader.number(v) + " must be an integer" + (k == 3 ? " >= 1 (ticks)" : " >= 0"));
                    bad++;
                }
            }
            if (bad > 0) {
                continue;
            }
            pre[r] = (int) t.get(r, 0);
            post[r] = (int) t.get(r, 1);
            if (w.length > 0) {
                w[r] = t.get(r, 2) * scale;
            }
            if (delay.length > 0) {
                delay[r] = (int) t.get(r, 3);
            }
        }
        return bad > 0 ? null : new Connector.FromList(pre, post, w, delay, t.origin());
    }

    private static Connector matrix(YMap c, Path dir, double scale, Diagnostics d) {
        String f = c.text("file", null, true);
        if (f == null) {
            return null;
        }
        DataFiles.Table t = DataFiles.table(dir, f, c.where("file"), 1, 1 << 20, d);
        if (t == null) {
            return null;
        }
        double[] v = t.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return new Connector.Matrix(t.rows(), t.cols(), v);
    }

    /** {@code key} as one positive integer for both axes or a pair [y, x]; null after reporting. */
    private static int[] pair(YMap c, String key, int min, int max, int[] fallback) {
        Node n = c.get(key);
        if (n == null) {
            return fallback;
        }
        if (n instanceof ScalarNode) {
            int v = (int) c.integer(key, min, max, fallback == null ? min : fallback[0], false);
            return new int[] {v, v};
        }
        int[] v = c.intList(key, min, max, false);
        if (v.length != 2) {
            c.error(key, "'" + key + "' is one integer or a pair [rows, columns]");
            return null;
        }
        return v;
    }

    private static Connector pool(YMap c, boolean average) {
        int[] k = pair(c, "kernel_size", 1, 64, null);
        if (k == null) {
            if (!c.has("kernel_size")) {
                c.diag().error(c.where(), "missing key 'kernel_size' (the pooling window: k or [kh, kw])");
            }
            return null;
        }
        int[] stride = pair(c, "stride", 1, 64, k);
        int[] pad = pair(c, "padding", 0, 64, new int[] {0, 0});
        return stride == null || pad == null ? null
                : new Connector.Pool2d(average, k[0], k[1], stride[0], stride[1], pad[0], pad[1]);
    }

    /**
     * A conv2d: the kernel inline (rows [[..]] for one channel, or nested [out][in][kh][kw]), in
     * a .npy of shape (kh, kw) or (out, in, kh, kw), or in a CSV of out x in x kh rows of kw
     * values with {@code channels: [out, in]}; optional per-output-channel {@code bias}.
     */
    private static Connector conv2d(YMap c, Path dir, double scale, Units.Dimension bdim, Diagnostics d) {
        int[] stride = pair(c, "stride", 1, 64, new int[] {1, 1});
        int[] pad = pair(c, "padding", 0, 64, new int[] {0, 0});
        int[] ch = c.has("channels") ? c.intList("channels", 1, 1 << 16, false) : null;
        if (ch != null && ch.length != 2) {
            c.error("channels", "'channels' is [out, in]");
            return null;
        }
        Node k = c.get("kernel");
        DataFiles.Table t = null;
        int[] kdims = null; // out, in, kh, kw
        if (k instanceof ScalarNode s) {
            t = DataFiles.table(dir, s.getValue(), c.where("kernel"), 1, 64, d);
            if (t != null && t.dims().length == 4) {
                kdims = t.dims();
            } else if (t != null && t.dims().length == 3) {
                c.error("kernel", s.getValue() + ": a kernel array has 2 (kh, kw) or 4 (out, in, kh, kw) dimensions");
                return null;
            }
        } else if (k instanceof SequenceNode rows) {
            t = inlineKernel(c, rows, d);
            if (t != null && t.dims().length == 4) {
                kdims = t.dims();
            }
        } else {
            d.error(c.where(), "missing key 'kernel' (rows of numbers, or a .csv/.npy file)");
        }
        if (t == null || t.rows() == 0 || t.cols() == 0 || stride == null || pad == null) {
            return null;
        }
        if (kdims == null) {
            int out = ch == null ? 1 : ch[0];
            int in = ch == null ? 1 : ch[1];
            if (t.rows() % ((long) out * in) != 0) {
                c.error("kernel", "the kernel's " + t.rows() + " rows are not channels " + out + " x " + in
                        + " x kh rows");
                return null;
            }
            kdims = new int[] {out, in, t.rows() / (out * in), t.cols()};
        } else if (ch != null && (ch[0] != kdims[0] || ch[1] != kdims[1])) {
            c.error("channels", "'channels' [" + ch[0] + ", " + ch[1] + "] disagrees with the kernel's shape ["
                    + kdims[0] + ", " + kdims[1] + ", " + kdims[2] + ", " + kdims[3] + "]");
            return null;
        }
        double[] v = t.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        double[] bias = null;
        if (c.has("bias")) {
            Node b = c.get("bias");
            ParamSpec spec = ParamReader.perNeuron(b) ? ParamReader.read(c.file, "bias", b, bdim, dir, 0, d) : null;
            if (spec instanceof ParamSpec.Values values) {
                bias = values.values();
            } else {
                c.error("bias", "'bias' is a list with one value per output channel, or {file: ..., unit: ...}");
                return null;
            }
        }
        return new Connector.Conv2d(kdims[0], kdims[1], kdims[2], kdims[3], v, stride[0], stride[1], pad[0], pad[1],
                bias);
    }

    /**
     * An inline kernel: nested lists of numbers, 2 deep ([kh][kw]) or 4 deep ([out][in][kh][kw]),
     * every list of a level of the same non-zero length; the table's dims are that shape.
     */
    private static DataFiles.Table inlineKernel(YMap c, SequenceNode rows, Diagnostics d) {
        List<Integer> shape = new java.util.ArrayList<>();
        Node n = rows;
        while (n instanceof SequenceNode sq && !sq.getValue().isEmpty()) {
            shape.add(sq.getValue().size());
            n = sq.getValue().get(0);
        }
        if (shape.size() != 2 && shape.size() != 4) {
            d.error(YMap.where(c.file, rows), "an inline kernel is rows of numbers [[..], ..] or nested "
                    + "[out][in][kh][kw] lists, not " + shape.size() + " levels deep");
            return null;
        }
        int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
        long total = 1;
        for (int x : dims) {
            total *= x;
        }
        if (total > 1 << 20) {
            d.error(YMap.where(c.file, rows), "an inline kernel holds at most " + (1 << 20) + " values");
            return null;
        }
        double[] v = new double[(int) total];
        int[] at = {0};
        if (!fill(c, rows, dims, 0, v, at, d)) {
            return null;
        }
        int cols = dims[dims.length - 1];
        return new DataFiles.Table(v.length / cols, cols, v, null, dims);
    }

    private static boolean fill(YMap c, Node n, int[] dims, int level, double[] v, int[] at, Diagnostics d) {
        if (level == dims.length) {
            String s = n instanceof ScalarNode sc ? sc.getValue() : "";
            if (!DataFiles.isNumber(s)) {
                d.error(YMap.where(c.file, n), "kernel entry '" + s + "' is not a number");
                return false;
            }
            v[at[0]++] = Double.parseDouble(s);
            return true;
        }
        if (!(n instanceof SequenceNode sq) || sq.getValue().size() != dims[level]) {
            d.error(YMap.where(c.file, n), "kernel " + (level == dims.length - 1 ? "rows" : "lists at level "
                    + (level + 1)) + " must be non-empty lists of equal length " + dims[level]);
            return false;
        }
        for (Node x : sq.getValue()) {
            if (!fill(c, x, dims, level + 1, v, at, d)) {
                return false;
            }
        }
        return true;
    }
}
