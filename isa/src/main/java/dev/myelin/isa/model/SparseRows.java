package dev.myelin.isa.model;

/**
 * Weighted synapses by axon (compressed sparse rows): axon {@code a} reaches
 * {@code post[k]} with raw weight {@code weight[k]} for {@code rowStart[a] <= k < rowStart[a+1]}.
 * Weights are stored as given (signed 9-bit, -256..255); the chip applies the axon's
 * {@link SynapseFormat} (clipping, truncation, exponent) when it loads the core.
 */
public record SparseRows(int axons, int[] rowStart, int[] post, int[] weight) implements SynapseMemory {
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
