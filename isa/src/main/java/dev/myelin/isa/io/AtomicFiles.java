package dev.myelin.isa.io;

import dev.myelin.isa.diag.MyelinInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes output files atomically: into a temporary file beside the target, then renamed
 * over it, so a reader never sees a half-written file (even after Ctrl-C or a crash).
 * Devices, pipes and standard output are written through ({@link OutputFile}).
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

    /**
     * Writes a whole file through {@link OutputFile}: atomically for a file, straight through for
     * standard output, a device or a pipe. A failed write deletes the temporary file and is a
     * one-line {@link dev.myelin.isa.diag.MyelinFailureException} naming the file.
     */
    public static void write(Path target, Writer writer) {
        OutputFile f = OutputFile.open(target);
        try {
            writer.writeTo(f.stream());
        } catch (IOException e) {
            throw f.failed(e);
        } catch (UncheckedIOException e) {
            throw f.failed(e.getCause());
        } catch (RuntimeException | Error e) {
            f.discard();
            throw e;
        }
        f.publish();
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
