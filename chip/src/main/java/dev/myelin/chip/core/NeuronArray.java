package dev.myelin.chip.core;

/**
 * The neurons and synapses of one core in the form one datapath needs: flat primitive
 * state, updated in place, with no allocation per tick, spike or event. The tick engine
 * owns the axon delay buffer and the targets; a {@code NeuronArray} owns what happens
 * between an active axon and a fired neuron. Implementations: TrueNorth and Loihi CUBA.
 *
 * <p>Per tick the engine calls {@link #integrate} once with the axons active this tick,
 * then {@link #update} once. Both run on the core's worker thread only; a core never
 * touches another core's state, so cores of one tick can run in parallel.
 */
public interface NeuronArray {
    /** Neurons on this core. */
    int neurons();

    /**
     * Synaptic integration of this tick's active axons.
     *
     * @param activeAxons bit-packed axon set (bit {@code a % 64} of word {@code a / 64})
     * @param words       number of meaningful words in {@code activeAxons}
     * @return synaptic events performed (synapse lookups with a connection)
     */
    long integrate(long[] activeAxons, int words);

    /**
     * Neuron update (leak, threshold, fire, reset) of every neuron.
     *
     * @param tick  the current tick (0-based)
     * @param fired receives the indices of neurons that fired, ascending; length &gt;= neurons()
     * @return number of neurons that fired
     */
    int update(long tick, int[] fired);

    /**
     * Neurons counted as updated in the last {@link #update}, by SANA-FE's rule (docs/energy.md):
     * synaptic input this tick (even if it summed to zero), a non-zero potential before the
     * update, a non-zero bias (TrueNorth: leak), or a spike.
     */
    int lastActiveUpdates();

    /**
     * Neurons an update without input would count as updated (non-zero potential or bias),
     * after the last update: what a skipped quiescent core counts each tick.
     */
    int restingUpdates();

    /** True when an update with no input would change no state and fire nothing (the core may be skipped). */
    boolean quiescent();

    /** Membrane potential of neuron {@code j} (after the last update). */
    int v(int j);

    /** Synaptic current of neuron {@code j}; 0 for datapaths without one. */
    int u(int j);

    /**
     * Adds what the last {@link #update} did beyond the engine's own counters (the learning
     * engine's updates) to core {@code core}'s row of {@code counts}. Nothing by default.
     */
    default void count(int core, CounterSet counts) {
    }
}
