package dev.myelin.chip.sim;

import java.util.function.LongSupplier;

/**
 * Where the host's time goes in each tick, phase by phase: the engine's own profile, for
 * {@code myelin bench --phases} and {@code myelin run --phases} (docs/performance.md, "Phase
 * times"). The engine thread calls {@link #lap} at each phase's end; the time since the
 * previous lap is added to that phase, so the phases of a run add up to its tick loop's wall
 * time, with nothing counted twice and nothing left out.
 *
 * <p>A lap reads the host clock once (about 20-25 ns on Linux), a few times per tick. The clock is
 * only installed when asked for: without it the engine tests one null reference per phase.
 * Figures are wall time on the engine thread: with workers, {@link Phase#CORES} is the time the
 * engine thread spends until the slowest worker is done.
 */
public final class PhaseClock {
    /** The phases of a tick, in the order they run. */
    public enum Phase {
        /** The run's inputs injected, inputs due in the tick drained into delay buffers, the tick's cores listed. */
        INPUTS("inputs"),
        /** The cores' step (integration, update, fired neurons into packets), output-port spikes, probes. */
        CORES("cores"),
        /** The network: packets into messages, the per-core and per-link counts, the mesh model (cycle timing). */
        ROUTING("routing"),
        /** The tick's spikes into their targets' delay buffers, with their counts. */
        DELIVERY("delivery"),
        /** The network after delivery: the tick's timing model and traffic totals. */
        TIMING("timing"),
        /** Delay occupancy, learning, and the bookkeeping of which cores the next tick involves. */
        TICK_END("tick end"),
        /** What a run does after the chip's tick: the activity record, recorder, spike counts, outputs. */
        RUN_PATH("run path");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        /** The phase's name as printed ("tick end"). */
        public String label() {
            return label;
        }

        /** The phase's name as a key ("tick_end"). */
        public String key() {
            return label.replace(' ', '_');
        }
    }

    private static final Phase[] PHASES = Phase.values();

    private final LongSupplier clock;
    private final long[] nanos = new long[PHASES.length];
    private long last;
    private boolean started;
    private long ticks;

    /** A clock reading {@link System#nanoTime}. */
    public PhaseClock() {
        this(System::nanoTime);
    }

    /** A clock reading {@code clock} (nanoseconds, never decreasing). */
    public PhaseClock(LongSupplier clock) {
        this.clock = clock;
    }

    /** Starts timing: the first lap counts from here. */
    public void start() {
        last = clock.getAsLong();
        started = true;
    }

    /**
     * Ends phase {@code p}: the time since the previous lap (or {@link #start}) is added to it.
     *
     * @throws IllegalStateException before {@link #start}
     */
    public void lap(Phase p) {
        if (!started) {
            throw new IllegalStateException("lap(" + p + ") before start()");
        }
        long now = clock.getAsLong();
        nanos[p.ordinal()] += now - last;
        last = now;
    }

    /** Counts one tick finished (the divisor of {@link #microsPerTick}). */
    public void tickDone() {
        ticks++;
    }

    /** Ticks counted. */
    public long ticks() {
        return ticks;
    }

    /** Nanoseconds spent in phase {@code p}. */
    public long nanos(Phase p) {
        return nanos[p.ordinal()];
    }

    /** Nanoseconds of every phase together. */
    public long totalNanos() {
        long sum = 0;
        for (long n : nanos) {
            sum += n;
        }
        return sum;
    }

    /** Mean microseconds per tick in phase {@code p} (0 before a tick is done). */
    public double microsPerTick(Phase p) {
        return ticks == 0 ? 0.0 : nanos(p) / 1e3 / ticks;
    }

    /** Mean microseconds per tick in every phase together. */
    public double totalMicrosPerTick() {
        return ticks == 0 ? 0.0 : totalNanos() / 1e3 / ticks;
    }

    /** "inputs 0.06 us, cores 10.3 us, ..." per tick, every phase, in tick order. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        for (Phase p : PHASES) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(p.label()).append(' ').append(format(microsPerTick(p))).append(" us");
        }
        return b.toString();
    }

    /** Microseconds with three significant figures, at most two decimals: 0.06, 10.3, 4,210. */
    public static String format(double us) {
        if (us >= 1000) {
            return String.format(java.util.Locale.ROOT, "%,.0f", us);
        }
        if (us >= 100) {
            return String.format(java.util.Locale.ROOT, "%.0f", us);
        }
        if (us >= 10) {
            return String.format(java.util.Locale.ROOT, "%.1f", us);
        }
        return String.format(java.util.Locale.ROOT, "%.2f", us);
    }
}
