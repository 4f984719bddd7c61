package dev.myelin.chip.core;

import java.util.Arrays;

/**
 * One value of every {@link Counter} for each core, in one flat {@code long} array
 * ({@code values[core * Counter.all().size() + counter.ordinal()]}). Core indices are the
 * chip's (the image's core order). Writers touch only their own core's row, so cores of
 * one tick can count in parallel without sharing.
 */
public final class CounterSet {
    private static final int K = Counter.all().size();
    /** Values per core: a core's row is {@code [core * WIDTH, core * WIDTH + WIDTH)}, a counter's place its ordinal. */
    public static final int WIDTH = K;
    private static final boolean[] IS_MAX = new boolean[K];
    /** The ordinals of the MAX counters. */
    private static final int[] MAX_ORDINALS;

    static {
        int n = 0;
        for (Counter c : Counter.all()) {
            IS_MAX[c.ordinal()] = c.aggregate() == Counter.Aggregate.MAX;
            n += IS_MAX[c.ordinal()] ? 1 : 0;
        }
        MAX_ORDINALS = new int[n];
        n = 0;
        for (Counter c : Counter.all()) {
            if (IS_MAX[c.ordinal()]) {
                MAX_ORDINALS[n++] = c.ordinal();
            }
        }
    }

    private final int cores;
    private final long[] values;
    /** Brings lazily kept counts in before a read (see {@link #settleBeforeReads}); null if none. */
    private Runnable settler;
    private boolean unsettled;

    public CounterSet(int cores) {
        this.cores = cores;
        this.values = new long[cores * K];
    }

    public int cores() {
        return cores;
    }

    /**
     * For an owner that adds some counts lazily (the engine, for cores that sat idle): after
     * {@link #markUnsettled()}, the next read or write through this class's methods first runs
     * {@code settler}, which must bring the values up to date with {@link #addRow}.
     */
    public void settleBeforeReads(Runnable settler) {
        this.settler = settler;
    }

    /** Marks the values as missing lazily kept counts until the settler runs. */
    public void markUnsettled() {
        unsettled = settler != null;
    }

    private void settle() {
        if (unsettled) {
            unsettled = false;
            settler.run();
        }
    }

    public long get(int core, Counter c) {
        settle();
        return values[core * K + c.ordinal()];
    }

    /** Adds {@code n} (or raises to {@code n} for MAX counters). */
    public void add(int core, Counter c, long n) {
        settle();
        int i = core * K + c.ordinal();
        values[i] = c.combine(values[i], n);
    }

    /**
     * The flat values, {@code [core * WIDTH + counter.ordinal()]}, settled, for a hot loop that
     * adds to {@link Counter.Aggregate#SUM SUM} counters in place: what {@link #add} does for them,
     * without its settling check and aggregate test per call (the engine's delivery adds a core's
     * arrivals once per core and tick this way). Live: valid while the set is not marked unsettled.
     */
    public long[] values() {
        settle();
        return values;
    }

    public void set(int core, Counter c, long n) {
        settle();
        values[core * K + c.ordinal()] = n;
    }

    /**
     * Folds {@code times} copies of core {@code core}'s row of {@code other} into this set's row
     * (sums multiplied, maxima taken once when {@code times > 0}). Does not run the settler.
     */
    public void addRow(CounterSet other, int core, long times) {
        if (times <= 0) {
            return;
        }
        int base = core * K;
        long[] o = other.values;
        long[] v = values;
        // every value summed in one branch-free pass (the engine adds a row per involved core and
        // tick), then the few MAX counters put right: a value before is its sum less the addition
        // (exact in two's complement, overflow or not)
        if (times == 1) {
            for (int k = 0; k < K; k++) {
                v[base + k] += o[base + k];
            }
        } else {
            for (int k = 0; k < K; k++) {
                v[base + k] += o[base + k] * times;
            }
        }
        for (int m : MAX_ORDINALS) {
            int i = base + m;
            long x = o[i];
            v[i] = Math.max(v[i] - x * times, x);
        }
    }

    /** Zeroes core {@code core}'s row. Does not run the settler. */
    public void clearRow(int core) {
        Arrays.fill(values, core * K, core * K + K, 0L);
    }

    /** The counter over all cores (sum, or max for MAX counters). */
    public long total(Counter c) {
        settle();
        long t = 0;
        for (int core = 0; core < cores; core++) {
            t = c.combine(t, values[core * K + c.ordinal()]);
        }
        return t;
    }

    /** Folds another set of the same shape into this one, counter by counter. */
    public void accumulate(CounterSet other) {
        if (other.cores != cores) {
            throw new IllegalArgumentException("counter sets of " + cores + " and " + other.cores + " cores");
        }
        settle();
        other.settle();
        long[] o = other.values;
        for (int i = 0; i < values.length; i++) {
            values[i] = IS_MAX[i % K] ? Math.max(values[i], o[i]) : values[i] + o[i];
        }
    }

    public void clear() {
        settle();
        Arrays.fill(values, 0L);
    }

    public CounterSet copy() {
        settle();
        CounterSet s = new CounterSet(cores);
        System.arraycopy(values, 0, s.values, 0, values.length);
        return s;
    }

    @Override
    public boolean equals(Object o) {
        settle();
        if (o instanceof CounterSet s) {
            s.settle();
        }
        return o instanceof CounterSet s && s.cores == cores && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        settle();
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("CounterSet[");
        for (Counter c : Counter.all()) {
            b.append(' ').append(c.key()).append('=').append(total(c));
        }
        return b.append(" ]").toString();
    }
}
