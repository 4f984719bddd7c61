package dev.myelin.chip.cli;

import dev.myelin.chip.trace.EnergyReport;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run produced, for the summary: counts, priced energy, traffic and the files written.
 *
 * @param busiestLink   "(x,y) east" style name of the link with most packets, or null
 * @param modelledNs    modelled chip time (tick period or longer ticks)
 * @param files         output files and directories written
 * @param meshLine      one line on what the mesh model saw (latency with BookSim's label, stalls, late, dropped)
 */
record RunResult(String network, long ticksRequested, long ticks, boolean partial, double wallSeconds,
                 double modelledNs, List<String> populations, long[] populationSpikes, long otherSpikes,
                 EnergyReport energy, long samples, long messages, long hops, String busiestLink,
                 long busiestLinkPackets, double meanTickNs, double maxTickNs, List<Path> files,
                 String meshLine) {
    /** Modelled chip time over wall-clock time: above 1 means faster than the chip in real time. */
    double realTimeFactor() {
        return wallSeconds <= 0 ? Double.POSITIVE_INFINITY : modelledNs / 1e9 / wallSeconds;
    }
}
