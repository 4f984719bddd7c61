package dev.myelin.chip.timing;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.TickPacing;

/**
 * Chip time: how long each tick lasts on the emulated chip, one of a run's three clocks.
 * <ul>
 * <li><b>model time</b>: ticks x the network's dt (the description's or the binary's), the
 *     time the network itself stands for;</li>
 * <li><b>chip time</b>: with {@link TickPacing#FIXED} pacing (TrueNorth) every tick lasts the
 *     architecture's {@code timing.tickPeriodUs}, whatever its work; with
 *     {@link TickPacing#FREE_RUNNING} pacing (Loihi) a tick lasts as long as its modelled
 *     latency and the next starts at once;</li>
 * <li><b>wall time</b>: the host's time to emulate the run.</li>
 * </ul>
 * Static energy is paid over chip time; the real-time factor compares model time with wall time.
 */
public final class ChipClock {
    private final TickPacing pacing;
    private final double periodNs;

    public ChipClock(Architecture a) {
        this.pacing = a.tickPacing();
        this.periodNs = a.tickPeriodUs() * 1000.0;
    }

    public TickPacing pacing() {
        return pacing;
    }

    /** Chip time of a tick whose modelled latency is {@code latencyNs}. */
    public double tickNs(double latencyNs) {
        return pacing == TickPacing.FIXED ? periodNs : latencyNs;
    }

    /**
     * The time a tick's messages have before they are late: the fixed period, or unbounded when
     * free-running (a tick ends only when its messages have arrived).
     */
    public double deadlineNs() {
        return pacing == TickPacing.FIXED ? periodNs : Double.POSITIVE_INFINITY;
    }
}
