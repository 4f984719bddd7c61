package dev.myelin.chip.cli;

import dev.myelin.chip.plot.TickWindow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code myelin run} was asked to do, resolved from the command line (or set by
 * {@code myelin demo}). Null paths mean "not requested".
 *
 * @param inputs      input port name to a {@code tick,index} CSV
 * @param seed        chip and generator seed, or null to keep the description's
 * @param timing      {@code simple} or {@code cycle}
 * @param probes      probe specs {@code POP} or {@code POP:i,j,...}
 * @param plotTicks   the ticks the raster and potential pictures show, or null (their defaults)
 * @param sampleTicks ticks per inference sample (0: the run is one sample)
 */
record RunOptions(Path network, String arch, long ticks, Map<String, Path> inputs, Long seed, int threads,
                  String timing, Path spikes, List<String> probes, Path probeCsv, Path vcd, Path stats, Path perTick,
                  String profile, Path plots, TickWindow plotTicks, int sampleTicks, boolean quiet) {
    RunOptions {
        inputs = Map.copyOf(inputs);
        probes = List.copyOf(probes);
    }
}
