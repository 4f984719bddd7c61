package dev.myelin.isa.format;

/**
 * The last 4 bytes of a file: CRC-32 (IEEE 802.3 polynomial, as {@link java.util.zip.CRC32})
 * of every byte before it.
 * <pre>
 * +---------------------------------------------------------------+
 * |                          crc32 (u32)                          |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class TrailerDescriptor {
    public static final Field CRC32 = new Layout().u32("crc32");
    public static final int SIZE = 4;

    /** Largest file a reader accepts (1 GiB); checked before reading a file into memory. */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private TrailerDescriptor() {
    }
}
