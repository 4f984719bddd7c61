package dev.myelin.chip.sim;

import java.util.Arrays;

/**
 * Injected spikes not yet due: a binary min-heap on tick over three parallel primitive
 * arrays (tick, core, axon), grown by doubling. The engine drains the entries of the current
 * tick into the delay buffers at the start of each tick.
 */
final class PendingInputs {
    private long[] tick = new long[64];
    private int[] core = new int[64];
    private int[] axon = new int[64];
    private int size;

    int size() {
        return size;
    }

    void add(long t, int c, int a) {
        if (size == tick.length) {
            tick = Arrays.copyOf(tick, size * 2);
            core = Arrays.copyOf(core, size * 2);
            axon = Arrays.copyOf(axon, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (tick[parent] <= t) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        tick[i] = t;
        core[i] = c;
        axon[i] = a;
    }

    /** True when the earliest entry is due in or before tick {@code t}. */
    boolean hasDue(long t) {
        return size > 0 && tick[0] <= t;
    }

    int headCore() {
        return core[0];
    }

    int headAxon() {
        return axon[0];
    }

    void removeHead() {
        size--;
        if (size == 0) {
            return;
        }
        long t = tick[size];
        int c = core[size];
        int a = axon[size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && tick[child + 1] < tick[child]) {
                child++;
            }
            if (tick[child] >= t) {
                break;
            }
            move(child, i);
            i = child;
        }
        tick[i] = t;
        core[i] = c;
        axon[i] = a;
    }

    private void move(int from, int to) {
        tick[to] = tick[from];
        core[to] = core[from];
        axon[to] = axon[from];
    }
}
