package dev.myelin.compiler.partition;

/**
 * What each slice (core) uses of every architecture limit, measured on the expanded network.
 * Arrays are indexed by slice.
 *
 * @param neurons       neurons including TrueNorth copies (one per target beyond the first)
 * @param axons         input axons (one per projection, source neuron and delay)
 * @param synapses      synapses stored
 * @param memoryBytes   synaptic memory
 * @param formats       distinct projections arriving (Loihi: one synapse format each)
 * @param fanOut        targets (core-to-core axons) leaving
 * @param maxTargets    the largest number of targets of one neuron in the slice
 */
public record Usage(long[] neurons, long[] axons, long[] synapses, long[] memoryBytes, long[] formats, long[] fanOut,
                    long[] maxTargets) {
    static Usage of(int n) {
        return new Usage(new long[n], new long[n], new long[n], new long[n], new long[n], new long[n], new long[n]);
    }
}
