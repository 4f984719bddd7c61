package dev.myelin.compiler.nir;

import java.util.List;
import java.util.Map;

/**
 * A NIR graph as stored in the file: named nodes (in file order) and (source, target) edges in any
 * order; cycles are allowed.
 *
 * @param file    the file it was read from (for messages)
 * @param path    the HDF5 path of the graph's group ({@code /node}, {@code /node/nodes/sub})
 * @param version the file's {@code version} string
 */
public record NirGraph(String file, String path, String version, Map<String, Node> nodes, List<Edge> edges) {
    public NirGraph {
        nodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
        edges = List.copyOf(edges);
    }

    /** One edge; {@code row} is its row in the {@code edges} dataset. */
    public record Edge(String source, String target, int row) {
    }

    /**
     * One node.
     *
     * @param params one value per parameter dataset, by name
     * @param graph  the subgraph of a {@code NIRGraph} node, else null
     */
    public record Node(String name, String type, String path, Map<String, Value> params, NirGraph graph) {
        public Node {
            params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        }

        /** {@code FILE: HDF5-PATH/field}, the place a message about this node's field names. */
        public String where(String file, String field) {
            return file + ": " + path + (field == null ? "" : "/" + field);
        }
    }

    /** A parameter: a numeric array (scalars have an empty shape) or a string. */
    public sealed interface Value {
    }

    /** Numbers in row-major order; {@code shape} is empty for a scalar. */
    public record Num(double[] data, int[] shape) implements Value {
        public int size() {
            return data.length;
        }
    }

    public record Str(String text) implements Value {
    }
}
