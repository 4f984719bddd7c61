package dev.myelin.chip.sim;

import dev.myelin.chip.core.AxonDelayBuffer;
import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.isa.arch.LatePolicy;

/**
 * The engine's {@link DeliverySink}: marks target axons in the delay buffers and counts
 * arrivals, merges, late and dropped spikes against the target core. Used on the engine
 * thread only. A delivery must land in a tick after the current one and inside the delay
 * buffer's window ({@code current + 1 .. current + slots - 1}); a late spike goes to the
 * tick after its arrival or is dropped, by the late policy; anything beyond the window is
 * dropped.
 */
final class Delivery implements DeliverySink {
    private final CoreRuntime[] cores;
    private final LatePolicy latePolicy;
    private final java.util.function.IntConsumer touch;
    private CounterSet counts;
    private long current;

    /** @param touch told of every arrival's core before it is counted (the engine's activity tracking) */
    Delivery(CoreRuntime[] cores, LatePolicy latePolicy, java.util.function.IntConsumer touch, CoreActivity activity) {
        this.cores = cores;
        this.latePolicy = latePolicy;
        this.touch = touch;
        this.activity = activity;
    }

    private final CoreActivity activity;

    /** Starts routing tick {@code tick}, counting into {@code tickCounts}. */
    void begin(long tick, CounterSet tickCounts) {
        this.current = tick;
        this.counts = tickCounts;
    }

    @Override
    public void deliver(int core, int axon, long dueTick) {
        deliver(core, axon, dueTick, current);
    }

    @Override
    public void deliver(int core, int axon, long dueTick, long arrivalTick) {
        touch.accept(core);
        counts.add(core, Counter.SPIKES_IN, 1);
        long at = dueTick;
        if (arrivalTick >= dueTick) {
            counts.add(core, Counter.SPIKES_LATE, 1);
            if (latePolicy == LatePolicy.DROP) {
                counts.add(core, Counter.SPIKES_DROPPED, 1);
                return;
            }
            at = arrivalTick + 1;
        }
        AxonDelayBuffer buffer = cores[core].delay;
        if (at <= current || at - current >= buffer.slots()) {
            counts.add(core, Counter.SPIKES_DROPPED, 1);
            return;
        }
        if (!buffer.mark(axon, at)) {
            counts.add(core, Counter.SPIKES_MERGED, 1);
        } else {
            if (activity != null) {
                activity.due(core, at);
            }
            // SANA-FE counts a message's synapse lookups in the tick it was sent
            counts.add(core, Counter.SYNAPTIC_EVENTS_ROUTED, cores[core].rowSynapses(axon));
        }
    }
}
