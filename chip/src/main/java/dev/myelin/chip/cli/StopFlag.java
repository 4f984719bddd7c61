package dev.myelin.chip.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C handling: a shutdown hook raises the flag, which the run loop checks at every tick
 * boundary; the hook then waits (bounded) until the loop has written what it recorded, so
 * the files are complete and marked partial before the JVM exits.
 */
final class StopFlag implements AutoCloseable {
    /** How long the hook waits for outputs to be written. */
    static final long WAIT_SECONDS = 60;

    private final AtomicBoolean raised = new AtomicBoolean();
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
    static StopFlag onInterrupt() {
        return new StopFlag(true);
    }

    /** A flag only code raises (tests, the demo in a library). */
    static StopFlag manual() {
        return new StopFlag(false);
    }

    private void onSignal() {
        raised.set(true);
        try {
            written.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void raise() {
        raised.set(true);
    }

    boolean raised() {
        return raised.get();
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
