package dev.myelin.chip.noc;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An exact histogram of non-negative integer samples (cycles, hops): one counter per value,
 * grown by doubling up to the largest value seen below {@link #DENSE_LIMIT}; rarer larger values
 * (extreme hop latencies) are kept in a sorted map. Percentiles are exact (nearest rank).
 */
public final class ExactHistogram {
    /** Values below this are counted in a flat array (at most 8 MB); larger ones in a sorted map. */
    public static final int DENSE_LIMIT = 1 << 20;

    private long[] counts = new long[64];
    private final TreeMap<Integer, Long> large = new TreeMap<>();
    private long count;
    private long sum;
    private int min = Integer.MAX_VALUE;
    private int max = -1;

    public void record(int value) {
        record(value, 1);
    }

    /** Records {@code value} {@code n} times (the same counts as {@code n} calls of {@link #record(int)}). */
    public void record(int value, long n) {
        if (value < 0) {
            throw new IllegalStateException("histogram value " + value + " is negative");
        }
        if (value >= DENSE_LIMIT) {
            large.merge(value, n, Long::sum);
        } else {
            if (value >= counts.length) {
                counts = Arrays.copyOf(counts, Math.min(DENSE_LIMIT, Math.max(value + 1, counts.length * 2)));
            }
            counts[value] += n;
        }
        count += n;
        sum += value * n;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    public void add(ExactHistogram other) {
        if (other.count == 0) {
            return;
        }
        // only the occupied range [min, max] of the other's dense part can hold counts
        int top = Math.min(other.max, other.counts.length - 1);
        for (int v = other.min; v <= top; v++) {
            if (other.counts[v] != 0) {
                record(v, other.counts[v]);
            }
        }
        for (Map.Entry<Integer, Long> e : other.large.entrySet()) {
            record(e.getKey(), e.getValue());
        }
    }

    public void reset() {
        if (count > 0 && min < counts.length) {
            Arrays.fill(counts, min, Math.min(max, counts.length - 1) + 1, 0L);
        }
        large.clear();
        count = 0;
        sum = 0;
        min = Integer.MAX_VALUE;
        max = -1;
    }

    public long count() {
        return count;
    }

    public long sum() {
        return sum;
    }

    /** Smallest sample, or 0 when empty. */
    public int min() {
        return count == 0 ? 0 : min;
    }

    /** Largest sample, or 0 when empty. */
    public int max() {
        return count == 0 ? 0 : max;
    }

    /** Mean of the samples, or 0 when empty. */
    public double mean() {
        return count == 0 ? 0.0 : (double) sum / count;
    }

    /** Samples equal to {@code value}. */
    public long countOf(int value) {
        if (value >= DENSE_LIMIT) {
            return large.getOrDefault(value, 0L);
        }
        return value >= 0 && value < counts.length ? counts[value] : 0;
    }

    /**
     * The nearest-rank percentile: the smallest value v such that at least
     * {@code ceil(p / 100 * count)} samples are &lt;= v. 0 when empty.
     */
    public int percentile(double p) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
        long seen = 0;
        for (int v = min; v < counts.length && v <= max; v++) {
            seen += counts[v];
            if (seen >= rank) {
                return v;
            }
        }
        for (Map.Entry<Integer, Long> e : large.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        return max;
    }

    /** {@code min=.. mean=.. max=.. p99=..} with the mean to two decimals. */
    public String summary() {
        return String.format(Locale.ROOT, "min=%d mean=%.2f max=%d p99=%d (n=%d)",
                min(), mean(), max(), percentile(99), count);
    }
}
