package dev.myelin.chip.run;

import dev.myelin.chip.plot.TickWindow;
import dev.myelin.isa.io.OutputFile;

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
 * @param probeCsv    where probe values go, or null for {@link #defaultProbeCsv()} when anything is probed
 * @param plotTicks   the ticks the raster and potential pictures show, or null (their defaults)
 * @param sampleTicks ticks per inference sample (0: the run is one sample)
 * @param dumpWeights where the learning cores' weights go as CSV after the run, or null
 * @param saveBinary  where the image with the learned weights goes after the run, or null
 * @param device      a memristive device preset every learning core's synapses use (docs/learning.md), or null
 * @param adcBits     when not null, every learning core with a device reads it as column currents through an
 *                    ADC of this many bits (docs/learning.md, "Column-current integration")
 * @param phases      time each phase of every tick ({@link dev.myelin.chip.sim.PhaseClock}); the result's
 *                    {@link RunResult#phases()} holds the times
 */
public record RunOptions(Path network, String arch, long ticks, Map<String, Path> inputs, Long seed, int threads,
                  String timing, Path spikes, List<String> probes, Path probeCsv, Path vcd, Path stats, Path perTick,
                  String profile, Path plots, TickWindow plotTicks, int sampleTicks, boolean quiet, Path dumpWeights,
                  Path saveBinary, String device, Integer adcBits, boolean phases) {
    public RunOptions {
        inputs = Map.copyOf(inputs);
        probes = List.copyOf(probes);
    }

    /** Options whose ticks' phases are not timed. */
    public RunOptions(Path network, String arch, long ticks, Map<String, Path> inputs, Long seed, int threads,
                      String timing, Path spikes, List<String> probes, Path probeCsv, Path vcd, Path stats,
                      Path perTick, String profile, Path plots, TickWindow plotTicks, int sampleTicks, boolean quiet,
                      Path dumpWeights, Path saveBinary, String device, Integer adcBits) {
        this(network, arch, ticks, inputs, seed, threads, timing, spikes, probes, probeCsv, vcd, stats, perTick,
                profile, plots, plotTicks, sampleTicks, quiet, dumpWeights, saveBinary, device, adcBits, false);
    }

    /** These options with the ticks' phases timed or not. */
    public RunOptions withPhases(boolean timed) {
        return new RunOptions(network, arch, ticks, inputs, seed, threads, timing, spikes, probes, probeCsv, vcd, stats,
                perTick, profile, plots, plotTicks, sampleTicks, quiet, dumpWeights, saveBinary, device, adcBits, timed);
    }

    /** Options whose devices (if any) are read as each learning section says. */
    public RunOptions(Path network, String arch, long ticks, Map<String, Path> inputs, Long seed, int threads,
                      String timing, Path spikes, List<String> probes, Path probeCsv, Path vcd, Path stats,
                      Path perTick, String profile, Path plots, TickWindow plotTicks, int sampleTicks, boolean quiet,
                      Path dumpWeights, Path saveBinary, String device) {
        this(network, arch, ticks, inputs, seed, threads, timing, spikes, probes, probeCsv, vcd, stats, perTick,
                profile, plots, plotTicks, sampleTicks, quiet, dumpWeights, saveBinary, device, null);
    }

    /** Options with digital synapses. */
    public RunOptions(Path network, String arch, long ticks, Map<String, Path> inputs, Long seed, int threads,
                      String timing, Path spikes, List<String> probes, Path probeCsv, Path vcd, Path stats,
                      Path perTick, String profile, Path plots, TickWindow plotTicks, int sampleTicks, boolean quiet,
                      Path dumpWeights, Path saveBinary) {
        this(network, arch, ticks, inputs, seed, threads, timing, spikes, probes, probeCsv, vcd, stats, perTick,
                profile, plots, plotTicks, sampleTicks, quiet, dumpWeights, saveBinary, null, null);
    }

    /** Options without learned-state outputs. */
    public RunOptions(Path network, String arch, long ticks, Map<String, Path> inputs, Long seed, int threads,
                      String timing, Path spikes, List<String> probes, Path probeCsv, Path vcd, Path stats,
                      Path perTick, String profile, Path plots, TickWindow plotTicks, int sampleTicks, boolean quiet) {
        this(network, arch, ticks, inputs, seed, threads, timing, spikes, probes, probeCsv, vcd, stats, perTick,
                profile, plots, plotTicks, sampleTicks, quiet, null, null, null, null);
    }

    /**
     * Where probe values go without {@code --probe-file}: {@code probes.csv} beside the first file
     * output asked for ({@code --spikes}, {@code --vcd}, {@code --stats}, {@code --per-tick}; not a
     * device or standard output, whose directory is no place for files), else in {@code --plots},
     * else in the current directory.
     */
    public Path defaultProbeCsv() {
        for (Path f : java.util.Arrays.asList(spikes, vcd, stats, perTick)) {
            if (f != null && !OutputFile.writesThrough(f)) {
                return f.resolveSibling("probes.csv");
            }
        }
        return plots != null ? plots.resolve("probes.csv") : Path.of("probes.csv");
    }
}
