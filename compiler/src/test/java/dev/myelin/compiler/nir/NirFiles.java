package dev.myelin.compiler.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small NIR files for tests with jhdf's HDF5 writer, in the layout NIR uses: a root
 * {@code version} string, the graph group {@code node} with {@code type}, {@code edges} and
 * {@code nodes/NAME/} groups holding {@code type} and one dataset per parameter.
 */
final class NirFiles {
    /** A graph under construction; {@link #node} and {@link #sub} add nodes, {@link #edge} edges. */
    static final class Graph {
        final Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        final Map<String, Graph> subs = new LinkedHashMap<>();
        final List<String[]> edges = new ArrayList<>();

        /** A node of {@code type} with parameters given as name, value pairs (double[], double[][], long[], String ...). */
        Graph node(String name, String type, Object... params) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("type", type);
            for (int k = 0; k < params.length; k += 2) {
                p.put((String) params[k], params[k + 1]);
            }
            nodes.put(name, p);
            return this;
        }

        Graph sub(String name, Graph g) {
            subs.put(name, g);
            nodes.put(name, null);
            return this;
        }

        Graph edge(String from, String to) {
            edges.add(new String[] {from, to});
            return this;
        }

        /** Writes the graph as {@code file} with format version {@code version}. */
        Path write(Path file, String version) {
            try (WritableHdfFile f = HdfFile.write(file)) {
                f.putDataset("version", version);
                fill(f.putGroup("node"));
            }
            return file;
        }

        private void fill(WritableGroup g) {
            g.putDataset("type", "NIRGraph");
            if (!edges.isEmpty()) {
                g.putDataset("edges", edges.toArray(new String[0][]));
            }
            WritableGroup ns = g.putGroup("nodes");
            for (var e : nodes.entrySet()) {
                WritableGroup n = ns.putGroup(e.getKey());
                if (e.getValue() == null) {
                    subs.get(e.getKey()).fill(n);
                    continue;
                }
                for (var p : e.getValue().entrySet()) {
                    n.putDataset(p.getKey(), p.getValue());
                }
            }
        }
    }

    private NirFiles() {
    }

    static Graph graph() {
        return new Graph();
    }

    static double[] d(double... v) {
        return v;
    }

    static long[] shape(long... v) {
        return v;
    }
}
