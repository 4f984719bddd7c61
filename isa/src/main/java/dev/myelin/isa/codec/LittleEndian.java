package dev.myelin.isa.codec;

import java.nio.ByteOrder;

/**
 * The .nbin byte order is little-endian on every platform. Chronicle Bytes reads multi-byte
 * values in the platform's native order, so values pass through these functions, which swap
 * them on a big-endian platform and are the identity elsewhere.
 */
final class LittleEndian {
    private static final boolean NATIVE_LE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private LittleEndian() {
    }

    /** The low 16 bits of {@code v}, as read by a native-order {@code readShort}. */
    static short u16(long v) {
        short s = (short) v;
        return NATIVE_LE ? s : Short.reverseBytes(s);
    }

    static int u32(long v) {
        int i = (int) v;
        return NATIVE_LE ? i : Integer.reverseBytes(i);
    }

    static long u64(long v) {
        return NATIVE_LE ? v : Long.reverseBytes(v);
    }
}
