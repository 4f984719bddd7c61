package dev.myelin.chip.sim;

import dev.myelin.chip.core.AxonDelayBuffer;
import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.isa.arch.LatePolicy;

import java.util.Arrays;

/**
 * The engine's {@link DeliverySink}: marks target axons in the delay buffers and counts
 * arrivals, merges, late and dropped spikes against the target core. A delivery must land in a
 * tick after the current one and inside the delay buffer's window
 * ({@code current + 1 .. current + slots - 1}); a late spike goes to the tick after its arrival
 * or is dropped, by the late policy; anything beyond the window is dropped.
 *
 * <p>Two steps. {@link #deliver} runs on the engine thread in packet order: it tells the engine
 * the target core is involved and queues the spike. {@link #flush} then applies the queue
 * sharded by target core: each shard is one contiguous run of whole blocks of 64 consecutive
 * core indices (so the bit words of {@link CoreActivity} and the counter rows each shard writes
 * are its own, and a shard's cores are, on a busy chip, the part of the tick's cores the same
 * worker stepped: their delay buffers are still in its cache), and each shard takes its spikes
 * in queue order (grouped by core: only its own cores' runs) on one of the engine's workers. What a
 * delivery does touches its target core alone, and the marks and counts of one core do not
 * depend on the order of its spikes (a merge is a spike whose bit is already set, whichever
 * came first), so the result is the same for any number of shards.
 */
final class Delivery implements DeliverySink {
    /** Fewest queued spikes for which {@link #flush} uses the worker pool (a speed choice only). */
    static final int PARALLEL_MIN_SPIKES = 4096;
    /**
     * Fewest queued spikes for which {@link #flush} groups them by target core first (a speed
     * choice only: a core's spikes give the same marks and counts in any order). The grouping
     * passes over every core's bucket, so it pays only when spikes are many.
     */
    static final int GROUP_MIN_SPIKES = 2048;
    /** {@link #GROUP_MIN_SPIKES}, changed only by tests that compare grouped and ungrouped delivery. */
    static int groupMinSpikes = GROUP_MIN_SPIKES;

    private final CoreRuntime[] cores;
    private final LatePolicy latePolicy;
    private final java.util.function.IntConsumer touch;
    private final CoreActivity activity;
    private final WorkerPool pool;
    private final java.util.function.IntConsumer flushShard;
    private CounterSet counts;
    private long current;
    // the queue: spike q for axon queuedAxon[q] of core queuedCore[q], due queuedDue[q], arriving queuedArrival[q]
    private int queued;
    private int[] queuedCore = new int[64];
    private int[] queuedAxon = new int[64];
    private long[] queuedDue = new long[64];
    private long[] queuedArrival = new long[64];
    /**
     * The queue's spikes grouped by target core ({@link #groupByCore}), queue order kept within a
     * core; valid when {@link #grouped}. Applying a core's spikes one after another reuses its
     * delay buffer and counter row from cache instead of missing on them once per spike.
     */
    private int[] order = new int[64];
    private final int[] coreStart;
    private boolean grouped;

    /** @param touch told of every arrival's core before it is counted (the engine's activity tracking) */
    Delivery(CoreRuntime[] cores, LatePolicy latePolicy, java.util.function.IntConsumer touch, CoreActivity activity,
             WorkerPool pool) {
        this.cores = cores;
        this.latePolicy = latePolicy;
        this.touch = touch;
        this.activity = activity;
        this.pool = pool;
        this.flushShard = shard -> apply(shard, pool.threads());
        this.coreStart = new int[cores.length + 1];
    }

    /** Starts routing tick {@code tick}, counting into {@code tickCounts}. */
    void begin(long tick, CounterSet tickCounts) {
        this.current = tick;
        this.counts = tickCounts;
        this.queued = 0;
    }

    @Override
    public void deliver(int core, int axon, long dueTick) {
        deliver(core, axon, dueTick, current);
    }

    @Override
    public void deliver(int core, int axon, long dueTick, long arrivalTick) {
        touch.accept(core);
        int q = queued;
        if (q == queuedCore.length) {
            int grown = 2 * q;
            queuedCore = Arrays.copyOf(queuedCore, grown);
            queuedAxon = Arrays.copyOf(queuedAxon, grown);
            queuedDue = Arrays.copyOf(queuedDue, grown);
            queuedArrival = Arrays.copyOf(queuedArrival, grown);
            order = new int[grown];
        }
        queuedCore[q] = core;
        queuedAxon[q] = axon;
        queuedDue[q] = dueTick;
        queuedArrival[q] = arrivalTick;
        queued = q + 1;
    }

    /** Touches the spikes' cores in order, then queues them as one block (what n calls of deliver do). */
    @Override
    public void deliverAll(int[] core, int[] axon, long[] due, int n) {
        for (int i = 0; i < n; i++) {
            touch.accept(core[i]);
        }
        int q = queued;
        if (q + n > queuedCore.length) {
            int grown = Math.max(q + n, 2 * queuedCore.length);
            queuedCore = Arrays.copyOf(queuedCore, grown);
            queuedAxon = Arrays.copyOf(queuedAxon, grown);
            queuedDue = Arrays.copyOf(queuedDue, grown);
            queuedArrival = Arrays.copyOf(queuedArrival, grown);
            order = new int[grown];
        }
        System.arraycopy(core, 0, queuedCore, q, n);
        System.arraycopy(axon, 0, queuedAxon, q, n);
        System.arraycopy(due, 0, queuedDue, q, n);
        Arrays.fill(queuedArrival, q, q + n, current);
        queued = q + n;
    }

    @Override
    public void flush() {
        if (queued == 0) {
            return;
        }
        grouped = queued >= groupMinSpikes;
        if (grouped) {
            groupByCore();
        }
        if (pool.threads() > 1 && queued >= PARALLEL_MIN_SPIKES) {
            pool.forEach(pool.threads(), flushShard);
        } else {
            apply(0, 1);
        }
        queued = 0;
    }

    /**
     * A stable counting sort of the queue by target core into {@link #order}; afterwards
     * {@code coreStart[c]} is where core {@code c + 1}'s spikes start (so core c's are
     * {@code [c == 0 ? 0 : coreStart[c - 1], coreStart[c])}).
     */
    private void groupByCore() {
        int[] start = coreStart;
        Arrays.fill(start, 0);
        int n = queued;
        for (int q = 0; q < n; q++) {
            start[queuedCore[q] + 1]++;
        }
        for (int c = 1; c < start.length; c++) {
            start[c] += start[c - 1];
        }
        for (int q = 0; q < n; q++) {
            order[start[queuedCore[q]]++] = q;
        }
    }

    /**
     * Applies the queued spikes whose target core is in shard {@code shard} of {@code shards}, in
     * queue order, or grouped by core when {@link #grouped}.
     */
    private void apply(int shard, int shards) {
        if (shards == 1 && !grouped) {
            // one shard takes every spike in queue order: no shard to test per spike
            for (int q = 0, n = queued; q < n; q++) {
                apply(queuedCore[q], queuedAxon[q], queuedDue[q], queuedArrival[q]);
            }
            return;
        }
        int blocks = (cores.length + 63) >>> 6;
        int lo = Math.min(cores.length, firstBlock(shard, shards, blocks) << 6);
        int hi = Math.min(cores.length, firstBlock(shard + 1, shards, blocks) << 6);
        if (grouped) {
            // the shard's cores are [lo, hi): their spikes are one run of the grouped order
            for (int i = lo == 0 ? 0 : coreStart[lo - 1], end = hi == 0 ? 0 : coreStart[hi - 1]; i < end; i++) {
                int q = order[i];
                apply(queuedCore[q], queuedAxon[q], queuedDue[q], queuedArrival[q]);
            }
            return;
        }
        for (int q = 0, n = queued; q < n; q++) {
            int core = queuedCore[q];
            if (core >= lo && core < hi) {
                apply(core, queuedAxon[q], queuedDue[q], queuedArrival[q]);
            }
        }
    }

    /**
     * The first of the blocks of 64 cores in shard {@code shard} of {@code shards}: block b is in
     * shard {@code floor(b x shards / blocks)}, so shard s starts at {@code ceil(s x blocks / shards)}.
     */
    static int firstBlock(int shard, int shards, int blocks) {
        return (int) (((long) shard * blocks + shards - 1) / shards);
    }

    private void apply(int core, int axon, long dueTick, long arrivalTick) {
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
