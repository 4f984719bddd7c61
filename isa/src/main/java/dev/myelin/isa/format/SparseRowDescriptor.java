package dev.myelin.isa.format;

/**
 * Loihi synapses: one row per axon used, a length then its entries.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                        length (u32)                           |  entries in this row
 * +-------------------------------+-------------------------------+
 * |          post (u16)           |         weight (i16)          |  x length; 9-bit weight used
 * +-------------------------------+-------------------------------+
 * </pre>
 * The lengths of all rows add up to the core header's synapse count.
 */
public final class SparseRowDescriptor {
    public static final Field LENGTH = new Layout().u32("length");
    private static final Layout E = new Layout();
    public static final Field POST = E.u16("post");
    public static final Field WEIGHT = E.i16("weight");
    public static final int ENTRY_SIZE = E.size();

    private SparseRowDescriptor() {
    }

    public static long bytes(long axons, long synapses) {
        return axons * LENGTH.bytes() + synapses * ENTRY_SIZE;
    }
}
