package dev.myelin.isa.format;

/**
 * One TrueNorth neuron's parameters, 25 bytes (see docs/reference/truenorth.md).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-------------------------------+-------------------------------+
 * |        weight[0] (i16)        |        weight[1] (i16)        |   0  s^0, s^1 (signed 9-bit used)
 * +-------------------------------+-------------------------------+
 * |        weight[2] (i16)        |        weight[3] (i16)        |   4  s^2, s^3
 * +---------------+---------------+---------------+---------------+
 * | stochSyn (u8) |          leak (i16)           |  flags (u8)   |   8  b^G mask bits 0-3 | lambda | see below
 * +---------------+---------------+---------------+---------------+
 * |                 alpha (u24)                   |   beta ...    |  12  18-bit used
 * +-------------------------------+---------------+---------------+
 * |       ... beta (u24)          |    TM (u8)    |  resetV ...   |  16  TM 0..8 | R, 20-bit used
 * +-------------------------------+---------------+---------------+
 * |     ... resetV (i24)          |              v0 (i24)         |  20  initial V, 20-bit used
 * +-------------------------------+---------------+---------------+
 *                                 |  ... v0       |                  24
 *                                 +---------------+
 * flags:  7   6   5   4   3   2   1   0
 *       +---+---+---+-------+---+---+---+
 *       | 0 | 0 | 0 | gamma | k |eps| c |   c stochastic leak, eps leak reversal,
 *       +---+---+---+-------+---+---+---+   k kappa, gamma reset mode (0..2); bits 5-7 zero
 * </pre>
 */
public final class TrueNorthNeuronDescriptor {
    private static final Layout L = new Layout();
    public static final Field WEIGHT0 = L.i16("weight[0]");
    public static final Field WEIGHT1 = L.i16("weight[1]");
    public static final Field WEIGHT2 = L.i16("weight[2]");
    public static final Field WEIGHT3 = L.i16("weight[3]");
    public static final Field STOCHASTIC_SYNAPSE = L.u8("stochasticSynapse");
    public static final Field LEAK = L.i16("leak");
    public static final Field FLAGS = L.u8("flags");
    public static final Field ALPHA = L.u24("alpha");
    public static final Field BETA = L.u24("beta");
    public static final Field THRESHOLD_MASK_BITS = L.u8("thresholdMaskBits");
    public static final Field RESET_V = L.i24("resetV");
    public static final Field V0 = L.i24("v0");
    public static final int SIZE = L.size();

    public static final Field[] WEIGHTS = {WEIGHT0, WEIGHT1, WEIGHT2, WEIGHT3};

    public static final int FLAG_STOCHASTIC_LEAK = 1;
    public static final int FLAG_LEAK_REVERSAL = 1 << 1;
    public static final int FLAG_KAPPA = 1 << 2;
    public static final int RESET_MODE_SHIFT = 3;
    public static final int RESET_MODE_MASK = 0b11 << RESET_MODE_SHIFT;
    public static final int FLAGS_RESERVED = 0xE0;

    private TrueNorthNeuronDescriptor() {
    }

    /** Packs the one-bit fields (each 0 or 1) and the reset mode (0..3) into the flags byte. */
    public static int packFlags(int stochasticLeak, int leakReversal, int kappa, int resetMode) {
        if ((stochasticLeak | leakReversal | kappa) >>> 1 != 0 || resetMode >>> 2 != 0) {
            throw new IllegalArgumentException("flags out of range: c=" + stochasticLeak + " eps=" + leakReversal
                    + " kappa=" + kappa + " gamma=" + resetMode);
        }
        return stochasticLeak | leakReversal << 1 | kappa << 2 | resetMode << RESET_MODE_SHIFT;
    }

    /** Null when the flags byte has no reserved bit set, else the problem. */
    public static String checkFlags(long flags) {
        return (flags & FLAGS_RESERVED) == 0 ? null
                : String.format("reserved bits 5-7 must be 0, got 0x%02x", flags);
    }
}
