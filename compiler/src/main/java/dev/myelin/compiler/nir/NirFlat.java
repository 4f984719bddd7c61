package dev.myelin.compiler.nir;

import dev.myelin.isa.diag.MyelinInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A NIR graph with its nested graphs inlined: every node under its flat name ({@code GRAPH.NODE}
 * inside a subgraph), the Input and Output nodes of inner graphs turned into pass-through nodes
 * ("Pass"), edges as successor and predecessor lists; and the readers of node parameters, which
 * locate every problem at the node's HDF5 path and field.
 */
final class NirFlat {
    /** A flattened node: its type (Input/Output of inner graphs become "Pass"), params and where. */
    record Flat(String name, String type, Map<String, NirGraph.Value> params, String path, boolean top) {
    }

    static final Set<String> SUPPORTED = new LinkedHashSet<>(List.of("Input", "Output", "Affine", "Linear", "Scale",
            "LIF", "CubaLIF", "IF", "LI", "CubaLI", "I", "Integrator", "Threshold", "Delay", "Conv1d", "Conv2d",
            "SumPool2d", "AvgPool2d", "Flatten", "NIRGraph"));

    final String file;
    final Map<String, Flat> flat = new LinkedHashMap<>();
    final Map<String, List<String>> succ = new LinkedHashMap<>();
    final Map<String, List<String>> pred = new LinkedHashMap<>();

    NirFlat(NirGraph g) {
        this.file = g.file();
        inline(g, "", true);
    }

    String where(Flat n, String field) {
        return file + ": " + n.path() + (field == null ? "" : "/" + field);
    }

    MyelinInputException err(Flat n, String field, String msg) {
        return new MyelinInputException(where(n, field) + ": node '" + n.name() + "' (" + n.type() + "): " + msg);
    }

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

    NirGraph.Num num(Flat n, String field, boolean required) {
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

    static int prod(int[] s) {
        long p = 1;
        for (int v : s) {
            p *= v;
            if (p > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return (int) p;
    }

    int[] intsOf(Flat n, String field, int count, int dflt, boolean required) {
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

    /** A parameter as one value per element: an array of {@code count} values or a scalar broadcast. */
    double[] broadcast(Flat n, String field, int count, boolean required) {
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

}
