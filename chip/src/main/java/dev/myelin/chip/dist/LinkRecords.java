package dev.myelin.chip.dist;

import java.util.Arrays;

/**
 * A growable list of chip-to-chip spike records, two {@code long}s each, ordered by the merge
 * order of the board: (due tick, target core, target axon, source core, source neuron).
 *
 * <ul>
 *   <li>first word: {@code dueTick << 24 | targetCore} (a run has fewer than 2^39 ticks, a board
 *       at most 2^24 cores);</li>
 *   <li>second word: {@code axon << 40 | sourceCore << 16 | sourceNeuron} (axons and neurons below
 *       2^16).</li>
 * </ul>
 * Both words are non-negative, so comparing them as signed numbers, first then second, is the
 * merge order. Grows by doubling; never shrinks (a run reuses its buffers every window).
 */
public final class LinkRecords {
    /** Largest due tick a record can carry. */
    public static final long MAX_TICK = (1L << 39) - 1;

    private long[] words;
    private int size;

    public LinkRecords() {
        this(64);
    }

    public LinkRecords(int capacity) {
        words = new long[2 * Math.max(1, capacity)];
    }

    public static long first(long dueTick, int targetCore) {
        return dueTick << 24 | targetCore;
    }

    public static long second(int axon, int sourceCore, int sourceNeuron) {
        return (long) axon << 40 | (long) sourceCore << 16 | sourceNeuron;
    }

    public static long dueTick(long first) {
        return first >>> 24;
    }

    public static int targetCore(long first) {
        return (int) (first & 0xFFFFFF);
    }

    public static int axon(long second) {
        return (int) (second >>> 40);
    }

    public static int sourceCore(long second) {
        return (int) (second >>> 16 & 0xFFFFFF);
    }

    public static int sourceNeuron(long second) {
        return (int) (second & 0xFFFF);
    }

    public int size() {
        return size;
    }

    public long first(int i) {
        return words[2 * i];
    }

    public long second(int i) {
        return words[2 * i + 1];
    }

    public void add(long first, long second) {
        if (2 * size + 2 > words.length) {
            words = Arrays.copyOf(words, 2 * words.length);
        }
        words[2 * size] = first;
        words[2 * size + 1] = second;
        size++;
    }

    public void clear() {
        size = 0;
    }

    /** The raw words ({@code 2 * size()} used): for the transports' encoders. */
    public long[] words() {
        return words;
    }

    /** Makes room for {@code n} records and sets the size to {@code n}: the transports' decoders fill {@link #words()}. */
    public void resize(int n) {
        if (2 * n > words.length) {
            words = new long[Math.max(2 * n, 2 * words.length)];
        }
        size = n;
    }

    /** Sorts into merge order (a stable merge sort over the pairs, with {@code scratch} as its buffer). */
    public void sort(LinkRecords scratch) {
        if (size < 2) {
            return;
        }
        scratch.resize(size);
        long[] a = words;
        long[] b = scratch.words;
        // bottom-up: runs of width w from a into b, then swap roles
        boolean inA = true;
        for (int w = 1; w < size; w *= 2) {
            long[] src = inA ? a : b;
            long[] dst = inA ? b : a;
            for (int lo = 0; lo < size; lo += 2 * w) {
                int mid = Math.min(lo + w, size);
                int hi = Math.min(lo + 2 * w, size);
                mergeRuns(src, lo, mid, src, mid, hi, dst, lo);
            }
            inA = !inA;
        }
        if (!inA) {
            System.arraycopy(b, 0, a, 0, 2 * size);
        }
        scratch.clear();
    }

    /** Merges the sorted pair ranges {@code x[xi..xe)} and {@code y[yi..ye)} (record indices) into {@code out} at {@code oi}. */
    static void mergeRuns(long[] x, int xi, int xe, long[] y, int yi, int ye, long[] out, int oi) {
        while (xi < xe && yi < ye) {
            if (compare(x, xi, y, yi) <= 0) {
                out[2 * oi] = x[2 * xi];
                out[2 * oi + 1] = x[2 * xi + 1];
                xi++;
            } else {
                out[2 * oi] = y[2 * yi];
                out[2 * oi + 1] = y[2 * yi + 1];
                yi++;
            }
            oi++;
        }
        if (xi < xe) {
            System.arraycopy(x, 2 * xi, out, 2 * oi, 2 * (xe - xi));
        } else if (yi < ye) {
            System.arraycopy(y, 2 * yi, out, 2 * oi, 2 * (ye - yi));
        }
    }

    private static int compare(long[] x, int i, long[] y, int j) {
        int c = Long.compare(x[2 * i], y[2 * j]);
        return c != 0 ? c : Long.compare(x[2 * i + 1], y[2 * j + 1]);
    }

    /**
     * Replaces this list's records from index {@code from} on, merged with the sorted {@code other}
     * (records before {@code from} are dropped): the receiving side's queue after a window.
     * {@code scratch} is the buffer.
     */
    public void dropAndMerge(int from, LinkRecords other, LinkRecords scratch) {
        int keep = size - from;
        scratch.resize(keep + other.size);
        mergeRuns(words, from, size, other.words, 0, other.size, scratch.words, 0);
        long[] t = words;
        words = scratch.words;
        scratch.words = t;
        size = keep + other.size;
        scratch.clear();
    }
}
