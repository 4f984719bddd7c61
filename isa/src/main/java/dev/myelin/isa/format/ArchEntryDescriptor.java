package dev.myelin.isa.format;

import dev.myelin.isa.arch.ArchParam;

/**
 * The ARCH section: the embedded architecture, one self-describing entry per parameter,
 * so a reader built with more or fewer parameters can name what differs.
 * <pre>
 * payload: count (u16), then count entries:
 *  0                   1                   2
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
 * +---------------+-------------------------------+
 * | keyLength u8  |  key (keyLength ASCII bytes)  |  dotted key, e.g. core.axons
 * +---------------+-------------------------------+
 * |   kind u8     |  value ...                    |  kind 0 INT: i64
 * +---------------+-------------------------------+  kind 1 REAL: IEEE-754 binary64 (u64 bits)
 *                                                    kind 2 TEXT, 3 CHOICE: u8 length + ASCII
 * </pre>
 * Entries are written in {@link ArchParam} declaration order; a reader accepts any order
 * but rejects unknown keys, repeated keys, a wrong kind and missing parameters.
 */
public final class ArchEntryDescriptor {
    public static final Field COUNT = new Layout().u16("count");

    private static final Layout L = new Layout();
    public static final Field KEY_LENGTH = L.u8("keyLength");
    public static final Field KIND = new Layout().u8("kind");
    public static final Field INT_VALUE = new Layout().i64("value");
    public static final Field REAL_BITS = new Layout().i64("value");
    public static final Field TEXT_LENGTH = new Layout().u8("length");
    /** The shortest entry: a 1-letter key, its kind and a 1-letter text value. */
    public static final int MIN_ENTRY_BYTES = 5;

    private ArchEntryDescriptor() {
    }

    /** The kind code written for a parameter kind. */
    public static int kindCode(ArchParam.Kind k) {
        return k.ordinal();
    }

    /** The parameter kind of a code, or null for an unknown code. */
    public static ArchParam.Kind kind(long code) {
        ArchParam.Kind[] kinds = ArchParam.Kind.values();
        return code >= 0 && code < kinds.length ? kinds[(int) code] : null;
    }
}
