package dev.myelin.isa.codec;

import dev.myelin.isa.format.Field;
import dev.myelin.isa.format.SectionDescriptor;
import net.openhft.chronicle.bytes.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Low-level .nbin output on chronicle-bytes: fixed-width little-endian fields written
 * byte by byte (so the order does not depend on the platform), section frames with
 * back-patched lengths, and optionally a label per field for {@link HexDump}.
 */
final class NbinOut {
    /** One labelled run of bytes. */
    record Span(long offset, int length, String label) {
    }

    private final Bytes<?> bytes = Bytes.allocateElasticOnHeap(4096);
    private final List<Span> spans;
    final FieldPath path = new FieldPath();

    NbinOut(boolean labelled) {
        this.spans = labelled ? new ArrayList<>() : null;
        bytes.singleThreadedCheckDisabled(true);
    }

    long position() {
        return bytes.writePosition();
    }

    /** Writes {@code v} into field {@code f}; a value that does not fit is a broken invariant. */
    void put(Field f, long v) {
        if (!f.fits(v)) {
            throw new IllegalStateException(path.render(f.name()) + "=" + v + " does not fit " + f.typeName());
        }
        label(f.bytes(), f.name());
        switch (f.bytes()) {
            case 1 -> bytes.writeUnsignedByte((int) v & 0xff);
            case 2 -> bytes.writeShort(LittleEndian.u16(v));
            case 3 -> {
                bytes.writeShort(LittleEndian.u16(v));
                bytes.writeUnsignedByte((int) (v >>> 16) & 0xff);
            }
            case 4 -> bytes.writeInt(LittleEndian.u32(v));
            case 8 -> bytes.writeLong(LittleEndian.u64(v));
            default -> throw new IllegalStateException("no " + f.bytes() + "-byte fields");
        }
    }

    /** Writes raw bytes (crossbar rows, names, learning blocks) under one label. */
    void putBytes(String leaf, byte[] b) {
        label(b.length, leaf);
        bytes.write(b);
    }

    /** Writes a section frame with a placeholder length; returns the token for {@link #endSection}. */
    long beginSection(int tag, String name, long index) {
        path.clear();
        path.push(name, index);
        put(SectionDescriptor.TAG, tag & 0xffffffffL);
        long lengthAt = position();
        put(SectionDescriptor.LENGTH, 0);
        return lengthAt;
    }

    void endSection(long lengthAt) {
        long length = position() - lengthAt - SectionDescriptor.LENGTH.bytes();
        for (int i = 0; i < 4; i++) {
            bytes.writeByte(lengthAt + i, (byte) (length >>> (8 * i)));
        }
        path.clear();
    }

    /** CRC-32 of everything written so far. */
    long crc32() {
        CRC32 crc = new CRC32();
        crc.update(toByteArray());
        return crc.getValue();
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    List<Span> spans() {
        return spans;
    }

    void release() {
        bytes.releaseLast();
    }

    private void label(int length, String leaf) {
        if (spans != null && length > 0) {
            spans.add(new Span(position(), length, path.render(leaf)));
        }
    }
}
