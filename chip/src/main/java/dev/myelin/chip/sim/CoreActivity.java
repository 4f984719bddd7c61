package dev.myelin.chip.sim;

import dev.myelin.chip.core.AxonDelayBuffer;
import dev.myelin.chip.core.CounterSet;

/**
 * Which cores a tick involves, so that a quiescent core with nothing due costs nothing per tick.
 *
 * <p>A core is <i>touched</i> in tick t when it is stepped with work (an axon due, or neurons
 * not quiescent) or receives an arrival (network or injection). Its counter row of tick t is
 * then rebuilt; so is the row of a core touched in t - 1 (it goes back to an idle row). Every
 * other core is <i>dormant</i>: it would be skipped and count exactly what it counted in the
 * previous tick (the idle counts: resting and inactive updates, a skipped tick, the unchanged
 * delay occupancy), so its row of the tick's counters is left as it is, and its contribution to
 * the totals is kept as "the row times the ticks since it went dormant", added when the core is
 * touched again or when the totals are read ({@link CounterSet#settleBeforeReads}).
 *
 * <p>Bit sets over core indices, iterated in ascending order: the cores with an axon marked for
 * each delay slot, the cores whose neurons were not quiescent after their last step, the cores
 * touched in this and in the previous tick, and the dormant cores. Used on the engine thread.
 */
final class CoreActivity {
    private final int cores;
    private final int words;
    private final int slots;
    /** {@code slots - 1} for a power of two, else -1 ({@link AxonDelayBuffer#slotOf(long, int, int)}). */
    private final int slotMask;
    /** [slot * words + w]: cores with an axon marked for a tick of that slot. */
    private final long[] dueBits;
    /** Cores whose neurons were not quiescent after their last step. */
    private final long[] unstableBits;
    /** Cores whose rows this tick rebuilds: touched in this tick or in the previous one. */
    private long[] involved;
    /** Cores touched in this tick. */
    private long[] touched;
    /** Cores touched in the previous tick. */
    private long[] touchedBefore;
    private final long[] dormantBits;
    /** First tick whose counts a dormant core has not yet added to the totals. */
    private final long[] dormantSince;
    private final CounterSet tickCounts;
    private final CounterSet totals;
    private long tick;
    /** Ticks run to the end (their counts are in the totals, dormant cores' lazily). */
    private long completed;
    private int dormant;

    CoreActivity(CoreRuntime[] runtimes, CounterSet tickCounts, CounterSet totals) {
        this.cores = runtimes.length;
        this.words = (cores + 63) >>> 6;
        this.slots = runtimes.length == 0 ? 1 : runtimes[0].delay.slots();
        for (CoreRuntime r : runtimes) {
            if (r.delay.slots() != slots) {
                throw new IllegalStateException("cores with " + slots + " and " + r.delay.slots() + " delay slots");
            }
        }
        this.slotMask = Integer.bitCount(slots) == 1 ? slots - 1 : -1;
        this.dueBits = new long[slots * words];
        this.unstableBits = new long[words];
        this.involved = new long[words];
        this.touched = new long[words];
        this.touchedBefore = new long[words];
        this.dormantBits = new long[words];
        this.dormantSince = new long[cores];
        this.tickCounts = tickCounts;
        this.totals = totals;
        // at load every core counts as touched in tick -1, so tick 0 builds every row
        for (int c = 0; c < cores; c++) {
            set(touched, c);
            if (!runtimes[c].neurons.quiescent()) {
                set(unstableBits, c);
            }
        }
        totals.settleBeforeReads(this::settleAll);
    }

    /** Starts tick {@code t}: the cores touched in t - 1 are involved (rows cleared), nothing touched yet. */
    void begin(long t) {
        tick = t;
        long[] spare = touchedBefore;
        touchedBefore = touched;
        touched = spare;
        java.util.Arrays.fill(touched, 0L);
        System.arraycopy(touchedBefore, 0, involved, 0, words);
        for (int w = 0; w < words; w++) {
            for (long b = involved[w]; b != 0; b &= b - 1) {
                tickCounts.clearRow((w << 6) + Long.numberOfTrailingZeros(b));
            }
        }
    }

    /**
     * Core {@code c} gets an arrival or work in this tick: its row is rebuilt (settling its dormant
     * counts first).
     *
     * @return true when the core was not involved in this tick yet (its row was just cleared)
     */
    boolean touch(int c) {
        int w = c >>> 6;
        long bit = 1L << (c & 63);
        touched[w] |= bit;
        if ((involved[w] & bit) == 0) {
            involved[w] |= bit;
            if ((dormantBits[w] & bit) != 0) {
                totals.addRow(tickCounts, c, tick - dormantSince[c]);
                dormantBits[w] &= ~bit;
                dormant--;
            }
            tickCounts.clearRow(c);
            return true;
        }
        return false;
    }

    /** An axon of core {@code c} was marked for tick {@code at}. */
    void due(int c, long at) {
        set(dueBits, AxonDelayBuffer.slotOf(at, slots, slotMask) * words * 64 + c);
    }

    /**
     * Touches the cores with work in this tick (an axon due, or neurons not quiescent) and
     * forgets the slot's due marks; call after this tick's inputs are marked.
     */
    void touchBusy() {
        // (each touched core is new to the involved set or already cleared this tick)
        int base = AxonDelayBuffer.slotOf(tick, slots, slotMask) * words;
        for (int w = 0; w < words; w++) {
            long b = dueBits[base + w] | unstableBits[w];
            dueBits[base + w] = 0;
            for (; b != 0; b &= b - 1) {
                touch((w << 6) + Long.numberOfTrailingZeros(b));
            }
        }
    }

    /** Writes the involved cores, ascending, into {@code out}; returns how many. */
    int involvedCores(int[] out) {
        int n = 0;
        for (int w = 0; w < words; w++) {
            for (long b = involved[w]; b != 0; b &= b - 1) {
                out[n++] = (w << 6) + Long.numberOfTrailingZeros(b);
            }
        }
        return n;
    }

    /** The first involved core at or after {@code c}, or the core count when none. */
    int nextInvolved(int c) {
        if (c >= cores) {
            return cores;
        }
        int w = c >>> 6;
        long b = involved[w] & (-1L << (c & 63));
        while (b == 0) {
            if (++w == words) {
                return cores;
            }
            b = involved[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(b);
    }

    /** Records whether core {@code c}'s neurons are quiescent after its step in this tick. */
    void stepped(int c, boolean quiescent) {
        if (quiescent) {
            unstableBits[c >>> 6] &= ~(1L << (c & 63));
        } else {
            set(unstableBits, c);
        }
    }

    /**
     * Ends the tick: adds the involved cores' rows to the totals, and makes the involved cores
     * not touched in this tick dormant from the next tick on (their row is now an idle row).
     */
    void end(int[] list, int n) {
        for (int i = 0; i < n; i++) {
            int c = list[i];
            totals.addRow(tickCounts, c, 1);
            int w = c >>> 6;
            long bit = 1L << (c & 63);
            if ((touched[w] & bit) == 0) {
                dormantBits[w] |= bit;
                dormantSince[c] = tick + 1;
                dormant++;
            }
        }
        completed = tick + 1;
        if (dormant > 0) {
            totals.markUnsettled();
        }
    }

    /** Adds every dormant core's counts up to the last tick run to the totals. */
    private void settleAll() {
        long upTo = completed;
        for (int w = 0; w < words; w++) {
            for (long b = dormantBits[w]; b != 0; b &= b - 1) {
                int c = (w << 6) + Long.numberOfTrailingZeros(b);
                totals.addRow(tickCounts, c, upTo - dormantSince[c]);
                dormantSince[c] = upTo;
            }
        }
    }

    private static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << (i & 63);
    }
}
