package dev.myelin.isa.codec;

import dev.myelin.isa.format.Field;
import dev.myelin.isa.format.SectionDescriptor;
import net.openhft.chronicle.bytes.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Low-level .nbin output on chronicle-bytes: fixed-width little-endian fields, section
 * frames with back-patched lengths, and optionally a label per field for {@link HexDump}.
 * Fields are packed byte by byte, least significant first (so the order does not depend on
 * the platform), into a small staging array that goes to the {@link Bytes} store in blocks:
 * one store call per field would cost more than the packing.
 */
final class NbinOut {
    /** One labelled run of bytes. */
    record Span(long offset, int length, String label) {
    }

    private static final int STAGE_BYTES = 1 << 16;

    private final Bytes<?> bytes = Bytes.allocateElasticOnHeap(4096);
    private final byte[] stage = new byte[STAGE_BYTES];
    private int staged;
    private final List<Span> spans;
    final FieldPath path = new FieldPath();

    NbinOut(boolean labelled) {
        this.spans = labelled ? new ArrayList<>() : null;
        bytes.singleThreadedCheckDisabled(true);
    }

    long position() {
        return bytes.writePosition() + staged;
    }

    /** Writes {@code v} into field {@code f}; a value that does not fit is a broken invariant. */
    void put(Field f, long v) {
        if (!f.fits(v)) {
            throw new IllegalStateException(path.render(f.name()) + "=" + v + " does not fit " + f.typeName());
        }
        label(f.bytes(), f.name());
        if (staged + f.bytes() > STAGE_BYTES) {
            flush();
        }
        for (int i = 0; i < f.bytes(); i++) {
            stage[staged++] = (byte) (v >>> (8 * i));
        }
    }

    /** Writes raw bytes (crossbar rows, names, learning blocks) under one label. */
    void putBytes(String leaf, byte[] b) {
        label(b.length, leaf);
        if (staged + b.length > STAGE_BYTES) {
            flush();
        }
        if (b.length > STAGE_BYTES) {
            bytes.write(b);
        } else {
            System.arraycopy(b, 0, stage, staged, b.length);
            staged += b.length;
        }
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
        flush();
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
        flush();
        return bytes.toByteArray();
    }

    List<Span> spans() {
        return spans;
    }

    void release() {
        bytes.releaseLast();
    }

    private void flush() {
        bytes.write(stage, 0, staged);
        staged = 0;
    }

    private void label(int length, String leaf) {
        if (spans != null && length > 0) {
            spans.add(new Span(position(), length, path.render(leaf)));
        }
    }
}
