package dev.myelin.isa.io;

import dev.myelin.isa.diag.MyelinInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads user text files (descriptions, architectures, profiles, CSVs) as strict UTF-8, with
 * every failure a one-line {@link MyelinInputException} naming the file and, for bytes that are
 * not UTF-8, the line, column and byte offset (the JDK's own message is "Input length = 1").
 */
public final class TextFiles {
    private TextFiles() {
    }

    /**
     * @param maxBytes the size checked before reading, so a huge file is refused, not loaded
     * @param what     what the file is, for messages ("architecture file")
     */
    public static String readUtf8(Path file, long maxBytes, String what) {
        if (Files.isDirectory(file)) {
            throw new MyelinInputException(file + ": is a directory, not " + what);
        }
        byte[] bytes;
        try {
            if (Files.size(file) > maxBytes) {
                throw new MyelinInputException(file + ": " + what + " is larger than " + maxBytes + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MyelinInputException(file + ": no such file");
        } catch (IOException e) {
            throw new MyelinInputException(file + ": cannot read: " + e.getMessage());
        }
        return decodeUtf8(file.toString(), bytes);
    }

    /** Decodes strict UTF-8; a malformed byte is reported as {@code file:line:col} (columns count bytes). */
    public static String decodeUtf8(String file, byte[] bytes) {
        return decode(file, 1, bytes, bytes.length, true);
    }

    /** Decodes {@code bytes[0, length)}, text that starts on line {@code firstLine} of {@code file}. */
    public static String decodeUtf8(String file, int firstLine, byte[] bytes, int length) {
        return decode(file, firstLine, bytes, length, false);
    }

    private static String decode(String file, int firstLine, byte[] bytes, int length, boolean wholeFile) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            // the decoder leaves the buffer at the first byte of the malformed sequence
            int at = in.position();
            int line = firstLine;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new MyelinInputException(file + ":" + line + ":" + (at - lineStart + 1) + ": not UTF-8 text (byte 0x"
                    + String.format("%02x", bytes[at] & 0xff) + (wholeFile ? " at byte offset " + at : "") + ")");
        }
    }
}
