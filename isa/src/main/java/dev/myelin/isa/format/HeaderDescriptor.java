package dev.myelin.isa.format;

/**
 * The file header, 12 bytes at offset 0. Multi-byte fields are little-endian: the
 * diagram shows bytes in file order.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+---------------+---------------+
 * |   'M' 0x4D    |   'Y' 0x59    |   'L' 0x4C    |   'N' 0x4E    |  magic (u32)
 * +---------------+---------------+---------------+---------------+
 * |          major (u16)          |          minor (u16)          |  format version
 * +-------------------------------+-------------------------------+
 * |                          flags (u32)                          |  reserved, 0
 * +---------------------------------------------------------------+
 * </pre>
 * A reader rejects another major version; it accepts any minor version of its major (a
 * newer minor may add section kinds, which an older reader skips by their length).
 */
public final class HeaderDescriptor {
    private static final Layout L = new Layout();
    public static final Field MAGIC = L.u32("magic");
    public static final Field MAJOR = L.u16("major");
    public static final Field MINOR = L.u16("minor");
    public static final Field FLAGS = L.u32("flags");
    public static final int SIZE = L.size();

    /** "MYLN" read as a little-endian u32. */
    public static final long MAGIC_VALUE = 0x4E4C594DL;
    public static final int VERSION_MAJOR = 1;
    /**
     * The newest minor version this reader reads. 1.1 added the NETW (dt) and ILIN (input line
     * map) sections and {@code timing.tickPacing}; 1.2 the UNIT section (voltage scales).
     */
    public static final int VERSION_MINOR = 2;
    /** The minor version that brought the UNIT section, written for files that have one. */
    public static final int MINOR_WITH_UNITS = 2;
    /** The minor version written for a file without a UNIT section: what a 1.1 reader reads whole. */
    public static final int MINOR_WITHOUT_UNITS = 1;

    private HeaderDescriptor() {
    }
}
