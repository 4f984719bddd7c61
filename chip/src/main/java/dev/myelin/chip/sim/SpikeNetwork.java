package dev.myelin.chip.sim;

/**
 * Carries the spikes cores emitted in a tick to their targets' delay buffers. The engine calls
 * {@link #route} once per tick on its own thread, after every core was updated; the network
 * must be deterministic (the same spikes in give the same deliveries, whatever the thread
 * count). {@link DirectNetwork} delivers each spike exactly {@code delay} ticks later; the mesh
 * router model plugs in here too, computing arrival ticks.
 */
public interface SpikeNetwork {
    /**
     * @param tick   the tick whose spikes are routed
     * @param spikes the packets of every core, in core then neuron order
     * @param sink   where deliveries go; it applies the late policy and counts
     */
    void route(long tick, EmittedSpikes spikes, DeliverySink sink);

    /** Makes a network for a loaded chip. */
    @FunctionalInterface
    interface Factory {
        SpikeNetwork create(ChipLayout layout);
    }
}
