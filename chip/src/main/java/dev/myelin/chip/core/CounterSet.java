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
    private static final boolean[] IS_MAX = new boolean[K];

    static {
        for (Counter c : Counter.all()) {
            IS_MAX[c.ordinal()] = c.aggregate() == Counter.Aggregate.MAX;
        }
    }

    private final int cores;
    private final long[] values;

    public CounterSet(int cores) {
        this.cores = cores;
        this.values = new long[cores * K];
    }

    public int cores() {
        return cores;
    }

    public long get(int core, Counter c) {
        return values[core * K + c.ordinal()];
    }

    /** Adds {@code n} (or raises to {@code n} for MAX counters). */
    public void add(int core, Counter c, long n) {
        int i = core * K + c.ordinal();
        values[i] = c.combine(values[i], n);
    }

    public void set(int core, Counter c, long n) {
        values[core * K + c.ordinal()] = n;
    }

    /** The counter over all cores (sum, or max for MAX counters). */
    public long total(Counter c) {
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
        // one flat pass: this runs once per tick over every core
        long[] o = other.values;
        for (int i = 0; i < values.length; i++) {
            values[i] = IS_MAX[i % K] ? Math.max(values[i], o[i]) : values[i] + o[i];
        }
    }

    public void clear() {
        Arrays.fill(values, 0L);
    }

    public CounterSet copy() {
        CounterSet s = new CounterSet(cores);
        System.arraycopy(values, 0, s.values, 0, values.length);
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CounterSet s && s.cores == cores && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
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
