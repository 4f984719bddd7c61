package dev.myelin.chip.trace;

import dev.myelin.isa.io.OutputFile;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A text file written while the run goes and published atomically at the end: lines go to a
 * hidden temporary file beside the target, {@link #commit()} renames it over the target, so a
 * reader never sees half a file (the streaming counterpart of
 * {@link dev.myelin.isa.io.AtomicFiles}). {@link #abort()} deletes the temporary file. Standard
 * output, devices and pipes are written through ({@link OutputFile}). A write that fails (a full
 * disk) deletes the temporary file and throws a one-line
 * {@link dev.myelin.isa.diag.MyelinFailureException} naming the file.
 */
public final class AtomicStream implements Appendable, AutoCloseable {
    private final OutputFile file;
    private final Writer out;
    /** Characters not yet handed to {@link #out}: appending copies into it, so a row allocates nothing. */
    private final char[] buf = new char[1 << 14];
    private int n;
    private boolean done;

    public AtomicStream(Path target) {
        this.file = OutputFile.open(target);
        this.out = new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8);
    }

    public Path target() {
        return file.target();
    }

    /** Appends text. */
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
            done = true;
            throw file.failed(e);
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
            out.flush();
        } catch (IOException e) {
            throw file.failed(e);
        }
        file.publish();
    }

    /** Discards what was written. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        file.discard();
    }

    /** Aborts unless already committed. */
    @Override
    public void close() {
        abort();
    }
}
