package dev.myelin.isa.format;

/**
 * Loihi synapses in the dense encoding (a core whose datapath byte has
 * {@link CoreSectionDescriptor#DATAPATH_LOIHI_DENSE}): one row per axon used, one weight per
 * compartment of the core, in compartment order; no lengths and no compartment indices.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-------------------------------+-------------------------------+
 * |   weight[0] (i16)             |   weight[1] (i16) ...         |  x neurons per row; 9-bit weight used
 * +-------------------------------+-------------------------------+
 * </pre>
 * The core header's synapse count is axons x neurons: every slot is a synapse, zeros included.
 */
public final class DenseRowDescriptor {
    public static final Field WEIGHT = new Layout().i16("weight");

    private DenseRowDescriptor() {
    }

    public static long bytes(long axons, long neurons) {
        return axons * neurons * WEIGHT.bytes();
    }
}
