package dev.myelin.isa.io;

import dev.myelin.isa.diag.MyelinInputException;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Reads user files (descriptions, listings, binaries, architectures, profiles, CSVs, stats):
 * the one place that refuses what is not a regular file and bounds how much is read, so
 * {@code /dev/zero}, {@code /dev/urandom} or a FIFO named as input end in a one-line error at
 * once instead of exhausting memory or blocking. Text is strict UTF-8, with every failure a
 * one-line {@link MyelinInputException} naming the file and, for bytes that are not UTF-8, the
 * line, column and byte offset (the JDK's own message is "Input length = 1").
 */
public final class TextFiles {
    private TextFiles() {
    }

    /**
     * Reads a text file as strict UTF-8, refusing what is not a regular file and reading at most
     * {@code maxBytes} (see {@link #readBytes}). Its errors are located like a text reader's: a
     * file over the bound at {@code FILE:1:1} (the whole file), a byte that is not UTF-8 at its
     * line and column; a path that is not a regular file names the file alone.
     *
     * @param maxBytes the largest file accepted, checked before reading and while reading
     * @param what     what the file is, without an article, for messages ("architecture file")
     */
    public static String readUtf8(Path file, long maxBytes, String what) {
        return decodeUtf8(file.toString(), read(file, maxBytes, what, ":1:1"));
    }

    /**
     * Refuses, as a one-line {@link MyelinInputException} naming the file, a path that does not
     * name an existing regular file: a missing file, a directory, or a device, FIFO or socket
     * ({@code /dev/zero} never ends, a FIFO blocks its reader until a writer comes). Only the
     * file's attributes are read, so nothing here blocks.
     *
     * @param what what the file should be, without an article ("stats file")
     */
    public static void requireRegular(Path file, String what) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new MyelinInputException(file + ": no such file");
        } catch (IOException e) {
            throw new MyelinInputException(file + ": cannot read: " + e.getMessage());
        }
        if (a.isRegularFile()) {
            return;
        }
        String kind = a.isDirectory() ? "a directory" : kindOfSpecial(file);
        throw new MyelinInputException(file + ": is " + kind + ", not " + article(what) + " " + what);
    }

    /**
     * The bytes of a regular file of at most {@code maxBytes}: {@link #requireRegular} first,
     * then the size checked before reading, then the read itself bounded, so a file that grows
     * while it is read (or a {@code /proc} file that says it is empty) cannot exhaust memory.
     */
    public static byte[] readBytes(Path file, long maxBytes, String what) {
        return read(file, maxBytes, what, "");
    }

    /** {@link #readBytes}, a file over the bound reported at {@code file + at}. */
    private static byte[] read(Path file, long maxBytes, String what, String at) {
        requireRegular(file, what);
        int cap = (int) Math.min(maxBytes, MAX_ARRAY);
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            if (size > cap) {
                throw tooLarge(file + at, maxBytes, what);
            }
            byte[] buf = new byte[(int) Math.max(1, Math.min(cap, Math.max(size, 1 << 12)))];
            int n = 0;
            while (true) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
                if (n == buf.length) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    if (n >= cap) {
                        throw tooLarge(file + at, maxBytes, what);
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(cap, 2L * n));
                    buf[n++] = (byte) b;
                }
            }
            return n == buf.length ? buf : Arrays.copyOf(buf, n);
        } catch (NoSuchFileException e) {
            throw new MyelinInputException(file + ": no such file");
        } catch (IOException e) {
            throw new MyelinInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Opens a regular file ({@link #requireRegular}) for streaming, buffered; reading past
     * {@code maxBytes} throws a {@link MyelinInputException} naming the file.
     */
    public static InputStream openBounded(Path file, long maxBytes, String what) {
        requireRegular(file, what);
        try {
            if (Files.size(file) > maxBytes) {
                throw tooLarge(file, maxBytes, what);
            }
            return new Bounded(new BufferedInputStream(Files.newInputStream(file), 1 << 16), file, maxBytes, what);
        } catch (NoSuchFileException e) {
            throw new MyelinInputException(file + ": no such file");
        } catch (IOException e) {
            throw new MyelinInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * The path a description's text names, or a one-line error naming {@code where} (the text's
     * {@code file:line:col}) when it cannot be a path (a NUL character, say).
     *
     * @param dir the directory relative names resolve against, or null for the working directory
     */
    public static Path resolve(Path dir, String name, String where) {
        try {
            return dir == null ? Path.of(name) : dir.resolve(name);
        } catch (InvalidPathException e) {
            throw new MyelinInputException(where + ": " + badFileName(name, e), e);
        }
    }

    /** "'NAME' is not a usable file name (REASON)", the name printable; {@code why} is the path exception. */
    public static String badFileName(String name, Throwable why) {
        String reason = why instanceof InvalidPathException e ? e.getReason() : "not a valid path";
        return "'" + printable(name) + "' is not a usable file name (" + reason + ")";
    }

    /** {@code s} with control characters as {@code \xNN} and at most 80 characters, for messages. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            b.append(c < ' ' || c == 127 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.length() >= 80 ? b + "..." : b.toString();
    }

    /** Largest byte array this reader allocates (a little below the JVM's array limit). */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private static MyelinInputException tooLarge(Object file, long maxBytes, String what) {
        return new MyelinInputException(file + ": " + what + " is larger than " + maxBytes + " bytes");
    }

    static String article(String what) {
        return "aeiou".indexOf(Character.toLowerCase(what.charAt(0))) >= 0 ? "an" : "a";
    }

    /** "a character device", "a named pipe (FIFO)", ... from the Unix mode bits where the platform has them. */
    private static String kindOfSpecial(Path file) {
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            if (mode instanceof Integer m) {
                switch (m & 0170000) {
                    case 0010000: return "a named pipe (FIFO)";
                    case 0020000: return "a character device";
                    case 0060000: return "a block device";
                    case 0140000: return "a socket";
                    default: break;
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view: say what every platform can
        }
        return "not a regular file (a device, pipe or socket)";
    }

    /** A stream that fails, naming the file, once more than {@code max} bytes have been read. */
    private static final class Bounded extends FilterInputStream {
        private final Path file;
        private final long max;
        private final String what;
        private long read;

        Bounded(InputStream in, Path file, long max, String what) {
            super(in);
            this.file = file;
            this.max = max;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw tooLarge(file, max, what);
            }
        }
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
