package dev.myelin.isa.model;

/**
 * A binary crossbar, bit-packed by row: axon {@code a} connects to neuron {@code j} when bit
 * {@code j % 64} of {@code bits[a * wordsPerRow + j / 64]} is set.
 */
public record Crossbar(int axons, int neurons, long[] bits) implements SynapseMemory {
    public Crossbar {
        if (bits.length != (long) axons * wordsPerRow(neurons)) {
            throw new IllegalArgumentException("crossbar of " + axons + "x" + neurons + " needs "
                    + (long) axons * wordsPerRow(neurons) + " words, got " + bits.length);
        }
        int tail = neurons % 64;
        if (tail != 0) {
            long mask = -1L << tail;
            for (int a = 0; a < axons; a++) {
                if ((bits[a * wordsPerRow(neurons) + wordsPerRow(neurons) - 1] & mask) != 0) {
                    throw new IllegalArgumentException("crossbar row " + a + " has bits beyond neuron " + (neurons - 1));
                }
            }
        }
    }

    public static int wordsPerRow(int neurons) {
        return (neurons + 63) >>> 6;
    }

    public static Crossbar empty(int axons, int neurons) {
        return new Crossbar(axons, neurons, new long[axons * wordsPerRow(neurons)]);
    }

    public int wordsPerRow() {
        return wordsPerRow(neurons);
    }

    public boolean get(int axon, int neuron) {
        return (bits[axon * wordsPerRow() + (neuron >>> 6)] >>> (neuron & 63) & 1L) != 0;
    }

    /** Sets a bit in place (for builders before the record is shared). */
    public void set(int axon, int neuron) {
        bits[axon * wordsPerRow() + (neuron >>> 6)] |= 1L << (neuron & 63);
    }

    @Override
    public long synapseCount() {
        long c = 0;
        for (long w : bits) {
            c += Long.bitCount(w);
        }
        return c;
    }
}
