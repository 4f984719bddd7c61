package dev.myelin.chip.learn;

import dev.myelin.chip.neuron.LoihiCubaArray;
import dev.myelin.isa.learn.Delays;

/**
 * A learning core's per-synapse delays and its dendritic accumulators for the ticks ahead
 * (docs/learning.md, "Synaptic delays"): {@code dMax + 1} slots, each one int sum per accumulator
 * cell of the datapath (group x compartment) and a bit per compartment reached. A spike on an axon
 * integrated in tick t adds each synapse's present weight to the slot of tick {@code t + delay};
 * each tick the datapath takes its own slot ({@link LoihiCubaArray#addDelayed}) and the slot is
 * cleared. Flat arrays sized at load: nothing is allocated per spike.
 *
 * <p>The ring has no clock of its own: its head advances once per tick the core is stepped. A
 * core is skipped only when its ring is empty (see {@link #empty}), and an empty ring gives the
 * same result whatever its head, so skipping changes nothing.
 */
final class DelayRing {
    private final LoihiCubaArray inner;
    private final int[] rowStart;
    private final int[] post;
    /** Per synapse its delay 0..max, and its accumulator cell in the datapath. */
    private final int[] delay;
    private final int[] cellOf;
    private final int max;
    private final int slots;
    private final int cells;
    private final int words;
    /** Slot s: sums {@code sums[s * cells + c]}, compartments reached {@code reached[s * words + w]}. */
    private final int[] sums;
    private final long[] reached;
    /** Synaptic events held per slot, and over all slots. */
    private final int[] held;
    private int pending;
    private int head;

    DelayRing(LoihiCubaArray inner, int[] rowStart, int[] post, Delays d) {
        if (d.synapses() != post.length) {
            throw new IllegalArgumentException("learning: delays for " + d.synapses() + " synapses, the core has "
                    + post.length);
        }
        this.inner = inner;
        this.rowStart = rowStart;
        this.post = post;
        this.max = d.max();
        this.slots = max + 1;
        this.cells = inner.accumulatorCells();
        this.words = (inner.neurons() + 63) >>> 6;
        delay = new int[post.length];
        cellOf = new int[post.length];
        for (int a = 0; a + 1 < rowStart.length; a++) {
            for (int k = rowStart[a]; k < rowStart[a + 1]; k++) {
                delay[k] = d.delay(k);
                cellOf[k] = inner.accumulatorCell(a, k);
            }
        }
        sums = new int[slots * cells];
        reached = new long[slots * words];
        held = new int[slots];
    }

    /**
     * Adds every synapse of the active axons ({@code active}, {@code activeWords} words, bits
     * beyond the core's axons clear) into the slot of its delay, the weight read now and summed
     * in 32 bits (wrapping: the datapath reads a sum only modulo 2^(18 + k), docs/learning.md);
     * then hands this tick's slot to the datapath and clears it.
     *
     * @return the synaptic events (synapses read)
     */
    long integrate(long[] active, int activeWords) {
        long events = 0;
        for (int word = 0; word < activeWords; word++) {
            long bits = active[word];
            while (bits != 0) {
                int a = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                for (int k = rowStart[a], end = rowStart[a + 1]; k < end; k++) {
                    int s = head + delay[k];
                    if (s >= slots) {
                        s -= slots;
                    }
                    int j = post[k];
                    sums[s * cells + cellOf[k]] += inner.effectiveWeight(k);
                    reached[s * words + (j >>> 6)] |= 1L << (j & 63);
                    held[s]++;
                }
                events += rowStart[a + 1] - rowStart[a];
            }
        }
        pending += (int) events;
        if (held[head] != 0) {
            inner.addDelayed(sums, head * cells, reached, head * words);
            java.util.Arrays.fill(sums, head * cells, (head + 1) * cells, 0);
            java.util.Arrays.fill(reached, head * words, (head + 1) * words, 0L);
            pending -= held[head];
            held[head] = 0;
        }
        return events;
    }

    /** Moves to the next tick's slot (once per stepped tick, after the update). */
    void advance() {
        if (++head == slots) {
            head = 0;
        }
    }

    /** Whether no input waits in the ring. */
    boolean empty() {
        return pending == 0;
    }

    int max() {
        return max;
    }

    int delay(int k) {
        return delay[k];
    }

    /** Sets synapse k's delay, saturating to [0, max]; input already in the ring keeps its slot. */
    void setDelay(int k, long d) {
        delay[k] = (int) Math.max(0, Math.min(max, d));
    }

    /** The present delays with the bound. */
    Delays snapshot() {
        byte[] d = new byte[delay.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = (byte) delay[k];
        }
        return new Delays(max, d);
    }
}
