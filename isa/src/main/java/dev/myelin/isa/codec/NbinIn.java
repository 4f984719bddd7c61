package dev.myelin.isa.codec;

import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.format.Field;
import dev.myelin.isa.format.NameDescriptor;
import net.openhft.chronicle.bytes.Bytes;

import java.nio.charset.StandardCharsets;

/**
 * Low-level .nbin input on chronicle-bytes: bounded little-endian field reads inside the
 * current section, with every error naming the byte offset, section and field path.
 * Nothing is read past the current limit, so a lying length cannot make the reader wander.
 */
final class NbinIn {
    private final Bytes<byte[]> bytes;
    private final long size;
    private long pos;
    private long limit;
    private long lastOffset;
    private String section = "header";
    final FieldPath path = new FieldPath();

    NbinIn(byte[] data) {
        this.bytes = Bytes.wrapForRead(data);
        bytes.singleThreadedCheckDisabled(true);
        this.size = data.length;
        this.limit = size;
    }

    long size() { return size; }
    long position() { return pos; }
    long limit() { return limit; }
    long remaining() { return limit - pos; }

    /** Enters a section: names it in errors and bounds reads to {@code end}. */
    void enter(String sectionName, long end) {
        section = sectionName;
        limit = end;
        path.clear();
    }

    void seek(long offset) {
        pos = offset;
    }

    /** Reads field {@code f} (sign-extended when signed). */
    long get(Field f) {
        need(f.bytes(), f.name());
        long v = switch (f.bytes()) {
            case 1 -> bytes.readUnsignedByte(pos);
            case 2 -> LittleEndian.u16(bytes.readShort(pos)) & 0xffffL;
            case 3 -> LittleEndian.u16(bytes.readShort(pos)) & 0xffffL | (long) bytes.readUnsignedByte(pos + 2) << 16;
            case 4 -> LittleEndian.u32(bytes.readInt(pos)) & 0xffffffffL;
            case 8 -> LittleEndian.u64(bytes.readLong(pos));
            default -> throw new IllegalStateException("no " + f.bytes() + "-byte fields");
        };
        if (f.signed() && f.bytes() < 8) {
            int shift = 64 - f.bits();
            v = v << shift >> shift;
        }
        lastOffset = pos;
        pos += f.bytes();
        return v;
    }

    /** Reads an unsigned count or index and checks it is at most {@code max} (named {@code limitName}). */
    int getAtMost(Field f, long max, String limitName) {
        long v = get(f);
        if (v > max) {
            throw fail(f, v + " exceeds " + limitName + "=" + max);
        }
        return (int) v;
    }

    /** Reads a count of elements of {@code elementBytes} each, checked against the bytes left before any allocation. */
    int getCount(Field f, long max, String limitName, long elementBytes) {
        int n = getAtMost(f, max, limitName);
        if (n * elementBytes > remaining()) {
            throw fail(f, n + " entries of " + elementBytes + " bytes need " + n * elementBytes
                    + " bytes, only " + remaining() + " left in the section");
        }
        return n;
    }

    byte[] getBytes(int n, String leaf) {
        need(n, leaf);
        byte[] b = new byte[n];
        bytes.read(pos, b, 0, n);
        lastOffset = pos;
        pos += n;
        return b;
    }

    /**
     * Reads an IEEE-754 binary64 held as u64 bits under {@code leaf}. Negative zero is refused:
     * zero has one encoding, +0.0, so that every image has one binary. NaN and the infinities are
     * left to the range checks that follow, which none of them passes.
     */
    double getReal(Field f, String leaf) {
        long bits = get(f);
        if (bits == NEGATIVE_ZERO_BITS) {
            throw error(lastOffset, leaf, "-0.0 (0x8000000000000000): zero is written +0.0, all bits 0");
        }
        return Double.longBitsToDouble(bits);
    }

    private static final long NEGATIVE_ZERO_BITS = Double.doubleToRawLongBits(-0.0);

    /** Reads a {@link NameDescriptor} name under {@code leaf}. */
    String getName(String leaf) {
        path.push(leaf);
        int n = (int) get(NameDescriptor.LENGTH);
        if (n == 0) {
            throw fail(NameDescriptor.LENGTH, "names have 1..255 characters, got 0");
        }
        byte[] b = getBytes(n, "text");
        for (int i = 0; i < n; i++) {
            String problem = NameDescriptor.checkChar(b[i] & 0xff);
            if (problem != null) {
                throw error(lastOffset + i, "text", problem);
            }
        }
        path.pop();
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** An error about the field just read. */
    MyelinInputException fail(Field f, String problem) {
        return error(lastOffset, f.name(), problem);
    }

    MyelinInputException error(long offset, String leaf, String problem) {
        return new MyelinInputException("byte offset " + offset + ", section " + section + ", field "
                + path.render(leaf) + ": " + problem);
    }

    private void need(long n, String leaf) {
        if (n > limit - pos) {
            String where = limit == size ? "the file" : "section " + section;
            throw error(pos, leaf, "truncated: needs " + n + " bytes, " + (limit - pos) + " left in " + where);
        }
    }

    void release() {
        bytes.releaseLast();
    }
}
