package dev.myelin.chip.core;

/**
 * A core's axon delay buffer: {@code slots} bit-packed axon sets, slot {@code t % slots}
 * holding the axons active in tick {@code t}. A spike for an axon that is already marked in
 * its slot merges into it (the buffer stores one bit, not a count). The owner reads the slot
 * of the current tick, then {@link #consume}s it, so deliveries up to {@code slots - 1} ticks
 * ahead never collide with the slot being read.
 *
 * <p>Layout: {@code bits[slot][axon >>> 6]}, bit {@code axon & 63}; a pending count per slot
 * lets an idle core be recognised without scanning words.
 */
public final class AxonDelayBuffer {
    private final int axons;
    private final int slots;
    private final int words;
    private final long[][] bits;
    private final int[] pending;
    /** slots - 1 when slots is a power of two (the slot is then the tick's low bits), else -1. */
    private final int slotMask;
    private int occupancy;

    public AxonDelayBuffer(int axons, int slots) {
        if (axons < 0 || slots < 2) {
            throw new IllegalArgumentException("delay buffer of " + axons + " axons x " + slots + " slots");
        }
        this.axons = axons;
        this.slots = slots;
        this.words = (axons + 63) >>> 6;
        this.bits = new long[slots][words];
        this.pending = new int[slots];
        this.slotMask = Integer.bitCount(slots) == 1 ? slots - 1 : -1;
    }

    public int axons() {
        return axons;
    }

    public int slots() {
        return slots;
    }

    /** Words per bit-packed slot. */
    public int words() {
        return words;
    }

    /** Slot of tick {@code t}. */
    public int slotOf(long tick) {
        // the low bits of a two's-complement tick are its floorMod by a power of two, negative
        // ticks included; a long division costs tens of cycles on every mark and read
        return slotMask >= 0 ? (int) tick & slotMask : (int) Math.floorMod(tick, (long) slots);
    }

    /**
     * Marks {@code axon} active in tick {@code tick}'s slot.
     *
     * @return true if the bit was new, false if the spike merged into one already there
     */
    public boolean mark(int axon, long tick) {
        int s = slotOf(tick);
        int w = axon >>> 6;
        long bit = 1L << (axon & 63);
        long old = bits[s][w];
        if ((old & bit) != 0) {
            return false;
        }
        bits[s][w] = old | bit;
        pending[s]++;
        occupancy++;
        return true;
    }

    /** The bit-packed axon set of tick {@code tick} (read-only for callers; valid until consumed). */
    public long[] slot(long tick) {
        return bits[slotOf(tick)];
    }

    /** Axons marked for tick {@code tick}. */
    public int pendingAt(long tick) {
        return pending[slotOf(tick)];
    }

    /** Axon events held over all slots. */
    public int occupancy() {
        return occupancy;
    }

    /** Clears tick {@code tick}'s slot after it was read; returns the axon events it held. */
    public int consume(long tick) {
        int s = slotOf(tick);
        int n = pending[s];
        if (n != 0) {
            java.util.Arrays.fill(bits[s], 0L);
            pending[s] = 0;
            occupancy -= n;
        }
        return n;
    }
}
