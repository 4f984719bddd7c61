package dev.myelin.cli;

import dev.myelin.chip.noc.ExactHistogram;
import dev.myelin.chip.noc.LoadSweep;
import dev.myelin.chip.noc.MeshConfig;
import dev.myelin.chip.noc.SyntheticRun;
import dev.myelin.chip.noc.TrafficPattern;
import dev.myelin.chip.trace.Csv;
import dev.myelin.isa.arch.ArchYaml;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.cli.MyelinCommand;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.AtomicFiles;
import dev.myelin.isa.io.OutputPlan;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code myelin noc}: the mesh alone under BookSim's synthetic traffic, one run or a load sweep. */
@Command(name = "noc", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Drive the mesh network alone with synthetic traffic and print BookSim-style results.",
                "Single-flit packets, Bernoulli sources with unbounded queues, one node per router.",
                "With --sweep: a latency-versus-offered-load CSV up to and past saturation."})
public final class NocCommand implements Runnable, MyelinCommand {
    private static final Pattern MESH = Pattern.compile("(\\d{1,5})x(\\d{1,5})");
    private static final int MAX_CYCLES = 100_000_000;

    @Option(names = "--arch", paramLabel = "NAME|FILE", defaultValue = "booksim",
            description = "architecture whose router timing is used (default: ${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--mesh", paramLabel = "WxH",
            description = "mesh size, one chip (default: the architecture's whole board)")
    String mesh;

    @Option(names = "--traffic", paramLabel = "PATTERN", defaultValue = "uniform",
            description = "uniform | transpose | bitcomp | hotspot (default: ${DEFAULT-VALUE})")
    String traffic;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "0.1",
            description = "injection rate, packets per node per cycle (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--cycles", paramLabel = "N", defaultValue = "10000",
            description = "measurement window in cycles (default: ${DEFAULT-VALUE})")
    int cycles;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1000",
            description = "cycles before the statistics are reset (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--drain", paramLabel = "N",
            description = "cycles allowed after the window for measured packets to arrive (default: --cycles)")
    Integer drain;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--sweep", description = "sweep the offered load and print a CSV")
    boolean sweep;

    @Option(names = "--step", paramLabel = "R", description = "sweep step (default: a tenth of the ideal saturation rate)")
    Double step;

    @Option(names = "--max", paramLabel = "R", description = "largest swept rate (default: 1.5 x ideal saturation, at most 1)")
    Double max;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "write the sweep CSV here instead of stdout")
    Path out;

    /** The most offered loads one sweep simulates. */
    static final int MAX_SWEEP_POINTS = 1000;

    @Spec
    CommandSpec spec;

    @Override
    public int order() {
        return 60;
    }

    @Override
    public void run() {
        Architecture a = ArchYaml.resolve(arch);
        if (out != null) {
            new OutputPlan().inputIfFile("--arch " + arch, arch).output("-o " + out, out).check();
        }
        MeshConfig cfg = meshConfig(a);
        TrafficPattern pattern = TrafficPattern.parse(traffic);
        pattern.requireFits(cfg.width(), cfg.height());
        requireCycles("--cycles", cycles, 1);
        requireCycles("--warmup", warmup, 0);
        int drainCycles = drain == null ? cycles : drain;
        requireCycles("--drain", drainCycles, 0);
        SyntheticRun.Settings settings = new SyntheticRun.Settings(pattern, rate, seed, warmup, cycles, drainCycles);
        PrintWriter w = spec.commandLine().getOut();
        if (sweep) {
            printSweep(w, cfg, settings, a.name());
        } else {
            printRun(w, cfg, settings, a.name());
        }
        w.flush();
    }

    /** The mesh of {@code --mesh} (one chip) or the architecture's board, one node per router. */
    MeshConfig meshConfig(Architecture a) {
        if (mesh == null) {
            return new MeshConfig(a.meshWidth(), a.meshHeight(), 1, a.routersX(), a.routersY(), a.hopCyclesEW(),
                    a.hopCyclesNS(), a.chipLinkCycles(), a.injectionCycles(), a.ejectionCycles(), a.linkFifoDepth());
        }
        Matcher m = MESH.matcher(mesh);
        if (!m.matches()) {
            throw new MyelinInputException("--mesh '" + mesh + "' is not WIDTHxHEIGHT (e.g. 8x8)");
        }
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        return new MeshConfig(w, h, 1, Math.max(1, w), Math.max(1, h), a.hopCyclesEW(), a.hopCyclesNS(), 0,
                a.injectionCycles(), a.ejectionCycles(), a.linkFifoDepth());
    }

    private static void requireCycles(String option, int v, int min) {
        if (v < min || v > MAX_CYCLES) {
            throw new MyelinInputException(option + " " + v + " is out of range [" + min + ", " + MAX_CYCLES + "]");
        }
    }

    private static String header(MeshConfig cfg, SyntheticRun.Settings s, String archName) {
        TrafficPattern p = s.pattern();
        return String.format(Locale.ROOT, "mesh %dx%d, traffic %s, seed %d; timing of %s: hop %d/%d cycles (EW/NS), "
                        + "injection %d, ejection %d, FIFO depth %d%nzero-load latency average = %.4f cycles; "
                        + "ideal saturation rate = %.4f packets/node/cycle",
                cfg.width(), cfg.height(), p.id(), s.seed(), archName, cfg.hopCyclesEW(), cfg.hopCyclesNS(),
                cfg.injectionCycles(), cfg.ejectionCycles(), cfg.fifoDepth(), p.zeroLoadMean(cfg),
                p.idealSaturation(cfg.width(), cfg.height()));
    }

    private static void printRun(PrintWriter w, MeshConfig cfg, SyntheticRun.Settings s, String archName) {
        SyntheticRun.Result r = SyntheticRun.run(cfg, s);
        w.println(header(cfg, s, archName));
        w.println("====== Overall Traffic Statistics ======");
        if (r.unstable()) {
            w.printf(Locale.ROOT, "Simulation unstable: network saturated (%d of %d measured packets arrived "
                    + "within the drain limit); latency is not a number at this load%n", r.taggedArrived(), r.tagged());
        } else {
            printLatency(w, "Packet latency average", r.packetLatency());
            printLatency(w, "Network latency average", r.networkLatency());
        }
        w.printf(Locale.ROOT, "Injected packet rate average = %.6f%n", r.offeredRate());
        w.printf(Locale.ROOT, "Accepted packet rate average = %.6f%n", r.acceptedRate());
        w.printf(Locale.ROOT, "Hops average = %.4f%n", r.hops().mean());
        w.printf("Stalled packet-cycles = %d%n", r.window().stalls());
        w.printf("Time taken is %d cycles%n", r.cycles());
    }

    private static void printLatency(PrintWriter w, String label, ExactHistogram h) {
        w.printf(Locale.ROOT, "%s = %.4f%n\tminimum = %d%n\tmaximum = %d%n\tp99 = %d%n",
                label, h.mean(), h.min(), h.max(), h.percentile(99));
    }

    private void printSweep(PrintWriter w, MeshConfig cfg, SyntheticRun.Settings s, String archName) {
        double bound = s.pattern().idealSaturation(cfg.width(), cfg.height());
        double st = step == null ? bound / 10 : step;
        double mx = max == null ? Math.min(1.0, 1.5 * bound) : max;
        if (!(st > 0 && st <= 1) || !(mx >= st && mx <= 1)) {
            throw new MyelinInputException("--step " + st + " and --max " + mx + " must satisfy 0 < step <= max <= 1");
        }
        if (mx / st > MAX_SWEEP_POINTS) {
            // each point is a whole simulation: a tiny step would run for hours, not fail
            throw new MyelinInputException("--step " + st + " up to --max " + mx + " gives more than "
                    + MAX_SWEEP_POINTS + " sweep points; use a larger step");
        }
        List<SyntheticRun.Result> points = LoadSweep.sweep(cfg, s, st, mx);
        StringBuilder csv = new StringBuilder();
        try {
            CSVPrinter p = Csv.printer(csv);
            for (String line : header(cfg, s, archName).split("\n")) {
                p.printComment(line);
            }
            double sat = LoadSweep.firstSaturated(points);
            p.printComment("saturation (first offered load with mean packet latency >= 3 x zero-load, or unstable): "
                    + (Double.isNaN(sat) ? "not reached" : String.format(Locale.ROOT, "%.4f", sat)));
            p.printRecord(LoadSweep.CSV_HEADER);
            for (SyntheticRun.Result r : points) {
                p.printRecord(LoadSweep.csvRow(r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("appending to a StringBuilder", e);
        }
        if (out != null) {
            AtomicFiles.writeString(out, csv.toString());
            w.println("wrote " + out + " (" + points.size() + " points)");
        } else {
            w.print(csv);
        }
    }
}
