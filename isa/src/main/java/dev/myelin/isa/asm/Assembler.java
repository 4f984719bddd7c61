package dev.myelin.isa.asm;

import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.TextFiles;
import dev.myelin.isa.model.ImageValidator;
import dev.myelin.isa.model.ImageViolation;
import dev.myelin.isa.model.NetworkImage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The text form of a network image. {@link #assemble} reads a listing (docs/isa.md, "Listing
 * syntax"); {@link #disassemble} prints one. For every valid image,
 * {@code assemble(disassemble(image))} equals the image, so its binary is byte-identical.
 * Assembled images are checked by {@link ImageValidator}; its findings are reported at the
 * line holding the field. Errors are {@link MyelinInputException}s reading {@code file:line:col: message}.
 */
public final class Assembler {
    /**
     * Largest listing read: a listing runs about five times the size of its binary, and binaries
     * stop at 1 GiB. Listings are streamed, so this bounds the time spent, not memory.
     */
    public static final long MAX_BYTES = 8L << 30;

    private Assembler() {
    }

    /** The complete, commented listing of {@code image}. */
    public static String disassemble(NetworkImage image) {
        return ListingPrinter.print(image);
    }

    /** Assembles listing text; {@code fileName} names it in messages. */
    public static NetworkImage assemble(String fileName, String text) {
        return assemble(fileName, new StringReader(text));
    }

    /**
     * Assembles a listing file (UTF-8): a regular file ({@link TextFiles#requireRegular}) of at most
     * {@link #MAX_BYTES}, streamed.
     */
    public static NetworkImage assemble(Path file) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader r = new BufferedReader(new java.io.InputStreamReader(TextFiles.openBounded(file, MAX_BYTES,
                "listing"), decoder), 1 << 16)) {
            return assemble(file.toString(), r);
        } catch (CharacterCodingException e) {
            throw new MyelinInputException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new MyelinInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    static NetworkImage assemble(String fileName, Reader in) {
        try {
            ListingParser.Result r = ListingParser.parse(fileName, in);
            try {
                ImageValidator.validate(r.image());
            } catch (ImageViolation v) {
                throw r.sources().locate(fileName, v);
            }
            return r.image();
        } catch (CharacterCodingException e) {
            throw new MyelinInputException(fileName + ": not UTF-8 text");
        } catch (IOException e) {
            throw new MyelinInputException(fileName + ": cannot read: " + e.getMessage());
        }
    }
}
