package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.ParamSpec;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads a neuron parameter written per neuron (docs/language.md, "Per-neuron parameters"):
 * an inline list ({@code [10 mV, 12 mV]}), a data file ({@code {file: thr.csv, unit: mV}},
 * CSV, gzip-compressed CSV or .npy, values in row-major order), or a seeded distribution
 * ({@code {uniform: [lo, hi]}}, {@code {normal: [mean, sd], clip: [lo, hi]}}, each with an
 * optional {@code seed}; without one the seed derives from the description's {@code seed},
 * the population and the parameter). Quantities carry units as everywhere; the raw models'
 * parameters are plain numbers. Lengths and per-value ranges are checked by the validate pass.
 */
final class ParamReader {
    static final Set<String> KEYS = Set.of("file", "unit", "uniform", "normal", "clip", "seed");

    private ParamReader() {
    }

    /** True when {@code n} is written per neuron (a list or a mapping) rather than as one value. */
    static boolean perNeuron(Node n) {
        return n instanceof SequenceNode || n instanceof MappingNode;
    }

    /**
     * The spec written at {@code n}, or null after reporting.
     *
     * @param dim  the parameter's dimension, or null for a raw model's plain numbers
     * @param seed the seed for a distribution written without one
     */
    static ParamSpec read(String file, String key, Node n, Units.Dimension dim, Path dir, long seed, Diagnostics d) {
        if (n instanceof SequenceNode s) {
            return inline(file, key, s, dim, d);
        }
        YMap y = YMap.open(file, n, d, "the per-neuron values of '" + key + "'", KEYS);
        if (y == null) {
            return null;
        }
        int kinds = (y.has("file") ? 1 : 0) + (y.has("uniform") ? 1 : 0) + (y.has("normal") ? 1 : 0);
        if (kinds != 1) {
            d.error(y.where(), "'" + key + "' per neuron takes one of 'file', 'uniform' or 'normal'");
            return null;
        }
        if (y.has("file")) {
            for (String k : new String[] {"clip", "seed"}) {
                if (y.has(k)) {
                    y.error(k, "'" + k + "' applies to distributions, not to values read from a file");
                }
            }
            return fromFile(y, key, dim, dir, d);
        }
        if (y.has("unit")) {
            y.error("unit", "'unit' applies to values read from a file; write units in the distribution's bounds");
        }
        long s = y.has("seed") ? y.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0, false) : seed;
        if (y.has("uniform")) {
            if (y.has("clip")) {
                y.error("clip", "'clip' applies to 'normal'; a uniform distribution has its bounds");
            }
            double[] b = pair(y, "uniform", "[low, high)", dim);
            return b == null ? null : new ParamSpec.Uniform(b[0], b[1], s);
        }
        double[] ms = pair(y, "normal", "[mean, sd]", dim);
        double[] clip = y.has("clip") ? pair(y, "clip", "[low, high]", dim)
                : new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        return ms == null || clip == null ? null : new ParamSpec.Normal(ms[0], ms[1], clip[0], clip[1], s);
    }

    /** Two values of a list key; null after reporting. */
    private static double[] pair(YMap y, String key, String form, Units.Dimension dim) {
        List<Node> items = y.list(key, true);
        if (items.size() != 2) {
            y.error(key, "'" + key + "' is " + form + ": two values");
            return null;
        }
        double a = value(y.file, key, items.get(0), dim, y.diag());
        double b = value(y.file, key, items.get(1), dim, y.diag());
        return Double.isNaN(a) || Double.isNaN(b) ? null : new double[] {a, b};
    }

    /** One value: a quantity of {@code dim} in base units, or a plain number (dim null); NaN after reporting. */
    static double value(String file, String key, Node n, Units.Dimension dim, Diagnostics d) {
        String s = n instanceof ScalarNode sc ? sc.getValue() : "";
        if (dim == null) {
            if (DataFiles.isNumber(s.trim())) {
                return Double.parseDouble(s.trim());
            }
            d.error(YMap.where(file, n), "'" + key + "' value '" + s + "' is not a number");
            return Double.NaN;
        }
        Units.Parsed p = Units.parse(s, dim);
        if (p.error() != null) {
            d.error(YMap.where(file, n), "'" + key + "': " + p.error());
            return Double.NaN;
        }
        return p.value();
    }

    private static ParamSpec inline(String file, String key, SequenceNode s, Units.Dimension dim, Diagnostics d) {
        List<Node> items = s.getValue();
        double[] v = new double[items.size()];
        boolean ok = true;
        for (int i = 0; i < v.length; i++) {
            v[i] = value(file, key, items.get(i), dim, d);
            ok &= !Double.isNaN(v[i]);
        }
        if (!ok) {
            return null;
        }
        if (v.length == 0) {
            d.error(YMap.where(file, s), "'" + key + "' lists no values");
            return null;
        }
        // each value is located at its own entry of the list
        Connector.Rows at = (row, col) -> YMap.where(file, items.get(row));
        return new ParamSpec.Values(v, at, 1);
    }

    private static ParamSpec fromFile(YMap y, String key, Units.Dimension dim, Path dir, Diagnostics d) {
        double scale = 1;
        if (y.has("unit")) {
            if (dim == null) {
                y.error("unit", "'unit' does not apply to a raw model's integer parameters");
            } else {
                scale = y.quantityText("unit", "1 " + y.text("unit", "", false), dim, 1);
            }
        }
        String name = y.text("file", null, true);
        if (name == null) {
            return null;
        }
        DataFiles.Table t = DataFiles.table(dir, name, y.where("file"), 1, 1 << 26, d);
        if (t == null) {
            return null;
        }
        double[] v = t.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return new ParamSpec.Values(v, t.origin(), Math.max(1, t.cols()));
    }
}
