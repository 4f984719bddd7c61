package dev.myelin.isa.format;

/**
 * A name (port, population, architecture key or text value): a length byte, then that
 * many ASCII bytes.
 * <pre>
 * +---------------+-----------------------------------+
 * |  length (u8)  |  length bytes, 0x21..0x7E each    |
 * +---------------+-----------------------------------+
 * </pre>
 * Names of ports and symbols are 1..255 printable characters without spaces.
 */
public final class NameDescriptor {
    public static final Field LENGTH = new Layout().u8("length");

    private NameDescriptor() {
    }

    /** Null when {@code b} is a printable ASCII character other than space, else the problem. */
    public static String checkChar(int b) {
        return b > 0x20 && b < 0x7f ? null : String.format("byte 0x%02x is not a printable ASCII character", b);
    }
}
