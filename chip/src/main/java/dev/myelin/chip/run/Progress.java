package dev.myelin.chip.run;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Shows a long run's progress: a progress bar with ticks/s and ETA on a terminal, a plain line
 * every few seconds otherwise (logs, CI), nothing when quiet.
 */
abstract class Progress implements AutoCloseable {
    /** Seconds between plain progress lines. */
    static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    abstract void step(long ticksDone);

    @Override
    public abstract void close();

    static Progress create(long total, boolean quiet, PrintWriter err) {
        if (quiet) {
            return new Progress() {
                @Override
                void step(long ticksDone) {
                }

                @Override
                public void close() {
                }
            };
        }
        if (System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"))) {
            return new Bar(total);
        }
        return new Plain(total, err);
    }

    /** The terminal bar (progressbar library). */
    private static final class Bar extends Progress {
        private final ProgressBar bar;

        Bar(long total) {
            bar = new ProgressBarBuilder().setTaskName("myelin run").setInitialMax(total).setUnit(" ticks", 1)
                    .showSpeed().setSpeedUnit(ChronoUnit.SECONDS).setUpdateIntervalMillis(250)
                    // a fixed width: asking the library for the terminal's width makes it open a
                    // JLine terminal, which replaces the SIGINT handler that stops runs cleanly
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true), width()))
                    .build();
        }

        private static int width() {
            try {
                return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100")) - 1);
            } catch (NumberFormatException e) {
                return 99;
            }
        }

        @Override
        void step(long ticksDone) {
            bar.stepTo(ticksDone);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** Periodic lines: {@code myelin run: tick 1200/5000 (24%), 3400 ticks/s, ETA 1s}. */
    private static final class Plain extends Progress {
        private final long total;
        private final PrintWriter err;
        private final long start = System.nanoTime();
        private long next = start + PLAIN_INTERVAL_NANOS;

        Plain(long total, PrintWriter err) {
            this.total = total;
            this.err = err;
        }

        @Override
        void step(long ticksDone) {
            long now = System.nanoTime();
            if (now < next) {
                return;
            }
            next = now + PLAIN_INTERVAL_NANOS;
            double rate = ticksDone / ((now - start) / 1e9);
            Duration eta = Duration.ofSeconds(rate > 0 ? (long) ((total - ticksDone) / rate) : 0);
            err.printf(Locale.ROOT, "myelin run: tick %d/%d (%d%%), %.0f ticks/s, ETA %s%n", ticksDone, total,
                    total == 0 ? 100 : ticksDone * 100 / total, rate,
                    eta.toString().substring(2).toLowerCase(Locale.ROOT));
            err.flush();
        }

        @Override
        public void close() {
        }
    }
}
