package dev.myelin.isa.model;

/**
 * Value ranges fixed by the datapaths (docs/reference/truenorth.md and loihi.md), as
 * inclusive [min, max] pairs. Ranges that depend on the architecture (axons, neurons,
 * delays, weight bits) are read from it by {@link ImageValidator}.
 */
public final class Limits {
    private Limits() {
    }

    // TrueNorth (Cassidy 2013 Table I widths)
    public static final int TN_LEAK_MIN = -256;
    public static final int TN_LEAK_MAX = 255;
    public static final int TN_THRESHOLD_MAX = (1 << 18) - 1;
    public static final int TN_TM_MAX = 8;
    public static final int TN_RESET_MODE_MAX = 2;
    public static final int TN_V_MIN = -(1 << 19);
    public static final int TN_V_MAX = (1 << 19) - 1;
    public static final int TN_STOCHASTIC_MASK_MAX = 15;

    // Loihi CUBA (Lava PyLifModelBitAcc)
    public static final int LOIHI_DECAY_MAX = 4095;
    public static final int LOIHI_DECAY_MAX_NXSDK = 4096;
    public static final int LOIHI_VTH_MAX = (1 << 17) - 1;
    public static final int LOIHI_BIAS_MANT_MIN = -(1 << 12);
    public static final int LOIHI_BIAS_MANT_MAX = (1 << 12) - 1;
    public static final int LOIHI_BIAS_EXP_MAX = 7;
    public static final int LOIHI_STATE_MIN = -(1 << 23);
    public static final int LOIHI_STATE_MAX = (1 << 23) - 1;
    /** Refractory delay in ticks: a u8 counter. */
    public static final int LOIHI_REFRACTORY_MAX = 255;
    public static final int LOIHI_WEIGHT_BITS_MIN = 1;
    public static final int LOIHI_WEIGHT_BITS_MAX = 8;
    public static final int LOIHI_WEIGHT_EXP_MIN = -8;
    public static final int LOIHI_WEIGHT_EXP_MAX = 7;

    /** Synapse formats per core: the binary counts them in a u8 (axon types index them in a u8 too). */
    public static final int FORMATS_MAX = 255;
    /** Input (or output) ports per image: the binary counts them in a u16. */
    public static final int PORTS_MAX = 65535;

    // names of ports and symbols
    public static final int NAME_MAX_CHARS = 255;

    /** Smallest weight for {@code weightBits} bits including sign. */
    public static int weightMin(int weightBits) {
        return -(1 << (weightBits - 1));
    }

    /** Largest weight for {@code weightBits} bits including sign. */
    public static int weightMax(int weightBits) {
        return (1 << (weightBits - 1)) - 1;
    }

    /** True when {@code s} is 1..255 printable ASCII characters without spaces (0x21..0x7E). */
    public static boolean isName(String s) {
        if (s.isEmpty() || s.length() > NAME_MAX_CHARS) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 127) {
                return false;
            }
        }
        return true;
    }
}
