package dev.myelin.isa.format;

/**
 * The INPT and OUTP sections: named ports, each a list of (core, axon) for inputs or
 * (core, neuron) for outputs, line i being entry i.
 * <pre>
 * payload: count (u16), then count ports:
 * +---------------------------------------------------------------+
 * | name ({@link NameDescriptor})                                  |
 * +---------------------------------------------------------------+
 * |                       entries (u32)                           |
 * +---------------------------------------------------------------+
 * then entries x 9 bytes:
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-----------------------------------------------+---------------+
 * |                 x (u24)                       |    y ...      |
 * +-------------------------------+---------------+---------------+
 * |          ... y (u24)          |   slot (u8)   |  index ...    |  index: axon (INPT) or neuron (OUTP)
 * +---------------+---------------+---------------+---------------+
 * | ... index u16 |
 * +---------------+
 * </pre>
 */
public final class PortDescriptor {
    public static final Field COUNT = new Layout().u16("count");
    public static final Field ENTRIES = new Layout().u32("entries");
    /** Starts with a {@link CoreRefDescriptor}. */
    private static final Layout E = new Layout(CoreRefDescriptor.SIZE);
    public static final Field INDEX = E.u16("index");
    public static final int ENTRY_SIZE = E.size();

    private PortDescriptor() {
    }
}
