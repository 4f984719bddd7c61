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
 *
 * <p>Per spike, {@link #deliver} tests one bit (the cores seen since the last flush) and tells
 * the engine of a core only at its first spike (telling it again changes nothing), and stores
 * core, axon and due tick; the arrival tick is stored only once some spike arrives in another
 * tick than the current one (cycle timing). A grouped flush sorts only the cores seen, block by
 * block of that bit set, and applies each core's run with its delay buffer, row sizes and counts
 * held in locals: the counts are added to the core's row once per run, and the engine is told of
 * a due slot once per run of equal due ticks.
 */
final class Delivery implements DeliverySink {
    /** Fewest queued spikes for which {@link #flush} uses the worker pool (a speed choice only). */
    static final int PARALLEL_MIN_SPIKES = 4096;
    /**
     * Fewest queued spikes for which {@link #flush} groups them by target core first (a speed
     * choice only: a core's spikes give the same marks and counts in any order). Below it queue
     * order is as fast: grouping every tick of the 10-core CUBA load (about 234 spikes) measured
     * no faster.
     */
    static final int GROUP_MIN_SPIKES = 2048;
    /** {@link #GROUP_MIN_SPIKES}, changed only by tests that compare grouped and ungrouped delivery. */
    static int groupMinSpikes = GROUP_MIN_SPIKES;

    private static final int WIDTH = CounterSet.WIDTH;
    private static final int IN = Counter.SPIKES_IN.ordinal();
    private static final int LATE = Counter.SPIKES_LATE.ordinal();
    private static final int DROPPED = Counter.SPIKES_DROPPED.ordinal();
    private static final int MERGED = Counter.SPIKES_MERGED.ordinal();
    private static final int ROUTED = Counter.SYNAPTIC_EVENTS_ROUTED.ordinal();

    private final int cores;
    /** Each core's delay buffer and synapses per axon row (its runtime's, read without the runtime). */
    private final AxonDelayBuffer[] buffers;
    private final int[][] rowSynapses;
    private final boolean dropLate;
    private final java.util.function.IntConsumer touch;
    private final CoreActivity activity;
    private final WorkerPool pool;
    private final java.util.function.IntConsumer flushShard;
    private CounterSet counts;
    private long current;
    /** Laps routing and delivery at the tick's first flush when installed, else null. */
    private PhaseClock phases;
    /** Whether this tick's first flush has been lapped. */
    private boolean lapped;
    /** Cores with a spike queued since the last flush, bit c of word c / 64: told to {@link #touch} once. */
    private final long[] seen;
    // the queue: spike q for axon queuedAxon[q] of core queuedCore[q], due queuedDue[q], arriving
    // queuedArrival[q] when arrivals is set, else in the current tick
    private int queued;
    private int[] queuedCore = new int[64];
    private int[] queuedAxon = new int[64];
    private long[] queuedDue = new long[64];
    private long[] queuedArrival = new long[64];
    /** Whether some queued spike arrives in another tick than the current one (queuedArrival is filled). */
    private boolean arrivals;
    /**
     * The queue's spikes grouped by target core ({@link #groupByCore}), queue order kept within a
     * core; valid when {@link #grouped}: the seen cores ascending, core c's run ending at
     * {@code runEnd[c]} and starting where the previous seen core's ends, the cores of bit word w
     * from {@code blockStart[w]}. Applying a core's spikes one after another reuses its delay
     * buffer and counter row from cache instead of missing on them once per spike.
     */
    private int[] sortedAxon = new int[0];
    private long[] sortedDue = new long[0];
    private long[] sortedArrival = new long[0];
    private final int[] runEnd;
    /** Per core: the due tick the engine was last told of by a spike applied in queue order (0: none yet or tick 0). */
    private final long[] dueTold;
    private final int[] blockStart;
    private boolean grouped;

    /** @param touch told of every arrival's core before it is counted (the engine's activity tracking) */
    Delivery(CoreRuntime[] cores, LatePolicy latePolicy, java.util.function.IntConsumer touch, CoreActivity activity,
             WorkerPool pool) {
        this.cores = cores.length;
        this.buffers = new AxonDelayBuffer[cores.length];
        this.rowSynapses = new int[cores.length][];
        for (int c = 0; c < cores.length; c++) {
            buffers[c] = cores[c].delay;
            rowSynapses[c] = cores[c].rowSynapses;
        }
        this.dropLate = latePolicy == LatePolicy.DROP;
        this.touch = touch;
        this.activity = activity;
        this.pool = pool;
        this.flushShard = shard -> apply(shard, pool.threads());
        int words = (cores.length + 63) >>> 6;
        this.seen = new long[words];
        this.runEnd = new int[cores.length];
        this.dueTold = new long[cores.length];
        this.blockStart = new int[words + 1];
    }

    /** Laps {@link PhaseClock.Phase#ROUTING} and {@link PhaseClock.Phase#DELIVERY} on {@code clock} (null: none). */
    void setPhaseClock(PhaseClock clock) {
        this.phases = clock;
    }

    /** Starts routing tick {@code tick}, counting into {@code tickCounts}. */
    void begin(long tick, CounterSet tickCounts) {
        this.lapped = false;
        this.current = tick;
        this.counts = tickCounts;
        if (queued != 0) {
            Arrays.fill(seen, 0L);
        }
        this.queued = 0;
        this.arrivals = false;
    }

    @Override
    public void deliver(int core, int axon, long dueTick) {
        note(core);
        int q = queued;
        if (q == queuedCore.length) {
            grow(q + 1);
        }
        queuedCore[q] = core;
        queuedAxon[q] = axon;
        queuedDue[q] = dueTick;
        if (arrivals) {
            queuedArrival[q] = current;
        }
        queued = q + 1;
    }

    @Override
    public void deliver(int core, int axon, long dueTick, long arrivalTick) {
        if (arrivalTick != current && !arrivals) {
            // the first spike arriving in another tick: the earlier ones arrived in this one
            Arrays.fill(queuedArrival, 0, queued, current);
            arrivals = true;
        }
        deliver(core, axon, dueTick);
        if (arrivals) {
            queuedArrival[queued - 1] = arrivalTick;
        }
    }

    /** Tells the engine of the spikes' cores in order, then queues them as one block (what n calls of deliver do). */
    @Override
    public void deliverAll(int[] core, int[] axon, long[] due, int n) {
        for (int i = 0; i < n; i++) {
            note(core[i]);
        }
        int q = queued;
        if (q + n > queuedCore.length) {
            grow(q + n);
        }
        System.arraycopy(core, 0, queuedCore, q, n);
        System.arraycopy(axon, 0, queuedAxon, q, n);
        System.arraycopy(due, 0, queuedDue, q, n);
        if (arrivals) {
            Arrays.fill(queuedArrival, q, q + n, current);
        }
        queued = q + n;
    }

    /** Tells the engine of core {@code c} at its first spike since the last flush (telling it again changes nothing). */
    private void note(int c) {
        int w = c >>> 6;
        long bit = 1L << c;
        if ((seen[w] & bit) == 0) {
            seen[w] |= bit;
            touch.accept(c);
        }
    }

    /** Makes room for at least {@code need} queued spikes. */
    private void grow(int need) {
        int grown = Math.max(need, 2 * queuedCore.length);
        queuedCore = Arrays.copyOf(queuedCore, grown);
        queuedAxon = Arrays.copyOf(queuedAxon, grown);
        queuedDue = Arrays.copyOf(queuedDue, grown);
        queuedArrival = Arrays.copyOf(queuedArrival, grown);
    }

    @Override
    public void flush() {
        boolean timed = phases != null && !lapped;
        if (timed) {
            // the network's work before its first flush is routing, the flush itself delivery
            phases.lap(PhaseClock.Phase.ROUTING);
            lapped = true;
        }
        flushQueue();
        if (timed) {
            phases.lap(PhaseClock.Phase.DELIVERY);
        }
    }

    private void flushQueue() {
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
        arrivals = false;
        Arrays.fill(seen, 0L);
    }

    /**
     * A stable counting sort of the queue by target core into the sorted arrays, over the seen
     * cores only: their counts, then their runs' starts in ascending core order (word by word of
     * the seen bits, noting where each word's cores start), then each spike copied to its core's
     * run, after which {@code runEnd[c]} is where core c's run ends.
     */
    private void groupByCore() {
        int n = queued;
        int[] end = runEnd;
        int[] qc = queuedCore;
        for (int q = 0; q < n; q++) {
            end[qc[q]]++;
        }
        int at = 0;
        for (int w = 0; w < seen.length; w++) {
            blockStart[w] = at;
            for (long b = seen[w]; b != 0; b &= b - 1) {
                int c = (w << 6) + Long.numberOfTrailingZeros(b);
                int k = end[c];
                end[c] = at;
                at += k;
            }
        }
        blockStart[seen.length] = at;
        if (sortedAxon.length < n) {
            int size = Math.max(n, queuedCore.length);
            sortedAxon = new int[size];
            sortedDue = new long[size];
            sortedArrival = new long[arrivals ? size : 0];
        } else if (arrivals && sortedArrival.length < n) {
            sortedArrival = new long[sortedAxon.length];
        }
        int[] qa = queuedAxon;
        long[] qd = queuedDue;
        int[] sa = sortedAxon;
        long[] sd = sortedDue;
        if (arrivals) {
            long[] qr = queuedArrival;
            long[] sr = sortedArrival;
            for (int q = 0; q < n; q++) {
                int p = end[qc[q]]++;
                sa[p] = qa[q];
                sd[p] = qd[q];
                sr[p] = qr[q];
            }
        } else {
            for (int q = 0; q < n; q++) {
                int p = end[qc[q]]++;
                sa[p] = qa[q];
                sd[p] = qd[q];
            }
        }
    }

    /**
     * Applies the queued spikes whose target core is in shard {@code shard} of {@code shards}, in
     * queue order, or grouped by core when {@link #grouped}.
     */
    private void apply(int shard, int shards) {
        long[] values = counts.values();
        int blocks = seen.length;
        int b0 = firstBlock(shard, shards, blocks);
        int b1 = firstBlock(shard + 1, shards, blocks);
        if (grouped) {
            // the shard's cores are those of words [b0, b1): their runs follow one another from blockStart[b0]
            int from = blockStart[b0];
            for (int w = b0; w < b1; w++) {
                for (long b = seen[w]; b != 0; b &= b - 1) {
                    int c = (w << 6) + Long.numberOfTrailingZeros(b);
                    int to = runEnd[c];
                    runEnd[c] = 0;
                    applyRun(c, from, to, values);
                    from = to;
                }
            }
            return;
        }
        int[] qc = queuedCore;
        int[] qa = queuedAxon;
        long[] qd = queuedDue;
        long[] qr = arrivals ? queuedArrival : null;
        long now = current;
        if (shards == 1) {
            // one shard takes every spike in queue order: no shard to test per spike
            for (int q = 0, n = queued; q < n; q++) {
                apply(qc[q], qa[q], qd[q], qr == null ? now : qr[q], values);
            }
            return;
        }
        int lo = Math.min(cores, b0 << 6);
        int hi = Math.min(cores, b1 << 6);
        for (int q = 0, n = queued; q < n; q++) {
            int core = qc[q];
            if (core >= lo && core < hi) {
                apply(core, qa[q], qd[q], qr == null ? now : qr[q], values);
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

    /**
     * Applies core {@code c}'s run [from, to) of the sorted spikes: what {@link #apply(int, int,
     * long, long, long[])} does for each, with the counts summed in locals and added to the core's
     * row at the end, and the engine told of a due tick once per run of spikes marking the same.
     */
    private void applyRun(int c, int from, int to, long[] values) {
        AxonDelayBuffer buffer = buffers[c];
        int[] rows = rowSynapses[c];
        int slots = buffer.slots();
        long now = current;
        boolean explicit = arrivals;
        int[] sa = sortedAxon;
        long[] sd = sortedDue;
        long[] sr = sortedArrival;
        long late = 0;
        long dropped = 0;
        long merged = 0;
        long events = 0;
        long dueTold = Long.MIN_VALUE;
        for (int p = from; p < to; p++) {
            long at = sd[p];
            long arrival = explicit ? sr[p] : now;
            if (arrival >= at) {
                late++;
                if (dropLate) {
                    dropped++;
                    continue;
                }
                at = arrival + 1;
            }
            if (at <= now || at - now >= slots) {
                dropped++;
                continue;
            }
            int axon = sa[p];
            if (!buffer.mark(axon, at)) {
                merged++;
            } else {
                if (at != dueTold && activity != null) {
                    activity.due(c, at);
                    dueTold = at;
                }
                // SANA-FE counts a message's synapse lookups in the tick it was sent
                events += axon >= 0 && axon < rows.length ? rows[axon] : 0;
            }
        }
        int base = c * WIDTH;
        values[base + IN] += to - from;
        values[base + LATE] += late;
        values[base + DROPPED] += dropped;
        values[base + MERGED] += merged;
        values[base + ROUTED] += events;
    }

    /** One spike: counted against core {@code core}'s row of {@code values}, marked in its delay buffer when in the window. */
    private void apply(int core, int axon, long dueTick, long arrivalTick, long[] values) {
        int base = core * WIDTH;
        values[base + IN]++;
        long at = dueTick;
        if (arrivalTick >= dueTick) {
            values[base + LATE]++;
            if (dropLate) {
                values[base + DROPPED]++;
                return;
            }
            at = arrivalTick + 1;
        }
        AxonDelayBuffer buffer = buffers[core];
        if (at <= current || at - current >= buffer.slots()) {
            values[base + DROPPED]++;
            return;
        }
        if (!buffer.mark(axon, at)) {
            values[base + MERGED]++;
        } else {
            if (activity != null && dueTold[core] != at) {
                // told once per core and due tick: the bit stays set until tick at begins, and no
                // later spike can be due in a tick that has begun
                dueTold[core] = at;
                activity.due(core, at);
            }
            // SANA-FE counts a message's synapse lookups in the tick it was sent
            int[] rows = rowSynapses[core];
            values[base + ROUTED] += axon >= 0 && axon < rows.length ? rows[axon] : 0;
        }
    }
}
