package dev.myelin.chip.run;

import dev.myelin.chip.sim.PhaseClock;
import dev.myelin.chip.trace.EnergyReport;
import dev.myelin.chip.trace.RunCounts;
import dev.myelin.isa.arch.TickPacing;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run produced, for the summary: counts, priced energy, traffic and the files written.
 *
 * @param busiestLink   "(x,y) east" style name of the link with most packets, or null
 * @param modelNs       model time: ticks x the network's dt
 * @param chipNs        chip time: the ticks' lengths on the chip (fixed period or free-running latency)
 * @param wallSeconds   host time of the tick loop
 * @param cpuSeconds    processor time the whole process used during the tick loop (every thread: the
 *                      engine's, its workers', the JIT compiler's and the collector's), s; -1 where not measured
 * @param files         output files and directories written
 * @param meshLine      one line on what the mesh model saw (latency with BookSim's label, stalls, late, dropped)
 * @param counts        every activity count of the run, per core (what energy was priced from)
 * @param phases        the tick loop's time by phase when the options asked for it ({@link RunOptions#phases}),
 *                      else null
 */
public record RunResult(String network, long ticksRequested, long ticks, boolean partial, double wallSeconds, double cpuSeconds,
                 double modelNs, double chipNs, TickPacing pacing, List<String> populations, long[] populationSpikes, long otherSpikes,
                 EnergyReport energy, long samples, long messages, long hops, String busiestLink,
                 long busiestLinkPackets, double meanTickNs, double maxTickNs, List<Path> files,
                 String meshLine, RunCounts counts, PhaseClock phases) {
    /** Model time over wall time: above 1 means the emulation runs faster than the network's own time. */
    public double realTimeFactor() {
        return wallSeconds <= 0 ? Double.POSITIVE_INFINITY : modelNs / 1e9 / wallSeconds;
    }

    /** Model time over chip time: above 1 means the chip itself runs the network faster than its own time. */
    public double chipRealTimeFactor() {
        return chipNs <= 0 ? Double.POSITIVE_INFINITY : modelNs / chipNs;
    }
}
