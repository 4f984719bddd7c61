package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.isa.diag.DidYouMean;
import dev.myelin.isa.io.TextFiles;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One YAML mapping of a description with typed, located getters. Unknown keys are reported
 * (with a did-you-mean suggestion) when the mapping is opened; a bad or missing value is
 * reported to the {@link Diagnostics} and the getter returns a fallback so reading goes on
 * and one run reports every error it can.
 */
final class YMap {
    /** Most entries of a mapping or list whose keys {@link #keyWhere} locates one by one. */
    static final int MAX_LOCATED_ENTRIES = 256;

    final String file;
    final Node node;
    private final Diagnostics diag;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YMap(String file, Node node, Diagnostics diag) {
        this.file = file;
        this.node = node;
        this.diag = diag;
    }

    /** Opens {@code n} as a mapping with the given keys; null (after reporting) if it is not a mapping. */
    static YMap open(String file, Node n, Diagnostics diag, String what, Set<String> allowed) {
        if (!(n instanceof MappingNode m)) {
            diag.error(where(file, n), what + " must be a mapping of key: value");
            return null;
        }
        YMap y = new YMap(file, n, diag);
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                diag.error(where(file, t.getKeyNode()), "keys must be plain names");
                continue;
            }
            if (!allowed.contains(k.getValue())) {
                diag.error(where(file, k), "unknown key '" + TextFiles.printable(k.getValue()) + "' in " + what
                        + DidYouMean.suggest(k.getValue(), allowed));
                continue;
            }
            y.entries.put(k.getValue(), t);
        }
        return y;
    }

    static String where(String file, Node n) {
        return n == null ? file : n.getStartMark()
                .map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse(file);
    }

    String where() {
        return where(file, node);
    }

    String where(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? where() : where(file, t.getValueNode());
    }

    /**
     * Where each key's value was written, keyed {@code prefix + key}, for the passes after reading
     * ({@link dev.myelin.compiler.ir.Population#whereOf}); a mapping value adds its own keys
     * below it ({@code params.tau_m}) and a list value its entries by index ({@code cores.2}),
     * when there are at most {@link #MAX_LOCATED_ENTRIES}; a longer one is located as a whole,
     * so a description of a million probe indices does not keep a million locations.
     */
    Map<String, String> keyWhere(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        entries.forEach((k, t) -> into(out, prefix + k, t.getValueNode(), 2));
        return out;
    }

    private void into(Map<String, String> out, String key, Node n, int depth) {
        out.put(key, where(file, n));
        if (depth == 0) {
            return;
        }
        if (n instanceof MappingNode m && m.getValue().size() <= MAX_LOCATED_ENTRIES) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    into(out, key + "." + k.getValue(), t.getValueNode(), depth - 1);
                }
            }
        } else if (n instanceof SequenceNode s && s.getValue().size() <= MAX_LOCATED_ENTRIES) {
            List<Node> items = s.getValue();
            for (int i = 0; i < items.size(); i++) {
                into(out, key + "." + i, items.get(i), depth - 1);
            }
        }
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Node get(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    void error(String key, String message) {
        diag.error(where(key), message);
    }

    /** The key's text, reporting a missing required key. */
    String text(String key, String fallback, boolean required) {
        Node n = get(key);
        if (n == null) {
            if (required) {
                diag.error(where(), "missing key '" + key + "'");
            }
            return fallback;
        }
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        diag.error(where(file, n), "'" + key + "' must be a single value");
        return fallback;
    }

    /** An integer in [min, max]. */
    long integer(String key, long min, long max, long fallback, boolean required) {
        return ranged(key, min, max, fallback, required, t -> Long.parseLong(t.replace("_", "")), "an integer");
    }

    /** A plain number (no unit) in [min, max]. */
    double number(String key, double min, double max, double fallback, boolean required) {
        return ranged(key, min, max, fallback, required, Double::parseDouble, "a number");
    }

    private <T extends Comparable<T>> T ranged(String key, T min, T max, T fallback, boolean required,
                                               java.util.function.Function<String, T> parse, String kind) {
        String s = text(key, null, required);
        if (s == null) {
            return fallback;
        }
        try {
            T v = parse.apply(s);
            if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                error(key, "'" + key + "' = " + s + " is out of range [" + min + ", " + max + "]");
                return fallback;
            }
            return v;
        } catch (NumberFormatException e) {
            error(key, "'" + key + "' = " + s + " is not " + kind);
            return fallback;
        }
    }

    /** A quantity with a unit of {@code dim}, in base units. */
    double quantity(String key, Units.Dimension dim, double fallback, boolean required) {
        String s = text(key, null, required);
        if (s == null) {
            return fallback;
        }
        return quantityText(key, s, dim, fallback);
    }

    double quantityText(String key, String s, Units.Dimension dim, double fallback) {
        Units.Parsed p = Units.parse(s, dim);
        if (p.error() != null) {
            error(key, "'" + key + "': " + p.error());
            return fallback;
        }
        return p.value();
    }

    /** One of {@code choices}. */
    String choice(String key, List<String> choices, String fallback, boolean required) {
        String s = text(key, null, required);
        if (s == null) {
            return fallback;
        }
        if (!choices.contains(s)) {
            error(key, "'" + key + "' = " + s + " is not one of " + String.join(", ", choices)
                    + DidYouMean.suggest(s, choices));
            return fallback;
        }
        return s;
    }

    /** The items of a sequence value (empty, after reporting, if it is not a sequence). */
    List<Node> list(String key, boolean required) {
        Node n = get(key);
        if (n == null) {
            if (required) {
                diag.error(where(), "missing key '" + key + "'");
            }
            return List.of();
        }
        if (n instanceof SequenceNode s) {
            return s.getValue();
        }
        diag.error(where(file, n), "'" + key + "' must be a list");
        return List.of();
    }

    /** A list of integers in [min, max]. */
    int[] intList(String key, long min, long max, boolean required) {
        List<Node> items = list(key, required);
        List<Integer> out = new ArrayList<>();
        for (Node n : items) {
            String s = n instanceof ScalarNode sc ? sc.getValue() : null;
            try {
                long v = Long.parseLong(s == null ? "x" : s.replace("_", ""));
                if (v < min || v > max) {
                    diag.error(where(file, n), "'" + key + "' entry " + s + " is out of range [" + min + ", "
                            + max + "]");
                } else {
                    out.add((int) v);
                }
            } catch (NumberFormatException e) {
                diag.error(where(file, n), "'" + key + "' entries must be integers");
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    Diagnostics diag() {
        return diag;
    }
}
