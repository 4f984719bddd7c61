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

    @Parameters(index = "0", paramLabel = "NET", description = "a .nbin binary, a network description (.yaml) or a "
            + "NIR file (.nir, with --dt)")
    Path network;

    @Option(names = "--ticks", required = true, paramLabel = "N", description = "ticks to run")
    long ticks;

    @Option(names = "--arch", paramLabel = "NAME|FILE", description = "architecture for a description (default: its target)")
    String arch;

    @Option(names = "--dt", paramLabel = "TIME", description = "time step of a NIR file (e.g. 1ms); required for .nir, "
            + "refused for other networks")
    String dt;

    @Option(names = "--input", paramLabel = "PORT=FILE.csv", description = "spikes for an input port: CSV rows tick,index")
    Map<String, Path> inputs = new LinkedHashMap<>();

    @Option(names = "--input-delivery", paramLabel = "axons|on-chip", description = "for a description: how every"
            + " spiking input reaches the chip, replacing its 'mapping: inputs' (axons: injected into the target"
            + " axons, the default; on-chip: input neurons send messages through the mesh)")
    String inputDelivery;

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
            + " synapses become devices of this preset (`myelin device-curves` lists them), driven by the rules through pulses")
    String device;

    @Option(names = "--adc-bits", paramLabel = "N", description = "memristive synapses read as column currents: every"
            + " learning core with a device integrates its rows' currents through an N-bit ADC (1..16)")
    Integer adcBits;

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    @Option(names = "--phases", description = "time each phase of every tick (inputs, cores, routing, delivery, timing,"
            + " tick end, run path) and print the host's microseconds per tick for each")
    boolean phases;

    @Option(names = "--local-partitions", paramLabel = "K",
            description = "run the board as K partitions (whole chips), one JVM each on 127.0.0.1 (docs/distributed.md)")
    Integer localPartitions;

    @Option(names = "--partitions", paramLabel = "HOST:PORT,...",
            description = "run as one member of a partitioned run: the members' addresses in rank order")
    String partitions;

    @Option(names = "--rank", paramLabel = "I", description = "this member's rank in --partitions (default: from "
            + "OMPI_COMM_WORLD_RANK, PMI_RANK or SLURM_PROCID)")
    Integer rank;

    @Option(names = "--window", defaultValue = "0", paramLabel = "D", description = "partitioned: ticks per exchange, "
            + "1 .. the smallest delay between partitions (default 0: that delay)")
    int window;

    @Option(names = "--counters", paramLabel = "FILE", description = "partitioned: counter totals per core and board, CSV")
    Path counters;

    @Option(names = "--digests", paramLabel = "FILE", description = "partitioned: a digest of the neuron state per tick, CSV")
    Path digests;

    @Option(names = "--hang-timeout", defaultValue = "10", paramLabel = "S",
            description = "partitioned: a member silent for S seconds counts as gone (default ${DEFAULT-VALUE})")
    double hangTimeout;

    @Option(names = "--start-timeout", defaultValue = "60", paramLabel = "S",
            description = "partitioned: bound on forming the group and the handshake (default ${DEFAULT-VALUE})")
    double startTimeout;

    @Spec
    CommandSpec spec;

    @Override
    public int order() {
        return 40;
    }

    @Override
    public Integer call() {
        if (phases && (localPartitions != null || partitions != null)) {
            throw new dev.myelin.isa.diag.MyelinInputException("--phases times a run on one machine: it does not apply "
                    + "to a partitioned run");
        }
        if (localPartitions != null || partitions != null) {
            return Partitioned.run(this);
        }
        if (counters != null || digests != null || rank != null || window != 0) {
            throw new dev.myelin.isa.diag.MyelinInputException("--counters, --digests, --rank and --window belong to a "
                    + "partitioned run: give --local-partitions K or --partitions");
        }
        RunOptions o = new RunOptions(network, arch, ticks, inputs, seed, threads, timing, spikes, probes, probeFile,
                vcd, stats, perTick, profile, plots, plotTicks == null ? null : TickWindow.parse(plotTicks),
                sampleTicks, quiet, dumpWeights, saveBinary, device, adcBits, phases);
        try (StopFlag stop = StopFlag.onInterrupt()) {
            RunSession.check(o);
            RunResult r = RunSession.run(o, NetworkLoader.load(o.network(), o.arch(), inputDelivery, dt), stop,
                    spec.commandLine().getErr());
            Summary.print(r, spec.commandLine().getOut());
            return r.partial() ? EXIT_STOPPED : 0;
        }
    }
}
