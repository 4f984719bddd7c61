package dev.myelin.chip.noc;

import java.util.Arrays;

/**
 * An exact histogram of non-negative integer samples (cycles, hops): one counter per value,
 * grown by doubling up to the largest value seen. Percentiles are exact (nearest rank).
 */
public final class ExactHistogram {
    /** Values at or above this are refused (a latency this large means the run is broken). */
    public static final int MAX_VALUE = 1 << 26;

    private long[] counts = new long[64];
    private long count;
    private long sum;
    private int min = Integer.MAX_VALUE;
    private int max = -1;

    public void record(int value) {
        if (value < 0 || value >= MAX_VALUE) {
            throw new IllegalStateException("histogram value " + value + " outside [0, " + MAX_VALUE + ")");
        }
        if (value >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(value + 1, counts.length * 2));
        }
        counts[value]++;
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    public void add(ExactHistogram other) {
        for (int v = 0; v <= other.max; v++) {
            long c = other.counts[v];
            if (c != 0) {
                if (v >= counts.length) {
                    counts = Arrays.copyOf(counts, Math.max(v + 1, counts.length * 2));
                }
                counts[v] += c;
            }
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    public void reset() {
        Arrays.fill(counts, 0L);
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
        for (int v = min; v <= max; v++) {
            seen += counts[v];
            if (seen >= rank) {
                return v;
            }
        }
        return max;
    }

    /** {@code min=.. mean=.. max=.. p99=..} with the mean to two decimals. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "min=%d mean=%.2f max=%d p99=%d (n=%d)",
                min(), mean(), max(), percentile(99), count);
    }
}
