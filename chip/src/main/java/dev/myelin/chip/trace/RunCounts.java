package dev.myelin.chip.trace;

import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.energy.CoreInfo;

import java.util.List;

/**
 * Everything a run's price depends on, and nothing that depends on the price: what the
 * stats JSON stores so {@code myelin energy} can re-price a finished run.
 *
 * @param coreTotals per-core totals, {@code cores x Activity.COUNT}
 * @param chipLinkCrossings hops over chip-to-chip links (part of the hops, priced on top of them)
 * @param dtMs       model time of one tick, ms (model time = ticks x dtMs)
 * @param chipNs     chip time of the run (what static power is paid over), see {@code ChipClock}
 * @param timingNs   sum of the timing model's tick times
 * @param coreTicks  per-core counts of every tick, or null when not kept
 */
public record RunCounts(List<CoreInfo> cores, long ticks, long samples, long[] coreTotals, long hopsEastWest,
                        long hopsNorthSouth, long chipLinkCrossings, double dtMs, double chipNs, double timingNs, long[] coreTicks) {
    public RunCounts {
        cores = List.copyOf(cores);
        if (coreTotals.length != cores.size() * Activity.COUNT) {
            throw new IllegalArgumentException("core totals for " + coreTotals.length / Activity.COUNT
                    + " cores, " + cores.size() + " cores");
        }
        if (ticks < 0 || samples < 1) {
            throw new IllegalArgumentException("ticks = " + ticks + " and samples = " + samples
                    + " must be >= 0 and >= 1");
        }
        // re-pricing reads tick t's counts at t x coreTotals.length: the length must match exactly
        // (compared by division: ticks x length could overflow round to the array's length)
        if (coreTicks != null && (coreTotals.length == 0 ? coreTicks.length != 0
                : coreTicks.length % coreTotals.length != 0 || coreTicks.length / coreTotals.length != ticks)) {
            throw new IllegalArgumentException("per-tick counts hold " + coreTicks.length + " values; "
                    + ticks + " ticks x " + coreTotals.length + " core totals expected");
        }
    }

    /** Model time of the run, ns. */
    public double modelNs() {
        return ticks * dtMs * 1e6;
    }

    public long total(Activity a) {
        long t = 0;
        for (int c = 0; c < cores.size(); c++) {
            t += coreTotals[a.at(c)];
        }
        return t;
    }
}
