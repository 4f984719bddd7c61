package dev.myelin.cli;

import dev.myelin.chip.run.RunOptions;
import dev.myelin.chip.run.RunResult;
import dev.myelin.chip.run.RunSession;
import dev.myelin.chip.run.StopFlag;
import dev.myelin.cli.MyelinCommand;
import dev.myelin.isa.spi.CompiledNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code myelin demo}: compile the bundled sample, run it, and print a short summary. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Compile and run the bundled demo network, then print spikes, energy, traffic and speed.",
                "Writes spikes, probes, a VCD, stats and PNG pictures into the output directory."})
public final class DemoCommand implements Callable<Integer>, MyelinCommand {
    /** The sample, relative to the repository. */
    static final String SAMPLE = BundledSample.repoPath("demo", "net.yaml");

    @Option(names = "--ticks", defaultValue = "1000", paramLabel = "N", description = "ticks to run (default ${DEFAULT-VALUE})")
    long ticks;

    @Option(names = "--sample-ticks", defaultValue = "100", paramLabel = "N",
            description = "ticks per inference sample (default ${DEFAULT-VALUE})")
    int sampleTicks;

    @Option(names = "--out", defaultValue = "out/demo", paramLabel = "DIR", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--energy-profile", paramLabel = "NAME|FILE", description = "energy profile (default: the architecture's)")
    String profile;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "worker threads")
    int threads;

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public int order() {
        return 1;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        Path sample = BundledSample.locate("demo", "net.yaml");
        CompiledNetwork net = NetworkLoader.load(sample, null);
        // a copy unpacked from the class path lives in a temporary folder: name the sample instead
        String what = sample.endsWith(SAMPLE) ? sample.toString() : SAMPLE + " (the copy bundled with the tool)";
        o.println("Myelin demo: " + what + " on " + net.image().arch() + ", " + ticks + " ticks");
        Path d = out;
        RunOptions ro = new RunOptions(sample, null, ticks, Map.of(), null, threads, "simple",
                d.resolve("spikes.csv"), List.of(), d.resolve("probes.csv"), d.resolve("run.vcd"),
                d.resolve("stats.txt"), d.resolve("ticks.csv"), profile, d.resolve("plots"), null, sampleTicks,
                quiet);
        RunResult r;
        try (StopFlag stop = StopFlag.onInterrupt()) {
            r = RunSession.run(ro, net, stop, spec.commandLine().getErr());
            Summary.print(r, o);
        }
        o.println("Look: " + d.resolve("plots") + "/*.png; waveforms: gtkwave " + d.resolve("run.vcd")
                + "; re-price: " + Main.prog() + " energy " + d.resolve("stats.json") + " --profile loihi-calibrated");
        o.flush();
        return r.partial() ? RunCommand.EXIT_STOPPED : 0;
    }
}
