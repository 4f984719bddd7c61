package dev.myelin.isa.learn;

/**
 * The per-synapse delays of a learning core (docs/learning.md, "Synaptic delays"): each
 * synapse's input reaches its compartment {@code delay} ticks after the spike on its axon
 * arrives, on top of the target's (per-axon) delay. Rules on {@code dd} change them.
 *
 * @param max     the largest delay, 0..{@link #MAX_DELAY}; rules clip the delay to [0, max] and a
 *                core keeps {@code max + 1} slots of dendritic accumulators
 * @param initial per synapse, in the image's sparse order, its delay 0..max
 */
public record Delays(int max, byte[] initial) {
    /** Loihi's synaptic delay is a 6-bit field (Davies 2018); Myelin takes 0..62 as its range. */
    public static final int MAX_DELAY = 62;

    public Delays {
        initial = initial.clone();
    }

    /** Every synapse of {@code synapses} at delay 0, with {@code max} the bound. */
    public static Delays zero(int max, int synapses) {
        return new Delays(max, new byte[synapses]);
    }

    public int delay(int k) {
        return initial[k];
    }

    public int synapses() {
        return initial.length;
    }

    /** Null when the bound and every delay are in range, else the problem (naming the synapse). */
    public String problem() {
        if (max < 0 || max > MAX_DELAY) {
            return "dMax = " + max + " is out of range [0, " + MAX_DELAY + "]";
        }
        for (int k = 0; k < initial.length; k++) {
            if (initial[k] < 0 || initial[k] > max) {
                return "delay of synapse " + k + " = " + initial[k] + " is out of range [0, " + max + " (dMax)]";
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Delays d && max == d.max && java.util.Arrays.equals(initial, d.initial);
    }

    @Override
    public int hashCode() {
        return max * 31 + java.util.Arrays.hashCode(initial);
    }

    @Override
    public String toString() {
        return "Delays[max=" + max + ", synapses=" + initial.length + "]";
    }
}
