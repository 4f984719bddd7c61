package dev.myelin.isa.io;

import dev.myelin.isa.diag.MyelinInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes output files atomically: into a temporary file beside the target, then renamed
 * over it, so a reader never sees a half-written file (even after Ctrl-C or a crash).
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a whole file to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Gives a temporary file the permissions of an ordinary new file (rw-r--r--): temporary files
     * are created owner-only, and the rename would otherwise carry that over to the output.
     */
    public static void readableByAll(Path tmp) throws IOException {
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    public static void writeString(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, Writer writer) {
        requireNotDirectory(target);
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            readableByAll(tmp);
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.writeTo(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new MyelinInputException("cannot write " + target + ": " + reason(e));
        } catch (UncheckedIOException e) {
            throw new MyelinInputException("cannot write " + target + ": " + reason(e.getCause()));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after the target
                }
            }
        }
    }

    /** Refuses a directory as an output file before any work (the rename would fail only at the end). */
    public static void requireNotDirectory(Path target) {
        if (Files.isDirectory(target)) {
            throw new MyelinInputException("cannot write " + target + ": is a directory");
        }
    }

    /** Why a write failed, in words: the JDK's file-system exceptions often carry only a path. */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return f.getFile() + ": no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + ": exists and is not a directory";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() == null) {
            return f.getFile() + ": cannot be created (" + e.getClass().getSimpleName() + ")";
        }
        return e.getMessage();
    }
}
