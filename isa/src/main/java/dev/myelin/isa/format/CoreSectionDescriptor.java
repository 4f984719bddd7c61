package dev.myelin.isa.format;

/**
 * A CORE section: a 30-byte core header, then the core's arrays in this order.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-----------------------------------------------+---------------+
 * |                  x (u24)                      |    y ...      |   0
 * +-------------------------------+---------------+---------------+
 * |        ... y (u24)            |   slot (u8)   | datapath (u8) |   4  see below
 * +-------------------------------+---------------+---------------+
 * |                          axons (u32)                          |   8  axons used (rows)
 * +---------------------------------------------------------------+
 * |                         neurons (u32)                         |  12  neurons used
 * +---------------------------------------------------------------+
 * |                        synapses (u32)                         |  16  set crossbar bits | sparse entries
 * +---------------------------------------------------------------+
 * |                         targets (u32)                         |  20  targets of all neurons
 * +---------------+---------------+-------------------------------+
 * | formats (u8)  | decayMode(u8) |     learningBytes (u32) ...   |  24  Loihi only | Loihi only | reserved
 * +-------------------------------+-------------------------------+
 * |   ... learningBytes           |                                  28
 * +-------------------------------+
 * then:  axonType[axons]            u8 each
 *        format[formats]            {@link SynapseFormatDescriptor}, 3 bytes each
 *        neuron[neurons]            {@link TrueNorthNeuronDescriptor} (25 B) | {@link LoihiNeuronDescriptor} (16 B, 18 B with x)
 *        synapses                   {@link CrossbarDescriptor} rows | {@link SparseRowDescriptor} rows
 *                                   | {@link DenseRowDescriptor} rows (Loihi, bit d)
 *        targetCount[neurons]       u16 each
 *        target[targets]            {@link TargetDescriptor}, 10 bytes each
 *        learning[learningBytes]    reserved for the learning configuration, kept verbatim
 *
 * datapath:  7   6   5   4   3   2   1   0
 *          +---+---+---+---+---------------+
 *          | 0 | d | x | i |      id       |   id 0 truenorth, 1 loihi-cuba;
 *          +---+---+---+---+---------------+   i (truenorth only) negative threshold inclusive
 *                                              x (loihi-cuba only) extended compartment records
 *                                              d (loihi-cuba only) dense synapse encoding
 * </pre>
 * Bit 5 on a Loihi core says its compartment records carry a refractory delay and a join
 * (18 bytes instead of 16); the writer sets it only when some compartment uses either, so a
 * core without them has the same bytes as before.
 * Bit 4 on a TrueNorth core selects the comparison {@code V <= -bound} (the RANC simulator's
 * default) instead of TrueNorth's {@code V < -bound}; a core without it decodes as before.
 * The payload length follows from the header alone ({@link #payloadBytes}), so a reader
 * checks it against the section length before allocating anything.
 */
public final class CoreSectionDescriptor {
    /** Starts with a {@link CoreRefDescriptor}. */
    private static final Layout L = new Layout(CoreRefDescriptor.SIZE);
    public static final Field DATAPATH = L.u8("datapath");
    public static final Field AXONS = L.u32("axons");
    public static final Field NEURONS = L.u32("neurons");
    public static final Field SYNAPSES = L.u32("synapses");
    public static final Field TARGETS = L.u32("targets");
    public static final Field FORMATS = L.u8("formats");
    public static final Field DECAY_MODE = L.u8("decayMode");
    public static final Field LEARNING_BYTES = L.u32("learningBytes");
    public static final int HEADER_SIZE = L.size();

    /** Element of the axon type array. */
    public static final Field AXON_TYPE = new Layout().u8("type");
    /** Element of the per-neuron target count array. */
    public static final Field TARGET_COUNT = new Layout().u16("targetCount");

    public static final int DATAPATH_TRUENORTH = 0;
    public static final int DATAPATH_LOIHI = 1;
    /** Bits 0-3 of the datapath byte: the datapath id. */
    public static final int DATAPATH_ID_MASK = 0x0F;
    /** Bit 4 of the datapath byte, TrueNorth cores only: negative threshold {@code V <= -bound}. */
    public static final int DATAPATH_TN_NEGATIVE_INCLUSIVE = 1 << 4;
    /** Bit 5 of the datapath byte, any datapath: an input core (its neurons fire when their axon is active). */
    public static final int DATAPATH_INPUT = 1 << 5;
    /** Bit 6 of the datapath byte, Loihi cores only: compartment records with refractory delay and join. */
    public static final int DATAPATH_LOIHI_COMPARTMENTS = 1 << 6;
    /** Bit 7 of the datapath byte, Loihi cores only: synapses in the dense encoding ({@link DenseRowDescriptor}). */
    public static final int DATAPATH_LOIHI_DENSE = 1 << 7;

    /** The datapath byte of a core of datapath {@code id} with these option bits. */
    public static int packDatapath(int id, int options) {
        if ((id & ~DATAPATH_ID_MASK) != 0 || (options & DATAPATH_ID_MASK) != 0 || options >>> 8 != 0) {
            throw new IllegalArgumentException("datapath id " + id + ", options 0x" + Integer.toHexString(options));
        }
        return id | options;
    }

    /** Null when the option bits (bits 4-7) of a datapath byte are defined for its datapath id, else the problem. */
    public static String checkDatapathOptions(long datapathByte) {
        long id = datapathByte & DATAPATH_ID_MASK;
        long allowed = DATAPATH_INPUT | (id == DATAPATH_TRUENORTH ? DATAPATH_TN_NEGATIVE_INCLUSIVE
                : id == DATAPATH_LOIHI ? DATAPATH_LOIHI_COMPARTMENTS | DATAPATH_LOIHI_DENSE : 0);
        long unknown = datapathByte & ~DATAPATH_ID_MASK & ~allowed;
        if (unknown == 0) {
            return null;
        }
        return id == DATAPATH_TRUENORTH
                ? String.format("0x%02x: bits 6-7 are reserved and must be 0 (bit 4 is the inclusive negative"
                        + " threshold, bit 5 an input core), got 0x%02x", datapathByte, unknown)
                : String.format("0x%02x: bit 4 must be 0 for datapath loihi-cuba (bit 4, the inclusive negative"
                        + " threshold, is for truenorth cores; bit 5 is an input core, bit 6 marks extended"
                        + " compartments, bit 7 dense synapses), got 0x%02x", datapathByte, unknown);
    }

    private CoreSectionDescriptor() {
    }

    /**
     * Bytes of a core payload with these header counts (exact; computed in long, never overflows);
     * {@code datapathByte} is the whole byte, id and option bits.
     */
    public static long payloadBytes(int datapathByte, long axons, long neurons, long synapses, long targets,
                                    long formats, long learningBytes) {
        int datapath = datapathByte & DATAPATH_ID_MASK;
        long neuronBytes = neurons * (datapath == DATAPATH_TRUENORTH ? TrueNorthNeuronDescriptor.SIZE
                : LoihiNeuronDescriptor.size((datapathByte & DATAPATH_LOIHI_COMPARTMENTS) != 0));
        long synapseBytes = datapath == DATAPATH_TRUENORTH
                ? axons * CrossbarDescriptor.rowBytes(neurons)
                : (datapathByte & DATAPATH_LOIHI_DENSE) != 0 ? DenseRowDescriptor.bytes(axons, neurons)
                : SparseRowDescriptor.bytes(axons, synapses);
        return HEADER_SIZE + axons * AXON_TYPE.bytes() + formats * SynapseFormatDescriptor.SIZE + neuronBytes
                + synapseBytes + neurons * TARGET_COUNT.bytes() + targets * TargetDescriptor.SIZE + learningBytes;
    }
}
