package dev.myelin.isa.format;

/**
 * The NETW section (format 1.1): facts about the network as a whole that no core holds.
 * <pre>
 * payload, 8 bytes:
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 dtMs (IEEE-754 binary64, u64 bits) ...        |  model time of one tick, ms
 * +---------------------------------------------------------------+
 * |                 ... dtMs                                      |
 * +---------------------------------------------------------------+
 * </pre>
 * A 1.0 binary has no NETW section; it is read with dt = 1 ms.
 */
public final class NetworkDescriptor {
    private static final Layout L = new Layout();
    public static final Field DT_MS = L.i64("dtMs");
    public static final int SIZE = L.size();

    private NetworkDescriptor() {
    }
}
