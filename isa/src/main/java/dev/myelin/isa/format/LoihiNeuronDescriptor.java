package dev.myelin.isa.format;

/**
 * One Loihi CUBA compartment's parameters, 16 bytes, or 18 on a core whose datapath byte has
 * {@link CoreSectionDescriptor#DATAPATH_LOIHI_COMPARTMENTS} set (see docs/reference/loihi.md).
 * The core's decay mode is in the core header.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-------------------------------+-------------------------------+
 * |           du (u16)            |           dv (u16)            |   0  12-bit (0..4096 NxSDK mode)
 * +-----------------------------------------------+---------------+
 * |                   vth (u24)                   | biasMant ...  |   4  17-bit used
 * +---------------+---------------+---------------+---------------+
 * | ... biasMant  | biasExp (u8)  |              u0 (i24) ...     |   8  i16, 13-bit used | 0..7
 * +---------------+---------------+-------------------------------+
 * | ... u0        |                   v0 (i24)                    |  12  24-bit signed each
 * +---------------+---------------+-------------------------------+
 * | refractory u8 |   join (u8)   |                                  16  extended records only:
 * +---------------+---------------+                                      ticks 0..255 | 0 none, 1 add
 * </pre>
 */
public final class LoihiNeuronDescriptor {
    private static final Layout L = new Layout();
    public static final Field DU = L.u16("du");
    public static final Field DV = L.u16("dv");
    public static final Field VTH = L.u24("vth");
    public static final Field BIAS_MANT = L.i16("biasMant");
    public static final Field BIAS_EXP = L.u8("biasExp");
    public static final Field U0 = L.i24("u0");
    public static final Field V0 = L.i24("v0");
    public static final int SIZE = L.size();
    public static final Field REFRACTORY = L.u8("refractory");
    public static final Field JOIN = L.u8("join");
    /** Record size on a core with the compartment extension. */
    public static final int SIZE_EXTENDED = L.size();

    /** Record size on a core with ({@code extended}) or without the compartment extension. */
    public static int size(boolean extended) {
        return extended ? SIZE_EXTENDED : SIZE;
    }

    private LoihiNeuronDescriptor() {
    }
}
