package dev.myelin.isa.format;

import java.nio.charset.StandardCharsets;

/**
 * The frame of every section: a four-letter tag and the payload length, then the payload.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+---------------+---------------+
 * |    tag[0]     |    tag[1]     |    tag[2]     |    tag[3]     |  tag (u32, ASCII)
 * +---------------+---------------+---------------+---------------+
 * |                      payload length (u32)                     |  bytes after this field
 * +---------------------------------------------------------------+
 * |                    payload (length bytes) ...                 |
 * +---------------------------------------------------------------+
 * </pre>
 * Sections follow the header in this order: ARCH, NETW, one CORE per used core (sorted by
 * core id), INPT, ILIN, OUTP, SYMB, UNIT; then the 4-byte CRC-32 trailer. NETW and ILIN came with
 * format 1.1 (a 1.0 binary has neither), UNIT with 1.2.
 */
public final class SectionDescriptor {
    private static final Layout L = new Layout();
    public static final Field TAG = L.u32("tag");
    public static final Field LENGTH = L.u32("length");
    public static final int SIZE = L.size();

    public static final int ARCH = tag("ARCH");
    public static final int NETW = tag("NETW");
    public static final int CORE = tag("CORE");
    public static final int INPT = tag("INPT");
    public static final int ILIN = tag("ILIN");
    public static final int OUTP = tag("OUTP");
    public static final int SYMB = tag("SYMB");
    public static final int UNIT = tag("UNIT");

    private SectionDescriptor() {
    }

    /** The tag of a four-letter name, as the little-endian u32 of its ASCII bytes. */
    public static int tag(String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        if (b.length != 4) {
            throw new IllegalArgumentException("section tags have 4 letters: " + name);
        }
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    /** The tag as text, printable characters kept and others as {@code \xNN}. */
    public static String name(long tag) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int c = (int) (tag >>> (8 * i)) & 0xff;
            s.append(c > ' ' && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.toString();
    }
}
