package dev.myelin.isa.format;

/**
 * A Loihi synapse format (one per axon type), 3 bytes.
 * <pre>
 *  0                   1                   2
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
 * +---------------+---------------+---------------+
 * |numWeightBits u8| weightExp i8 | signMode (u8) |  1..8 | -8..7 | 0 exc, 1 inh, 2 mixed
 * +---------------+---------------+---------------+
 * </pre>
 */
public final class SynapseFormatDescriptor {
    private static final Layout L = new Layout();
    public static final Field NUM_WEIGHT_BITS = L.u8("numWeightBits");
    public static final Field WEIGHT_EXP = L.i8("weightExp");
    public static final Field SIGN_MODE = L.u8("signMode");
    public static final int SIZE = L.size();

    private SynapseFormatDescriptor() {
    }
}
