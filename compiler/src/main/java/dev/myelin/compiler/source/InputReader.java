package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.InputSource;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Population;
import org.snakeyaml.engine.v2.nodes.Node;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one entry of {@code inputs:}: a spike array (CSV), Poisson trains or a constant current. */
final class InputReader {
    static final Set<String> KEYS = Set.of("name", "type", "size", "shape", "rate", "seed", "file", "target",
            "amplitude");
    static final List<String> TYPES = List.of("spike_array", "poisson", "current");

    private InputReader() {
    }

    static InputSource input(String file, Node n, Path dir, Map<String, Population> pops, Diagnostics d) {
        YMap y = YMap.open(file, n, d, "an input", KEYS);
        if (y == null) {
            return null;
        }
        String name = y.text("name", null, true);
        String type = y.choice("type", TYPES, null, true);
        if (name == null || type == null) {
            return null;
        }
        return switch (type) {
            case "poisson" -> poisson(name, y);
            case "spike_array" -> spikeArray(name, y, dir, d);
            default -> current(name, y, pops);
        };
    }

    private static InputSource poisson(String name, YMap y) {
        int[] shape = shape(y);
        double rate = y.quantity("rate", Units.Dimension.RATE, 0, true);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            y.error("rate", "'rate' = " + y.text("rate", "", false) + " must be a finite rate >= 0 Hz");
            rate = 0;
        }
        return new InputSource.Poisson(name, shape, size(shape), rate,
                y.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0, false), y.where(), y.keyWhere(""));
    }

    private static InputSource spikeArray(String name, YMap y, Path dir, Diagnostics d) {
        int[] shape = shape(y);
        int size = size(shape);
        String f = y.text("file", null, true);
        if (f == null) {
            return null;
        }
        DataFiles.Table t = DataFiles.table(dir, f, y.where("file"), 2, 2, d);
        if (t != null && t.cols() != 2 && t.rows() > 0) {
            d.error(y.where("file"), f + ": spikes are rows of tick, index: 2 columns, the array has " + t.cols());
            return null;
        }
        if (t == null) {
            return null;
        }
        int[] tick = new int[t.rows()];
        int[] index = new int[t.rows()];
        int bad = 0;
        for (int r = 0; r < t.rows() && bad < 5; r++) {
            double tk = t.get(r, 0);
            double ix = t.get(r, 1);
            if (tk != Math.rint(tk) || tk < 0 || tk > Integer.MAX_VALUE) {
                d.error(t.where(r, 0, y.where("file")), "tick " + number(tk) + " is not an integer >= 0");
                bad++;
            } else if (ix != Math.rint(ix) || ix < 0 || ix >= size) {
                d.error(t.where(r, 1, y.where("file")), "index " + number(ix) + " is not an integer in [0, " + size
                        + ") (input '" + name + "' has " + size + " lines)");
                bad++;
            } else {
                tick[r] = (int) tk;
                index[r] = (int) ix;
            }
        }
        if (bad > 0) {
            return null;
        }
        return new InputSource.SpikeArray(name, shape, size, tick, index, y.where(), y.keyWhere(""));
    }

    /** A CSV number as written: integers without ".0". */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The 'shape' list, or [size]. */
    private static int[] shape(YMap y) {
        if (!y.has("shape")) {
            return new int[] {(int) y.integer("size", 1, 1 << 26, 1, true)};
        }
        int[] s = y.intList("shape", 1, 1 << 24, true);
        long lines = 1;
        for (int x : s) {
            lines = Math.min(lines, 1L << 27) * x; // capped: three dimensions of 2^24 cannot overflow
        }
        if (s.length == 0 || s.length > 3 || lines > (1 << 26)) {
            // [C, H, W] (channels first) for convolutions
            y.error("shape", "'shape' must have 1 to 3 dimensions and at most " + (1 << 26) + " lines");
            return new int[] {1};
        }
        return s;
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int x : shape) {
            n *= x; // checked by shape(): at most 2^26
        }
        return n;
    }

    private static InputSource current(String name, YMap y, Map<String, Population> pops) {
        String target = y.text("target", null, true);
        Population p = target == null ? null : pops.get(target);
        if (target != null && p == null) {
            y.error("target", "unknown population '" + target + "'"
                    + dev.myelin.isa.diag.DidYouMean.suggest(target, pops.keySet()));
            return null;
        }
        if (p == null) {
            return null;
        }
        double a;
        if (p.model().raw()) {
            a = y.integer("amplitude", -(1 << 20), 1 << 20, 0, true);
        } else if (p.model() instanceof NeuronModel.If) {
            a = y.quantity("amplitude", Units.Dimension.VOLTAGE, 0, true);
        } else {
            a = y.quantity("amplitude", Units.Dimension.CURRENT, 0, true);
        }
        return new InputSource.Current(name, target, a, y.where(), y.keyWhere(""));
    }
}
