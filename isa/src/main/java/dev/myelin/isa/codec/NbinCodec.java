package dev.myelin.isa.codec;

import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.format.TrailerDescriptor;
import dev.myelin.isa.io.AtomicFiles;
import dev.myelin.isa.io.TextFiles;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.ImageValidator;
import dev.myelin.isa.model.ImageViolation;
import dev.myelin.isa.model.NetworkImage;


import java.nio.file.Path;

/**
 * Encodes and decodes .nbin network binaries (layout in docs/isa.md). Decoding is parsing
 * plus {@link ImageValidator}: a decoded image is always valid. Every problem with the input
 * is a {@link MyelinInputException} reading {@code "byte offset N, section S, field F: problem"}.
 */
public final class NbinCodec {
    private NbinCodec() {
    }

    /** The image's bytes; the same image always gives the same bytes. Validates first. */
    public static byte[] encode(NetworkImage image) {
        ImageValidator.validate(image);
        return encodeUnchecked(image);
    }

    /** Encodes without validating (tests use it to build binaries that the decoder must reject). */
    static byte[] encodeUnchecked(NetworkImage image) {
        NbinOut out = new NbinOut(false);
        try {
            new NbinWriter(out).write(image);
            return out.toByteArray();
        } finally {
            out.release();
        }
    }

    /** Parses and validates a binary. */
    public static NetworkImage decode(byte[] data) {
        return decode(data, true);
    }

    /** As {@link #decode(byte[])}; {@code verifyCrc = false} lets tests reach the structural checks. */
    static NetworkImage decode(byte[] data, boolean verifyCrc) {
        if (data.length > TrailerDescriptor.MAX_FILE_BYTES) {
            throw new MyelinInputException("byte offset 0, section header, field (file): " + data.length
                    + " bytes exceed the largest network binary, " + TrailerDescriptor.MAX_FILE_BYTES + " bytes");
        }
        NbinReader.Parsed parsed = NbinReader.read(data, verifyCrc);
        try {
            ImageValidator.validate(parsed.image());
        } catch (ImageViolation v) {
            throw locate(parsed, v);
        }
        return parsed.image();
    }

    /**
     * Reads a file: a regular file of at most {@link TrailerDescriptor#MAX_FILE_BYTES}, its size
     * checked before reading and the read bounded ({@link TextFiles#readBytes}).
     */
    public static NetworkImage read(Path file) {
        byte[] data = TextFiles.readBytes(file, TrailerDescriptor.MAX_FILE_BYTES, "network binary");
        try {
            return decode(data);
        } catch (MyelinInputException e) {
            throw new MyelinInputException(file + ": " + e.getMessage());
        }
    }

    /** Writes the image's bytes atomically (temporary file, then rename). */
    public static void write(Path file, NetworkImage image) {
        AtomicFiles.write(file, encode(image));
    }

    /** Restates a validation problem with the field's offset (core fields) or its section's (ports, symbols, units). */
    private static MyelinInputException locate(NbinReader.Parsed parsed, ImageViolation v) {
        long offset;
        String section;
        if (v.core() != null) {
            int i = indexOf(parsed, v);
            offset = new FieldLocator(parsed.image().cores().get(i), parsed.coreOffsets().get(i)).offsetOf(v.field());
            section = "CORE[" + i + "]";
        } else {
            section = v.section();
            offset = switch (section) {
                case "INPT" -> parsed.inputsOffset();
                case "OUTP" -> parsed.outputsOffset();
                case "SYMB" -> parsed.symbolsOffset();
                case "UNIT" -> parsed.unitsOffset();
                default -> 0L;
            };
        }
        return new MyelinInputException("byte offset " + offset + ", section " + section + ", field " + v.field()
                + ": " + v.getMessage());
    }

    private static int indexOf(NbinReader.Parsed parsed, ImageViolation v) {
        for (int i = 0; i < parsed.image().cores().size(); i++) {
            CoreImage c = parsed.image().cores().get(i);
            if (c.id().equals(v.core())) {
                return i;
            }
        }
        throw new IllegalStateException("violation names core " + v.core() + ", which was not read");
    }
}
