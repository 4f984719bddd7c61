package dev.myelin.cli;

import dev.myelin.chip.run.RunOptions;
import dev.myelin.chip.run.RunResult;
import dev.myelin.chip.run.RunSession;
import dev.myelin.chip.run.StopFlag;
import dev.myelin.chip.plot.TickWindow;
import dev.myelin.cli.MyelinCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code myelin run NET --ticks N}: emulate a network and write spikes, traces, statistics and pictures. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a network (.nbin binary or a description) on the emulated chip and report spikes, "
                + "energy and traffic.",
                "Energy figures are modelled: counts x a named, cited profile (docs/energy.md).",
                "Ctrl-C stops at a tick boundary and writes what was recorded, marked partial."})
public final class RunCommand implements Callable<Integer>, MyelinCommand {
    /** Exit code of a run stopped by Ctrl-C (128 + SIGINT), after its outputs were written. */
    static final int EXIT_STOPPED = 130;

    @Parameters(index = "0", paramLabel = "NET", description = "a .nbin binary or a network description (.yaml)")
    Path network;

    @Option(names = "--ticks", required = true, paramLabel = "N", description = "ticks to run")
    long ticks;

    @Option(names = "--arch", paramLabel = "NAME|FILE", description = "architecture for a description (default: its target)")
    String arch;

    @Option(names = "--input", paramLabel = "PORT=FILE.csv", description = "spikes for an input port: CSV rows tick,index")
    Map<String, Path> inputs = new LinkedHashMap<>();

    @Option(names = "--seed", paramLabel = "N", description = "chip seed; replaces the description's generator seeds")
    Long seed;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "worker threads (results never depend on it; default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--timing", defaultValue = "simple", paramLabel = "cycle|simple",
            description = "tick latency model (default ${DEFAULT-VALUE})")
    String timing;

    @Option(names = "--spikes", paramLabel = "FILE", description = "write every spike: CSV tick,population,index")
    Path spikes;

    @Option(names = "--probe", paramLabel = "POP[:i,j,...]", split = ";",
            description = "record v (and u) of a population's neurons every tick (repeatable)")
    List<String> probes = new ArrayList<>();

    @Option(names = "--probe-file", paramLabel = "FILE", description = "where probes (--probe and the description's) go: "
            + "CSV tick,population,index,v[,u] (default probes.csv beside the first of --spikes, --vcd, --stats, "
            + "--per-tick, else in --plots, else in the current directory)")
    Path probeFile;

    @Option(names = "--vcd", paramLabel = "FILE", description = "write a VCD for GTKWave (a scope per core)")
    Path vcd;

    @Option(names = "--stats", paramLabel = "FILE", description = "gem5-style stats.txt, plus FILE's .json twin and .config.ini "
            + "(FILE ending in .json names the JSON, the text going to FILE.txt)")
    Path stats;

    @Option(names = "--per-tick", paramLabel = "FILE", description = "one CSV row per tick: activity, energy by component, latency")
    Path perTick;

    @Option(names = "--energy-profile", paramLabel = "NAME|FILE",
            description = "energy profile (loihi-davies2018, loihi-calibrated, truenorth, or a YAML file); "
                    + "default: the architecture's")
    String profile;

    @Option(names = "--plots", paramLabel = "DIR", description = "write PNG pictures into DIR")
    Path plots;

    @Option(names = "--plot-ticks", paramLabel = "A:B",
            description = "draw ticks A to B (both included) in the raster and membrane-potential pictures")
    String plotTicks;

    @Option(names = "--sample-ticks", defaultValue = "0", paramLabel = "N",
            description = "ticks per inference sample, for energy per inference (0: the run is one sample)")
    int sampleTicks;

    @Option(names = "--dump-weights", paramLabel = "FILE", description = "after the run, write the learning cores' "
            + "weights: CSV pre,pre_index,post,post_index,core,axon,plastic,weight,raw_weight,tag")
    Path dumpWeights;

    @Option(names = "--save-binary", paramLabel = "FILE", description = "after the run, write the network as a .nbin "
            + "with the learned weights (a later run continues from them)")
    Path saveBinary;

    @Option(names = "--device", paramLabel = "PRESET", description = "memristive synapses: every learning core's"
            + " synapses become devices of this preset (ideal, ag-a-si), driven by the rules through pulses")
    String device;

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public int order() {
        return 40;
    }

    @Override
    public Integer call() {
        RunOptions o = new RunOptions(network, arch, ticks, inputs, seed, threads, timing, spikes, probes, probeFile,
                vcd, stats, perTick, profile, plots, plotTicks == null ? null : TickWindow.parse(plotTicks),
                sampleTicks, quiet, dumpWeights, saveBinary, device);
        try (StopFlag stop = StopFlag.onInterrupt()) {
            RunSession.check(o);
            RunResult r = RunSession.run(o, NetworkLoader.load(o.network(), o.arch()), stop, spec.commandLine().getErr());
            Summary.print(r, spec.commandLine().getOut());
            return r.partial() ? EXIT_STOPPED : 0;
        }
    }
}
