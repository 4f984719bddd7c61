package dev.myelin.chip.trace;

import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.energy.ActivityRecord;
import dev.myelin.chip.energy.Component;
import dev.myelin.chip.energy.CoreInfo;
import dev.myelin.chip.energy.Pricing;
import dev.myelin.chip.timing.ChipClock;

import java.util.Arrays;
import java.util.List;

/**
 * Accumulates what a run did, tick by tick, reading the run's {@link ActivityRecord} (which keeps
 * the counts, per-core totals and hops): the model and chip clocks ({@link ChipClock}), the timing
 * model's and the profile's tick times, and, with a {@link TickSink}, each tick's energy priced as
 * it goes (on the tick's sums per pricing class) for the row handed to it. Keeps per-core counts
 * of every tick while the run is small ({@link #CORE_TICKS_KEPT} core-ticks) and they are asked for
 * (a run writing its stats, which re-pricing reads), so the profile's tick latency can be
 * re-priced; otherwise nothing per core is copied per tick. Per tick, work independent of the
 * core count (but for the kept per-core counts of a short run); no allocation per tick.
 */
public final class RunRecorder {
    /** Core-ticks of per-core counts kept for re-pricing latency. */
    public static final int CORE_TICKS_KEPT = 200_000;
    /** Tick times kept for the latency histogram. */
    public static final int TICK_TIMES_KEPT = 1 << 20;

    private final List<CoreInfo> cores;
    private final Pricing pricing;
    private final ChipClock clock;
    private final double dtMs;
    private final int sampleTicks;
    private final ActivityRecord activity;
    private final double[] tickPj = new double[Component.COUNT];
    private long[] coreTicks = new long[0];
    private boolean coreTicksComplete;
    private double[] tickTimes = new double[1024];
    private long ticks;
    private double chipNs;
    private double lastChipTickNs;
    private double timingNs;
    private double maxTickNs;
    private double profileNs;
    private TickSink sink;

    /**
     * @param clock          the chip's tick pacing: how long each tick lasts on the chip
     * @param dtMs           model time of one tick, ms
     * @param sampleTicks    ticks per inference sample (0: the whole run is one)
     * @param keepCoreTicks  keep the per-core counts of every tick while the run is small (for re-pricing the
     *                       profile latency later); when false {@link #coreTicks} is null
     */
    public RunRecorder(List<CoreInfo> cores, Pricing pricing, ActivityRecord activity, ChipClock clock, double dtMs,
                       int sampleTicks, boolean keepCoreTicks) {
        if (activity.cores() != cores.size()) {
            throw new IllegalArgumentException("an activity record of " + activity.cores() + " cores for "
                    + cores.size() + " cores");
        }
        this.cores = List.copyOf(cores);
        this.activity = activity;
        this.pricing = pricing;
        this.clock = clock;
        this.dtMs = dtMs;
        this.sampleTicks = sampleTicks;
        this.coreTicksComplete = keepCoreTicks;
    }

    public void sink(TickSink s) {
        sink = s;
    }

    /**
     * Records the tick the activity record ended last.
     *
     * @param tickNs the timing model's time for this tick (cycle or simple mode)
     */
    public void tick(long tick, double tickNs) {
        ActivityRecord a = activity;
        if (a.ticks() != ticks + 1) {
            throw new IllegalStateException("the activity record holds " + a.ticks() + " ticks, " + (ticks + 1)
                    + " expected");
        }
        double chipTickNs = clock.tickNs(tickNs);
        if (sink != null) {
            // the tick's energy is the per-tick row's alone: the run's is priced on its totals
            Arrays.fill(tickPj, 0);
            pricing.addDynamic(a, tickPj);
            pricing.addNetwork(a.hopsEastWest(), a.hopsNorthSouth(), a.chipLinkCrossings(), tickPj);
            tickPj[Component.STATIC.ordinal()] = pricing.staticPj(chipTickNs);
        }
        double pNs = pricing.simpleLatencyNs(a);
        keepCoreTicks(a.rows());
        if (ticks < TICK_TIMES_KEPT) {
            if (ticks == tickTimes.length) {
                tickTimes = Arrays.copyOf(tickTimes, tickTimes.length * 2);
            }
            tickTimes[(int) ticks] = tickNs;
        }
        ticks++;
        chipNs += chipTickNs;
        lastChipTickNs = chipTickNs;
        timingNs += tickNs;
        maxTickNs = Math.max(maxTickNs, tickNs);
        profileNs += pNs;
        if (sink != null) {
            sink.row(tick, a.tickSum(Activity.SPIKES), a.tickSum(Activity.UPDATED), a.tickSum(Activity.SYN_EVENTS),
                    a.tickSum(Activity.MESSAGES_OUT), a.hopsEastWest() + a.hopsNorthSouth(), tickPj, tickNs, pNs,
                    chipTickNs, chipNs);
        }
    }

    private void keepCoreTicks(long[] coreCounts) {
        if (!coreTicksComplete) {
            return;
        }
        long need = (ticks + 1) * cores.size();
        if (need > CORE_TICKS_KEPT) {
            coreTicksComplete = false;
            coreTicks = new long[0];
            return;
        }
        int at = (int) (ticks * cores.size() * Activity.COUNT);
        int n = cores.size() * Activity.COUNT;
        if (coreTicks.length < at + n) {
            coreTicks = Arrays.copyOf(coreTicks, Math.max(at + n, coreTicks.length * 2));
        }
        System.arraycopy(coreCounts, 0, coreTicks, at, cores.size() * Activity.COUNT);
    }

    public List<CoreInfo> cores() { return cores; }
    public Pricing pricing() { return pricing; }
    public long ticks() { return ticks; }
    public long hopsEastWest() { return activity.runHopsEastWest(); }
    public long hopsNorthSouth() { return activity.runHopsNorthSouth(); }
    /** Hops over chip-to-chip links (part of the hops). */
    public long chipLinkCrossings() { return activity.runChipLinkCrossings(); }
    /** Messages sent by all cores. */
    public long messages() { return activity.runSum(Activity.MESSAGES_OUT); }
    /** Chip time of the ticks so far, ns ({@link ChipClock}): what static power is paid over. */
    public double chipNs() { return chipNs; }
    /** Chip time of the last tick recorded, ns. */
    public double lastChipTickNs() { return lastChipTickNs; }
    /** Model time of the ticks so far, ns: ticks x dt. */
    public double modelNs() { return ticks * dtMs * 1e6; }
    public double dtMs() { return dtMs; }
    /** Sum of the timing model's tick times. */
    public double timingNs() { return timingNs; }
    public double maxTickNs() { return maxTickNs; }
    /** Sum of the profile's SANA-FE "simple" tick latencies. */
    public double profileLatencyNs() { return profileNs; }
    public int sampleTicks() { return sampleTicks; }

    /** Inference samples in the run: whole samples of {@link #sampleTicks()}, at least 1. */
    public long samples() {
        return sampleTicks <= 0 ? 1 : Math.max(1, ticks / sampleTicks);
    }

    /** Total of one activity over all cores and ticks. */
    public long total(Activity a) {
        return activity.runSum(a);
    }

    /** Copy of per-core totals, {@code cores x Activity.COUNT}. */
    public long[] coreTotals() {
        return activity.coreTotals();
    }

    /**
     * Per-core counts of every tick ({@code ticks x cores x Activity.COUNT}), or null when they were not
     * asked for or the run was too long to keep them.
     */
    public long[] coreTicks() {
        return coreTicksComplete ? Arrays.copyOf(coreTicks, (int) (ticks * cores.size() * Activity.COUNT)) : null;
    }

    /** The counts of the run so far, for pricing, re-pricing and the stats JSON. */
    public RunCounts counts() {
        return new RunCounts(cores, ticks, samples(), activity.coreTotals(), hopsEastWest(), hopsNorthSouth(),
                chipLinkCrossings(), dtMs, chipNs,
                timingNs, coreTicks());
    }

    /** Timing-model tick times kept (the first {@link #TICK_TIMES_KEPT} ticks). */
    public double[] tickTimes() {
        return Arrays.copyOf(tickTimes, (int) Math.min(ticks, TICK_TIMES_KEPT));
    }
}
