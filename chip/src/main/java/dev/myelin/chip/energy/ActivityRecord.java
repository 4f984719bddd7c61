package dev.myelin.chip.energy;

import java.util.Arrays;
import java.util.List;

/**
 * The one record of what a run did, tick by tick: each core's {@link Activity} row of the last
 * tick, the tick's hops, and what every reader needs from them, kept up to date at a cost
 * proportional to the cores the tick changed (an idle core costs nothing per tick).
 *
 * <p>A tick is written by {@link #begin}, {@link #open} of each core whose row the tick rebuilds
 * (then its counts written into {@link #rows()}) or {@link #put} of its whole new row, hops, and
 * {@link #end}. A core neither opened nor put keeps the row of the tick before: it did exactly the
 * same again (a dormant core of the engine). A core put with the row it already had costs only
 * the comparison. Kept incrementally from the opened and changed cores alone:
 * <ul>
 *   <li>the tick's sums over all cores per pricing class (each activity, and synaptic events on
 *       sparse cores apart): a core's old row is subtracted when it is opened, its new row added
 *       at the end of the tick (a put core: the difference, at once); exact integers, so pricing
 *       them is pricing every core;</li>
 *   <li>the run's per-core totals, lazily: a row counts once per tick it stays in effect,
 *       added (row x ticks) when the core's row is replaced or when the totals are read;</li>
 *   <li>the run's sums per pricing class (the tick's sums added each tick);</li>
 *   <li>with a {@link Pricing}, the busiest core's SANA-FE generation and receive times, in max
 *       trees over the cores (a changed core's leaf is rewritten; the paths are fixed at the
 *       tick's end, or the whole tree rebuilt when most leaves changed).</li>
 * </ul>
 * Used on the engine thread. No allocation per tick.
 */
public final class ActivityRecord {
    /** Index of synaptic events on sparse cores in a class-sum array (after one entry per activity). */
    public static final int SYN_SPARSE = Activity.COUNT;
    /** Length of a class-sum array. */
    public static final int CLASSES = Activity.COUNT + 1;

    private static final int K = Activity.COUNT;

    private final int cores;
    private final boolean[] sparse;
    private final Pricing pricing;
    private final long[] rows;
    private final long[] tickSums = new long[CLASSES];
    private final long[] runSums = new long[CLASSES];
    /** Per-core totals up to (not including) tick {@code since[c]}. */
    private final long[] totals;
    private final long[] since;
    /** {@code tick + 1} of the tick in which each core was last opened or put (0: never). */
    private final long[] openedIn;
    private final int[] openedList;
    private int openedCount;
    /** Max trees (leaves from {@code leaves}) of the cores' generation and receive times. */
    private final int leaves;
    private final double[] generation;
    private final double[] receive;
    /** Levels above the leaves, and the cores whose leaves this tick rewrote (their paths not yet fixed). */
    private final int depth;
    private final int[] changedLeaves;
    private int changedCount;
    private long tick;
    private boolean inTick;
    private long hopsEw;
    private long hopsNs;
    private long chipLinks;
    private long runHopsEw;
    private long runHopsNs;
    private long runChipLinks;

    /**
     * @param cores   the used cores, in the order of the rows
     * @param pricing prices the busiest core's latency as rows change, or null for none
     */
    public ActivityRecord(List<CoreInfo> cores, Pricing pricing) {
        this.cores = cores.size();
        this.sparse = new boolean[this.cores];
        for (int c = 0; c < this.cores; c++) {
            sparse[c] = cores.get(c).sparse();
        }
        this.pricing = pricing;
        this.rows = new long[this.cores * K];
        this.totals = new long[this.cores * K];
        this.since = new long[this.cores];
        this.openedIn = new long[this.cores];
        this.openedList = new int[this.cores];
        int l = 1;
        while (l < this.cores) {
            l <<= 1;
        }
        this.leaves = l;
        this.generation = new double[pricing == null ? 0 : 2 * l];
        this.receive = new double[pricing == null ? 0 : 2 * l];
        this.depth = Integer.numberOfTrailingZeros(l);
        this.changedLeaves = new int[pricing == null ? 0 : this.cores];
    }

    public int cores() {
        return cores;
    }

    /** Starts the next tick: no core opened yet, no hops. */
    public void begin() {
        if (inTick) {
            throw new IllegalStateException("tick " + tick + " was not ended");
        }
        inTick = true;
        openedCount = 0;
        hopsEw = 0;
        hopsNs = 0;
        chipLinks = 0;
    }

    /**
     * Opens core {@code c}'s row for this tick: its previous row is settled into the totals and
     * taken out of the tick's sums, and the row is zeroed for the caller to write in {@link #rows()}.
     *
     * @return false when the core was already opened this tick (its row is left as it is)
     */
    public boolean open(int c) {
        if (openedIn[c] == tick + 1) {
            return false;
        }
        openedIn[c] = tick + 1;
        openedList[openedCount++] = c;
        int b = c * K;
        long ticks = tick - since[c];
        if (sparse[c]) {
            tickSums[SYN_SPARSE] -= rows[b + Activity.SYN_EVENTS.ordinal()];
        }
        for (int k = 0; k < K; k++) {
            long x = rows[b + k];
            totals[b + k] += x * ticks;
            tickSums[k] -= x;
            rows[b + k] = 0;
        }
        since[c] = tick;
        return true;
    }

    /** Whether core {@code c} was opened or put in this tick. */
    public boolean isOpen(int c) {
        return openedIn[c] == tick + 1;
    }

    /**
     * Writes core {@code c}'s whole row of this tick at once, {@code row[k]} the count of the
     * activity of ordinal {@code k}: the same as {@link #open} then writing the row into
     * {@link #rows()}, in one pass and without touching the sums, totals or latency trees when the
     * row is the one the core already had (it then keeps counting from the tick it started).
     *
     * @return false when the core was already opened or put this tick (its row is left as it is)
     */
    public boolean put(int c, long[] row) {
        if (openedIn[c] == tick + 1) {
            return false;
        }
        openedIn[c] = tick + 1;
        int b = c * K;
        int k = 0;
        while (k < K && rows[b + k] == row[k]) {
            k++;
        }
        if (k == K) {
            return true;
        }
        long ticks = tick - since[c];
        if (sparse[c]) {
            int syn = Activity.SYN_EVENTS.ordinal();
            tickSums[SYN_SPARSE] += row[syn] - rows[b + syn];
        }
        for (k = 0; k < K; k++) {
            long x = rows[b + k];
            long y = row[k];
            totals[b + k] += x * ticks;
            tickSums[k] += y - x;
            rows[b + k] = y;
        }
        since[c] = tick;
        leaf(c);
        return true;
    }

    /** Rewrites core {@code c}'s leaves from its row; their paths are fixed at the tick's end. */
    private void leaf(int c) {
        if (pricing != null) {
            generation[leaves + c] = pricing.generationNs(rows, c);
            receive[leaves + c] = pricing.receiveNs(rows, c);
            changedLeaves[changedCount++] = c;
        }
    }

    /** Adds hops of this tick: east-west, north-south, and the chip-to-chip link crossings among them. */
    public void addHops(long eastWest, long northSouth, long chipLinkCrossings) {
        hopsEw += eastWest;
        hopsNs += northSouth;
        chipLinks += chipLinkCrossings;
    }

    /** Ends the tick: the opened cores' new rows enter the sums (and the latency trees). */
    public void end() {
        for (int i = 0; i < openedCount; i++) {
            int c = openedList[i];
            int b = c * K;
            for (int k = 0; k < K; k++) {
                tickSums[k] += rows[b + k];
            }
            if (sparse[c]) {
                tickSums[SYN_SPARSE] += rows[b + Activity.SYN_EVENTS.ordinal()];
            }
            leaf(c);
        }
        fixTrees();
        for (int k = 0; k < CLASSES; k++) {
            runSums[k] += tickSums[k];
        }
        runHopsEw += hopsEw;
        runHopsNs += hopsNs;
        runChipLinks += chipLinks;
        tick++;
        inTick = false;
    }

    /**
     * Brings the max trees up to date with the leaves rewritten this tick: the path of each to the
     * root, up to the first node that keeps its value, or, when those paths would visit more nodes
     * than the tree has (most cores changed), every node bottom-up. Either way each node ends up
     * the maximum of its children: the same trees.
     */
    private void fixTrees() {
        int n = changedCount;
        changedCount = 0;
        if (n == 0) {
            return;
        }
        if ((long) n * depth >= leaves) {
            rebuild(generation);
            rebuild(receive);
            return;
        }
        for (int i = 0; i < n; i++) {
            int c = changedLeaves[i];
            fix(generation, c);
            fix(receive, c);
        }
    }

    private void fix(double[] tree, int c) {
        for (int i = (leaves + c) >> 1; i >= 1; i >>= 1) {
            double m = Math.max(tree[2 * i], tree[2 * i + 1]);
            if (tree[i] == m) {
                break;
            }
            tree[i] = m;
        }
    }

    private void rebuild(double[] tree) {
        for (int i = leaves - 1; i >= 1; i--) {
            tree[i] = Math.max(tree[2 * i], tree[2 * i + 1]);
        }
    }

    /** Every core's row of the last tick, {@code cores x Activity.COUNT} (live: write opened rows only). */
    public long[] rows() {
        return rows;
    }

    /** Core {@code c}'s count of {@code a} in the last tick. */
    public long get(int c, Activity a) {
        return rows[a.at(c)];
    }

    /** Ticks ended so far. */
    public long ticks() {
        return tick;
    }

    /** The last tick's count of {@code a} over all cores. */
    public long tickSum(Activity a) {
        return tickSums[a.ordinal()];
    }

    /** The last tick's sums per pricing class ({@link #CLASSES} entries; read only). */
    public long[] tickClassSums() {
        return tickSums;
    }

    /** The run's count of {@code a} over all cores and ticks. */
    public long runSum(Activity a) {
        return runSums[a.ordinal()];
    }

    public long hopsEastWest() { return hopsEw; }
    public long hopsNorthSouth() { return hopsNs; }
    /** Hops of the last tick over chip-to-chip links (part of its hops). */
    public long chipLinkCrossings() { return chipLinks; }
    public long runHopsEastWest() { return runHopsEw; }
    public long runHopsNorthSouth() { return runHopsNs; }
    public long runChipLinkCrossings() { return runChipLinks; }

    /** The busiest core's SANA-FE generation time in the last tick (0 without cores); needs a pricing. */
    public double maxGenerationNs() {
        return cores == 0 ? 0 : generation[1];
    }

    /** The busiest core's SANA-FE receive time in the last tick (0 without cores); needs a pricing. */
    public double maxReceiveNs() {
        return cores == 0 ? 0 : receive[1];
    }

    /** Per-core totals over the ticks ended so far, {@code cores x Activity.COUNT} (a new array). */
    public long[] coreTotals() {
        long[] out = new long[totals.length];
        for (int c = 0; c < cores; c++) {
            int b = c * K;
            long ticks = tick - since[c];
            for (int k = 0; k < K; k++) {
                out[b + k] = totals[b + k] + rows[b + k] * ticks;
            }
        }
        return out;
    }

    /** Sums per pricing class of a flat {@code cores x Activity.COUNT} array (the same classes as the record's). */
    public static long[] classSums(long[] counts, boolean[] sparse) {
        long[] s = new long[CLASSES];
        for (int c = 0; c < sparse.length; c++) {
            int b = c * K;
            for (int k = 0; k < K; k++) {
                s[k] += counts[b + k];
            }
            if (sparse[c]) {
                s[SYN_SPARSE] += counts[b + Activity.SYN_EVENTS.ordinal()];
            }
        }
        return s;
    }
}
