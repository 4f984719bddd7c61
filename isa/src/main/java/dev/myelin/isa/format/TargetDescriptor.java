package dev.myelin.isa.format;

/**
 * One target of a neuron, 10 bytes: the destination core relative to the source
 * router, the axon there and the delay in ticks.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-----------------------------------------------+---------------+
 * |                  dx (i24)                     |   dy ...      |  0
 * +-------------------------------+---------------+---------------+
 * |         ... dy (i24)          |   slot (u8)   |  axon ...     |  4
 * +---------------+---------------+---------------+---------------+
 * |  ... axon u16 |  delay (u8)   |                                  8  1..delaySlots-1
 * +---------------+---------------+
 * </pre>
 */
public final class TargetDescriptor {
    private static final Layout L = new Layout();
    public static final Field DX = L.i24("dx");
    public static final Field DY = L.i24("dy");
    public static final Field SLOT = L.u8("slot");
    public static final Field AXON = L.u16("axon");
    public static final Field DELAY = L.u8("delay");
    public static final int SIZE = L.size();

    private TargetDescriptor() {
    }
}
