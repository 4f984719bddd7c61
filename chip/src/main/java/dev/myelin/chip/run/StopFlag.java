package dev.myelin.chip.run;

import dev.myelin.isa.io.OutputFile;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C handling. The run loop checks the flag at every tick boundary, then writes what it
 * recorded, marked partial. SIGINT raises the flag through a signal handler (installed again
 * after the progress bar, whose terminal library replaces it with one that kills the JVM). A
 * second Ctrl-C skips the pictures, the slow part, but still publishes the streamed files and
 * the statistics; a third ends the JVM at once, after deleting every temporary file (what was
 * not yet published stays unwritten). Other shutdowns (SIGTERM) raise the flag from a shutdown
 * hook that waits, bounded, until the files are written, and deletes the temporary files if
 * they are not.
 */
public final class StopFlag implements AutoCloseable {
    /** How long the hook waits for outputs to be written. */
    static final long WAIT_SECONDS = 60;

    private final AtomicBoolean raised = new AtomicBoolean();
    private final AtomicInteger presses = new AtomicInteger();
    private volatile boolean hurried;
    private final CountDownLatch written = new CountDownLatch(1);
    private final Thread hook;

    private StopFlag(boolean install) {
        if (install) {
            hook = new Thread(this::onSignal, "myelin-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        } else {
            hook = null;
        }
    }

    /** A flag raised by Ctrl-C (SIGINT, SIGTERM). */
    public static StopFlag onInterrupt() {
        return new StopFlag(true);
    }

    /** A flag only code raises (tests, the demo in a library). */
    public static StopFlag manual() {
        return new StopFlag(false);
    }

    private void onSignal() {
        raised.set(true);
        try {
            if (!written.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                OutputFile.abandonAll();
            }
        } catch (InterruptedException e) {
            OutputFile.abandonAll();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Makes Ctrl-C (SIGINT) raise the flag, a second one also skip the pictures, a third halt the
     * JVM without temporary files. No-op for a manual flag.
     */
    @SuppressWarnings("removal")
    void catchInterrupt(java.io.PrintWriter err) {
        if (hook == null) {
            return;
        }
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> {
                int n = presses.incrementAndGet();
                if (n >= 3) {
                    OutputFile.abandonAll();
                    Runtime.getRuntime().halt(130);
                }
                raised.set(true);
                hurried |= n == 2;
                err.println();
                err.println(n == 1 ? "myelin: stopping at the end of this tick and writing what was recorded "
                        + "(Ctrl-C again to skip the pictures)"
                        : "myelin: writing the recorded files without pictures (Ctrl-C again to quit at once, "
                        + "without the files not yet written)");
                err.flush();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException noSignals) {
            // platform without SIGINT: the shutdown hook still stops the run cleanly
        }
    }

    public void raise() {
        raised.set(true);
    }

    public boolean raised() {
        return raised.get();
    }

    /** Whether a second Ctrl-C asked to finish without the pictures. */
    public boolean hurried() {
        return hurried;
    }

    /** Tells a waiting hook that the outputs are written. */
    void outputsWritten() {
        written.countDown();
    }

    /** Removes the hook after a normal end (not possible once shutdown began; then it is harmless). */
    @Override
    public void close() {
        outputsWritten();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of the signal: the hook has done its job
            }
        }
    }
}
