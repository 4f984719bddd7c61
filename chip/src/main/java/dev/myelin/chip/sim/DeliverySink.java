package dev.myelin.chip.sim;

/** Where a {@link SpikeNetwork} puts its deliveries: the targets' delay buffers, with counting. */
public interface DeliverySink {
    /** A spike for {@code axon} of core {@code core} that arrives in time for tick {@code dueTick}. */
    void deliver(int core, int axon, long dueTick);

    /**
     * A spike due in {@code dueTick} that reaches its core during tick {@code arrivalTick}. If
     * {@code arrivalTick >= dueTick} it is late: counted, then delivered in tick
     * {@code arrivalTick + 1} or dropped, by the architecture's late policy.
     */
    void deliver(int core, int axon, long dueTick, long arrivalTick);

    /**
     * The spikes {@code core[i], axon[i], due[i]} for {@code i} in [0, n), in time: the same as
     * {@code n} calls of {@link #deliver(int, int, long)} in that order.
     */
    default void deliverAll(int[] core, int[] axon, long[] due, int n) {
        for (int i = 0; i < n; i++) {
            deliver(core[i], axon[i], due[i]);
        }
    }

    /**
     * Completes the deliveries handed in so far: their marks and counts are visible after it.
     * A network calls it before it reads the tick's counters; the engine calls it after
     * {@link SpikeNetwork#route} returns.
     */
    default void flush() {
    }
}
