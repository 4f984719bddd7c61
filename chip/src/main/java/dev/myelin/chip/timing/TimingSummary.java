package dev.myelin.chip.timing;

import java.util.Locale;

/** Running totals of tick timings: total and worst tick time, ticks over the period, stalls, late spikes. */
public final class TimingSummary {
    private final double periodNs;
    private long ticks;
    private double totalNs;
    private double totalSimpleNs;
    private double maxNs;
    private long maxTick = -1;
    private String maxCritical = "idle";
    private long ticksOverPeriod;
    private long stalls;
    private long late;
    private long dropped;

    TimingSummary(double periodNs) {
        this.periodNs = periodNs;
    }

    void add(TickTiming t) {
        ticks++;
        totalNs += t.ns();
        totalSimpleNs += t.simpleNs();
        if (t.ns() > maxNs) {
            maxNs = t.ns();
            maxTick = t.tick();
            maxCritical = t.critical();
        }
        if (!t.fitsPeriod()) {
            ticksOverPeriod++;
        }
        stalls += t.stalls();
        late += t.late();
        dropped += t.dropped();
    }

    public long ticks() { return ticks; }
    /** Sum of tick times in the run's mode, ns. */
    public double totalNs() { return totalNs; }
    /** Sum of the simple-mode estimates, ns (equals {@link #totalNs()} in simple mode). */
    public double totalSimpleNs() { return totalSimpleNs; }
    public double maxNs() { return maxNs; }
    /** The slowest tick, -1 before any. */
    public long maxTick() { return maxTick; }
    public String maxCritical() { return maxCritical; }
    /** Ticks that did not fit the tick period (not real time). */
    public long ticksOverPeriod() { return ticksOverPeriod; }
    public long stalls() { return stalls; }
    public long late() { return late; }
    public long dropped() { return dropped; }
    /** True when every tick fitted the period. */
    public boolean realTime() { return ticksOverPeriod == 0; }

    public double meanNs() {
        return ticks == 0 ? 0 : totalNs / ticks;
    }

    @Override
    public String toString() {
        String period = Double.isInfinite(periodNs) ? "free-running ticks"
                : String.format(Locale.ROOT, "%d over the %.0f ns period", ticksOverPeriod, periodNs);
        return String.format(Locale.ROOT, "%d ticks, mean %.1f ns, max %.1f ns (tick %d, %s), %s, "
                        + "simple-mode total %.1f ns, %d stalls, %d late, %d dropped",
                ticks, meanNs(), maxNs, maxTick, maxCritical, period, totalSimpleNs, stalls, late, dropped);
    }
}
