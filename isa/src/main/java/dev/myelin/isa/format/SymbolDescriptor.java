package dev.myelin.isa.format;

/**
 * The SYMB section: populations and where their neurons live.
 * <pre>
 * payload: count (u32), then count symbols:
 * +---------------------------------------------------------------+
 * | name ({@link NameDescriptor})                                  |
 * +---------------------------------------------------------------+
 * |                     size (u32)                                |  neurons in the population
 * +---------------------------------------------------------------+
 * |                     ranges (u32)                              |
 * +---------------------------------------------------------------+
 * then ranges x 17 bytes:
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-----------------------------------------------+---------------+
 * |                 x (u24)                       |    y ...      |   0
 * +-------------------------------+---------------+---------------+
 * |          ... y (u24)          |   slot (u8)   | neuronStart.. |   4
 * +---------------+---------------+---------------+---------------+
 * |.. start (u16) |                 count (u32) ...               |   8
 * +---------------+-----------------------------------------------+
 * | ... count     |                popStart (u32) ...             |  12
 * +---------------+-----------------------------------------------+
 * | ... popStart  |                                                  16
 * +---------------+
 * </pre>
 */
public final class SymbolDescriptor {
    public static final Field COUNT = new Layout().u32("count");
    private static final Layout H = new Layout();
    public static final Field SIZE_FIELD = H.u32("size");
    public static final Field RANGES = H.u32("ranges");
    /** Starts with a {@link CoreRefDescriptor}. */
    private static final Layout R = new Layout(CoreRefDescriptor.SIZE);
    public static final Field NEURON_START = R.u16("neuronStart");
    public static final Field RANGE_COUNT = R.u32("count");
    public static final Field POP_START = R.u32("popStart");
    public static final int RANGE_SIZE = R.size();

    private SymbolDescriptor() {
    }
}
