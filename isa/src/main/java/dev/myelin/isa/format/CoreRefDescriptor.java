package dev.myelin.isa.format;

/**
 * A core's global coordinates, as used in core headers, ports and symbols (7 bytes).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-----------------------------------------------+---------------+
 * |                  x (u24)                      |      y ...    |
 * +-------------------------------+---------------+---------------+
 * |        ... y (u24)            |   slot (u8)   |
 * +-------------------------------+---------------+
 * </pre>
 * 24 bits suffice: an architecture has at most 2^24 cores.
 */
public final class CoreRefDescriptor {
    private static final Layout L = new Layout();
    public static final Field X = L.u24("x");
    public static final Field Y = L.u24("y");
    public static final Field SLOT = L.u8("slot");
    public static final int SIZE = L.size();

    private CoreRefDescriptor() {
    }
}
