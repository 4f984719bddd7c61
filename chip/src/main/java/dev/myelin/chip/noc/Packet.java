package dev.myelin.chip.noc;

/**
 * A packet in flight, packed into one {@code long} so FIFOs are flat primitive arrays.
 *
 * <pre>
 *  63              48 47              32 31  28 27  24 23                  0
 * +------------------+------------------+------+------+---------------------+
 * |  destination y   |  destination x   | zero | slot |      packet id      |
 * +------------------+------------------+------+------+---------------------+
 *          16                 16            4      4            24
 * </pre>
 *
 * The destination router's coordinates travel in the word so a router decides its output
 * from the word and its own coordinates alone ({@link #output}), without touching the packet
 * table or a coordinate table; the id indexes {@link PacketTable}, which holds source, tag and
 * timestamps ({@link PacketTable#MAX_LIVE} ids fit in 24 bits, mesh sides in 16).
 */
public final class Packet {
    static final int ID_BITS = 24;
    static final int SLOT_BITS = 4;
    static final int COORD_BITS = 16;

    /**
     * The XY output by the signs of the remaining offsets, at {@code (sign(dx) + 1) * 3 + sign(dy) + 1}:
     * west while the destination is to the west, east while to the east, then north or south, and
     * {@link Mesh#DIRECTIONS} (the ejection ports, plus the slot) when there.
     */
    private static final int[] XY_OUTPUT = {
        Mesh.WEST, Mesh.WEST, Mesh.WEST,
        Mesh.NORTH, Mesh.DIRECTIONS, Mesh.SOUTH,
        Mesh.EAST, Mesh.EAST, Mesh.EAST,
    };

    private Packet() {
    }

    public static long pack(int id, int dstX, int dstY, int dstSlot) {
        if (id < 0 || id >= (1 << ID_BITS)) {
            throw new IllegalArgumentException("id=" + id + " exceeds " + ID_BITS + " bits");
        }
        if (dstX < 0 || dstX >= (1 << COORD_BITS) || dstY < 0 || dstY >= (1 << COORD_BITS)) {
            throw new IllegalArgumentException("router (" + dstX + "," + dstY + ") exceeds " + COORD_BITS + " bits");
        }
        if (dstSlot < 0 || dstSlot >= (1 << SLOT_BITS)) {
            throw new IllegalArgumentException("slot=" + dstSlot + " exceeds " + SLOT_BITS + " bits");
        }
        return id | ((long) dstSlot << ID_BITS) | ((long) dstX << 32) | ((long) dstY << (32 + COORD_BITS));
    }

    public static int id(long p) {
        return (int) p & ((1 << ID_BITS) - 1);
    }

    public static int x(long p) {
        return (int) (p >>> 32) & ((1 << COORD_BITS) - 1);
    }

    public static int y(long p) {
        return (int) (p >>> (32 + COORD_BITS));
    }

    public static int slot(long p) {
        return (int) (p >>> ID_BITS) & ((1 << SLOT_BITS) - 1);
    }

    /**
     * The output port XY routing ({@link MeshConfig#xyDirection}) takes for packet {@code p} at
     * the router at {@code (x, y)}: a direction, or {@link Mesh#DIRECTIONS} plus the destination
     * slot (its ejection port) when there. A table lookup by the signs of the offsets, so a
     * router's choice costs no data-dependent branch (each of the four comparisons of the plain
     * rule goes either way at random under uniform traffic).
     */
    static int output(long p, int x, int y) {
        int o = XY_OUTPUT[(Integer.signum(x(p) - x) + 1) * 3 + Integer.signum(y(p) - y) + 1];
        return o + (o >>> 2) * slot(p);
    }
}
