package dev.myelin.isa.format;

/**
 * A TrueNorth crossbar: one row per axon used, each {@code ceil(neurons / 8)} bytes;
 * neuron {@code j} connects when bit {@code j % 8} of byte {@code j / 8} is set.
 * <pre>
 * row a:  byte 0                          byte 1
 *         7   6   5   4   3   2   1   0   7 ...             0
 *       +---+---+---+---+---+---+---+---+---+---+---+---+---+
 *       |n7 |n6 |n5 |n4 |n3 |n2 |n1 |n0 |n15| ...       |n8 | ...
 *       +---+---+---+---+---+---+---+---+---+---+---+---+---+
 * </pre>
 * Bits beyond the last neuron in a row's final byte are zero.
 */
public final class CrossbarDescriptor {
    private CrossbarDescriptor() {
    }

    public static long rowBytes(long neurons) {
        return (neurons + 7) / 8;
    }

    /** Bits of the last byte of a row that must be zero (0 when neurons is a multiple of 8). */
    public static int paddingMask(int neurons) {
        int tail = neurons & 7;
        return tail == 0 ? 0 : 0xff & (0xff << tail);
    }
}
