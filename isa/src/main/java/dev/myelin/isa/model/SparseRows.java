package dev.myelin.isa.model;

/**
 * Weighted synapses by axon (compressed sparse rows): axon {@code a} reaches
 * {@code post[k]} with raw weight {@code weight[k]} for {@code rowStart[a] <= k < rowStart[a+1]}.
 * Weights are stored as given (signed 9-bit, -256..255); the chip applies the axon's
 * {@link SynapseFormat} (clipping, truncation, exponent) when it loads the core.
 *
 * @param dense the core's synaptic memory uses Loihi's dense encoding: every row lists every
 *              compartment of the core in order (zero weights included), stored without indices;
 *              otherwise the sparse encoding, (compartment, weight) per synapse
 */
public record SparseRows(int axons, int[] rowStart, int[] post, int[] weight, boolean dense)
        implements SynapseMemory {
    /** Rows in the sparse encoding. */
    public SparseRows(int axons, int[] rowStart, int[] post, int[] weight) {
        this(axons, rowStart, post, weight, false);
    }

    public SparseRows {
        Arrays2.requireLength("rowStart", rowStart, axons + 1);
        if (rowStart[0] != 0 || post.length != weight.length || rowStart[axons] != post.length) {
            throw new IllegalArgumentException("sparse rows: rowStart must run from 0 to " + post.length);
        }
        for (int a = 0; a < axons; a++) {
            if (rowStart[a + 1] < rowStart[a]) {
                throw new IllegalArgumentException("sparse rows: rowStart decreases at axon " + a);
            }
        }
    }

    public int rowLength(int axon) {
        return rowStart[axon + 1] - rowStart[axon];
    }

    @Override
    public long synapseCount() {
        return post.length;
    }
}
