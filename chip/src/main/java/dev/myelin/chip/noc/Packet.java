package dev.myelin.chip.noc;

/**
 * A packet in flight, packed into one {@code long} so FIFOs are flat primitive arrays.
 *
 * <pre>
 *  63    60 59  56 55                     32 31                              0
 * +--------+------+-------------------------+---------------------------------+
 * |  zero  | slot |   destination router    |           packet id             |
 * +--------+------+-------------------------+---------------------------------+
 *     4        4             24                             32
 * </pre>
 *
 * The destination travels in the word so a router decides its output without touching the
 * packet table; the id indexes {@link PacketTable}, which holds source, tag and timestamps.
 */
public final class Packet {
    static final int ROUTER_BITS = 24;
    static final int SLOT_BITS = 4;

    private Packet() {
    }

    public static long pack(int id, int dstRouter, int dstSlot) {
        if (dstRouter < 0 || dstRouter >= (1 << ROUTER_BITS)) {
            throw new IllegalArgumentException("router=" + dstRouter + " exceeds " + ROUTER_BITS + " bits");
        }
        if (dstSlot < 0 || dstSlot >= (1 << SLOT_BITS)) {
            throw new IllegalArgumentException("slot=" + dstSlot + " exceeds " + SLOT_BITS + " bits");
        }
        return (id & 0xFFFF_FFFFL) | ((long) dstRouter << 32) | ((long) dstSlot << (32 + ROUTER_BITS));
    }

    public static int id(long p) {
        return (int) p;
    }

    public static int router(long p) {
        return (int) (p >>> 32) & ((1 << ROUTER_BITS) - 1);
    }

    public static int slot(long p) {
        return (int) (p >>> (32 + ROUTER_BITS)) & ((1 << SLOT_BITS) - 1);
    }
}
