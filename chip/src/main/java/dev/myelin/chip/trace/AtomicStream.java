package dev.myelin.chip.trace;

import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.AtomicFiles;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A text file written while the run goes and published atomically at the end: lines go to a
 * hidden temporary file beside the target, {@link #commit()} renames it over the target, so a
 * reader never sees half a file (the streaming counterpart of
 * {@link dev.myelin.isa.io.AtomicFiles}). {@link #abort()} deletes the temporary file.
 */
public final class AtomicStream implements Appendable, AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final Writer out;
    /** Characters not yet handed to {@link #out}: appending copies into it, so a row allocates nothing. */
    private final char[] buf = new char[1 << 14];
    private int n;
    private boolean done;

    public AtomicStream(Path target) {
        AtomicFiles.requireNotDirectory(target);
        this.target = target.toAbsolutePath();
        try {
            Path dir = this.target.getParent();
            Files.createDirectories(dir);
            this.tmp = Files.createTempFile(dir, "." + this.target.getFileName() + ".", ".tmp");
            AtomicFiles.readableByAll(tmp);
            this.out = new OutputStreamWriter(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MyelinInputException("cannot write " + target + ": " + AtomicFiles.reason(e));
        }
    }

    public Path target() {
        return target;
    }

    /** Appends text; I/O failures become {@link UncheckedIOException}. */
    public AtomicStream write(CharSequence s) {
        return append(s, 0, s.length());
    }

    @Override
    public AtomicStream append(CharSequence s) {
        return append(s, 0, s.length());
    }

    @Override
    public AtomicStream append(CharSequence s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (n == buf.length) {
                drain();
            }
            buf[n++] = s.charAt(i);
        }
        return this;
    }

    @Override
    public AtomicStream append(char c) {
        if (n == buf.length) {
            drain();
        }
        buf[n++] = c;
        return this;
    }

    private void drain() {
        try {
            out.write(buf, 0, n);
            n = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target, e);
        }
    }

    /** Publishes a run's file; a partial run's ends with the comment line {@code # partial run: stopped after N ticks}. */
    public void commit(boolean partial, long ticks) {
        if (partial) {
            write("# partial run: stopped after " + ticks + " ticks\n");
        }
        commit();
    }

    /** Flushes and renames the temporary file over the target. */
    public void commit() {
        if (done) {
            return;
        }
        done = true;
        try {
            out.write(buf, 0, n);
            n = 0;
            out.close();
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new MyelinInputException("cannot write " + target + ": " + AtomicFiles.reason(e));
        }
    }

    /** Discards what was written. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // the file is deleted next anyway
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // best effort: the temporary file is hidden and named after the target
        }
    }

    /** Aborts unless already committed. */
    @Override
    public void close() {
        abort();
    }
}
