package dev.myelin.chip.noc;

import java.util.Arrays;

/**
 * Side table of live packets: source and destination core, the caller's tag, creation and
 * injection cycle, and a link forming each core's source queue. Columns are flat int arrays
 * grown by doubling and ids are recycled through a free stack, so a steady stream of packets
 * allocates nothing.
 */
final class PacketTable {
    /** Live packets beyond which the table refuses to grow (about 100 MB of columns). */
    static final int MAX_LIVE = 1 << 22;

    int[] src = new int[0];
    int[] dst = new int[0];
    int[] tag = new int[0];
    int[] created = new int[0];
    int[] injected = new int[0];
    int[] next = new int[0];
    private int[] free = new int[0];
    private int freeTop;
    private int capacity;
    private int live;

    PacketTable(int initialCapacity) {
        grow(Math.max(16, initialCapacity));
    }

    int live() {
        return live;
    }

    /** A fresh id; the caller fills the columns. */
    int alloc() {
        if (freeTop == 0) {
            if (capacity >= MAX_LIVE) {
                throw new IllegalStateException("more than " + MAX_LIVE + " packets live at once");
            }
            grow(Math.min(MAX_LIVE, capacity * 2));
        }
        live++;
        int id = free[--freeTop];
        next[id] = -1;
        return id;
    }

    void release(int id) {
        live--;
        free[freeTop++] = id;
    }

    /** Forgets every packet (ids become free again, lowest first). */
    void clear() {
        freeTop = 0;
        for (int id = capacity - 1; id >= 0; id--) {
            free[freeTop++] = id;
        }
        live = 0;
    }

    private void grow(int newCapacity) {
        src = Arrays.copyOf(src, newCapacity);
        dst = Arrays.copyOf(dst, newCapacity);
        tag = Arrays.copyOf(tag, newCapacity);
        created = Arrays.copyOf(created, newCapacity);
        injected = Arrays.copyOf(injected, newCapacity);
        next = Arrays.copyOf(next, newCapacity);
        free = Arrays.copyOf(free, newCapacity);
        // new ids pushed highest first so the lowest is handed out next
        for (int id = newCapacity - 1; id >= capacity; id--) {
            free[freeTop++] = id;
        }
        capacity = newCapacity;
    }
}
