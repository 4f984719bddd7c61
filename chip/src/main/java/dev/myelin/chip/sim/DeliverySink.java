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
}
