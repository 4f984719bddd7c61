package dev.myelin.compiler.nir;

import dev.myelin.isa.diag.MyelinInputException;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a NIR file (HDF5) into a {@link NirGraph}: the root's {@code version} string and the graph
 * group {@code node} with its {@code type}, {@code edges} (N x 2 strings) and {@code nodes/NAME/}
 * groups, each with a {@code type} string and one dataset per parameter. Nested {@code NIRGraph}
 * nodes are read recursively; {@code metadata} groups are skipped. Every problem is a
 * {@link MyelinInputException} naming the file, the HDF5 path and the field.
 */
public final class NirReader {
    /** Largest number of elements read from one dataset (checked before reading it). */
    static final long MAX_ELEMENTS = 1L << 26;
    /** Deepest nesting of graphs accepted. */
    static final int MAX_DEPTH = 32;

    private NirReader() {
    }

    public static NirGraph read(Path file) {
        String f = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new MyelinInputException(f + ": no such NIR file");
        }
        try (HdfFile h = new HdfFile(file)) {
            Map<String, Node> root = h.getChildren();
            Node v = root.get("version");
            String version;
            if (v == null) {
                throw new MyelinInputException(f + ": /version: missing (a NIR file holds a 'version' string and a"
                        + " 'node' group)");
            }
            version = string(f, v, "/version");
            if (!version.matches("[01]\\.\\d+(\\.\\d+)?.*")) {
                throw new MyelinInputException(f + ": /version: '" + version
                        + "' is not a NIR format version this reader knows (0.x and 1.x)");
            }
            Node g = root.get("node");
            if (!(g instanceof Group group)) {
                throw new MyelinInputException(f + ": /node: missing or not a group (the top graph)");
            }
            return graph(f, group, "/node", version, 0);
        } catch (MyelinInputException e) {
            throw e;
        } catch (HdfException e) {
            throw new MyelinInputException(f + ": not a readable NIR (HDF5) file: " + e.getMessage());
        } catch (RuntimeException e) {
            // a damaged file can trip the HDF5 library anywhere (buffer underflows, bad casts, bad sizes)
            throw new MyelinInputException(f + ": not a readable NIR (HDF5) file: damaged or truncated HDF5"
                    + " structure");
        }
    }

    private static NirGraph graph(String f, Group g, String path, String version, int depth) {
        if (depth > MAX_DEPTH) {
            throw new MyelinInputException(f + ": " + path + ": graphs nested deeper than " + MAX_DEPTH);
        }
        String type = string(f, child(f, g, path, "type"), path + "/type");
        if (!type.equals("NIRGraph")) {
            throw new MyelinInputException(f + ": " + path + "/type: '" + type + "', expected 'NIRGraph'");
        }
        Node nodesNode = g.getChildren().get("nodes");
        if (!(nodesNode instanceof Group nodes)) {
            throw new MyelinInputException(f + ": " + path + "/nodes: missing or not a group");
        }
        Map<String, NirGraph.Node> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : nodes.getChildren().entrySet()) {
            String np = path + "/nodes/" + e.getKey();
            if (!(e.getValue() instanceof Group ng)) {
                throw new MyelinInputException(f + ": " + np + ": a node must be a group");
            }
            out.put(e.getKey(), node(f, e.getKey(), ng, np, version, depth));
        }
        List<NirGraph.Edge> edges = new ArrayList<>();
        Node en = g.getChildren().get("edges");
        if (en != null) {
            String ep = path + "/edges";
            if (!(en instanceof Dataset ed)) {
                throw new MyelinInputException(f + ": " + ep + ": must be a dataset of (source, target) names");
            }
            int[] dims = ed.getDimensions();
            boolean empty = ed.isEmpty() || dims.length > 0 && dims[0] == 0;
            if (!empty) {
                if (dims.length != 2 || dims[1] != 2 || ed.getJavaType() != String.class) {
                    throw new MyelinInputException(f + ": " + ep + ": expected N x 2 strings (source, target), found "
                            + ed.getJavaType().getSimpleName() + " of shape " + java.util.Arrays.toString(dims));
                }
                checkSize(f, ed, ep);
                Object data = ed.getData();
                for (int r = 0; r < dims[0]; r++) {
                    Object row = Array.get(data, r);
                    String s = (String) Array.get(row, 0);
                    String t = (String) Array.get(row, 1);
                    if (!out.containsKey(s) && !subNodeRef(out, s)) {
                        throw new MyelinInputException(f + ": " + ep + "[" + r + "][0]: no node named '" + s + "' in "
                                + path + "/nodes");
                    }
                    if (!out.containsKey(t) && !subNodeRef(out, t)) {
                        throw new MyelinInputException(f + ": " + ep + "[" + r + "][1]: no node named '" + t + "' in "
                                + path + "/nodes");
                    }
                    edges.add(new NirGraph.Edge(s, t, r));
                }
            }
        }
        return new NirGraph(f, path, version, out, edges);
    }

    /** {@code sub.x}: node x of the subgraph node sub (NIR lets an edge name a subgraph's input or output). */
    private static boolean subNodeRef(Map<String, NirGraph.Node> nodes, String name) {
        int dot = name.indexOf('.');
        while (dot > 0) {
            NirGraph.Node n = nodes.get(name.substring(0, dot));
            if (n != null && n.graph() != null && n.graph().nodes().containsKey(name.substring(dot + 1))) {
                return true;
            }
            dot = name.indexOf('.', dot + 1);
        }
        return false;
    }

    private static NirGraph.Node node(String f, String name, Group g, String path, String version, int depth) {
        String type = string(f, child(f, g, path, "type"), path + "/type");
        if (type.equals("NIRGraph")) {
            NirGraph sub = graph(f, g, path, version, depth + 1);
            return new NirGraph.Node(name, type, path, Map.of(), sub);
        }
        Map<String, NirGraph.Value> params = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
            String key = e.getKey();
            if (key.equals("type") || key.equals("metadata")) {
                continue;
            }
            String p = path + "/" + key;
            if (e.getValue() instanceof Group sub) {
                // a dictionary-valued parameter (Flatten's input_type): its datasets as key.sub
                for (Map.Entry<String, Node> s : sub.getChildren().entrySet()) {
                    if (s.getValue() instanceof Dataset d) {
                        params.put(key + "." + s.getKey(), value(f, d, p + "/" + s.getKey()));
                    }
                }
                continue;
            }
            if (!(e.getValue() instanceof Dataset d)) {
                throw new MyelinInputException(f + ": " + p + ": a parameter must be a dataset");
            }
            params.put(key, value(f, d, p));
        }
        return new NirGraph.Node(name, type, path, params, null);
    }

    private static Node child(String f, Group g, String path, String name) {
        Node n = g.getChildren().get(name);
        if (n == null) {
            throw new MyelinInputException(f + ": " + path + "/" + name + ": missing");
        }
        return n;
    }

    private static void checkSize(String f, Dataset d, String p) {
        if (d.getSize() > MAX_ELEMENTS) {
            throw new MyelinInputException(f + ": " + p + ": " + d.getSize() + " elements, more than the " + MAX_ELEMENTS
                    + " this reader accepts");
        }
    }

    static String string(String f, Node n, String p) {
        if (!(n instanceof Dataset d) || d.getJavaType() != String.class || d.getSize() != 1) {
            throw new MyelinInputException(f + ": " + p + ": expected one string");
        }
        Object o = d.getData();
        while (o != null && o.getClass().isArray()) {
            o = Array.get(o, 0);
        }
        if (o == null) {
            throw new MyelinInputException(f + ": " + p + ": expected one string");
        }
        return o.toString();
    }

    private static NirGraph.Value value(String f, Dataset d, String p) {
        checkSize(f, d, p);
        Class<?> t = d.getJavaType();
        if (t == String.class) {
            return new NirGraph.Str(string(f, d, p));
        }
        if (!(Number.class.isAssignableFrom(boxed(t)) || t == boolean.class || t == Boolean.class)) {
            throw new MyelinInputException(f + ": " + p + ": expected numbers or a string, found "
                    + t.getSimpleName());
        }
        if (d.isEmpty()) {
            return new NirGraph.Num(new double[0], new int[] {0});
        }
        int[] dims = d.isScalar() ? new int[0] : d.getDimensions();
        double[] out = new double[(int) d.getSize()];
        int[] k = {0};
        flatten(d.getData(), out, k);
        for (double v : out) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new MyelinInputException(f + ": " + p + ": holds " + v + " (every value must be finite)");
            }
        }
        return new NirGraph.Num(out, dims);
    }

    private static Class<?> boxed(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        return t == double.class ? Double.class : t == float.class ? Float.class : t == long.class ? Long.class
                : t == int.class ? Integer.class : t == short.class ? Short.class : t == byte.class ? Byte.class
                : t == boolean.class ? Boolean.class : Object.class;
    }

    private static void flatten(Object o, double[] out, int[] k) {
        if (o instanceof Number n) {
            out[k[0]++] = n.doubleValue();
        } else if (o instanceof Boolean b) {
            out[k[0]++] = b ? 1 : 0;
        } else if (o instanceof double[] a) {
            System.arraycopy(a, 0, out, k[0], a.length);
            k[0] += a.length;
        } else if (o instanceof float[] a) {
            for (float v : a) {
                out[k[0]++] = v;
            }
        } else if (o instanceof long[] a) {
            for (long v : a) {
                out[k[0]++] = v;
            }
        } else if (o instanceof int[] a) {
            for (int v : a) {
                out[k[0]++] = v;
            }
        } else if (o instanceof short[] a) {
            for (short v : a) {
                out[k[0]++] = v;
            }
        } else if (o instanceof byte[] a) {
            for (byte v : a) {
                out[k[0]++] = v;
            }
        } else if (o instanceof boolean[] a) {
            for (boolean v : a) {
                out[k[0]++] = v ? 1 : 0;
            }
        } else if (o != null && o.getClass().isArray()) {
            int n = Array.getLength(o);
            for (int i = 0; i < n; i++) {
                flatten(Array.get(o, i), out, k);
            }
        } else {
            throw new IllegalArgumentException("unexpected element " + o);
        }
    }
}
