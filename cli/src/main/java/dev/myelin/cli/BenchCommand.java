package dev.myelin.cli;

import dev.myelin.chip.bench.TrueNorthLoad;
import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.noc.MeshConfig;
import dev.myelin.chip.noc.SyntheticRun;
import dev.myelin.chip.noc.TrafficPattern;
import dev.myelin.chip.run.RunOptions;
import dev.myelin.chip.run.RunResult;
import dev.myelin.chip.run.RunSession;
import dev.myelin.chip.run.StopFlag;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.PhaseClock;
import dev.myelin.chip.timing.TimingMode;
import dev.myelin.chip.trace.Json;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.AtomicFiles;
import dev.myelin.isa.io.OutputPlan;
import dev.myelin.isa.spi.CompiledNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code myelin bench}: builds and runs the standard loads through the same run session as
 * {@code myelin run} (no output files) and prints what each costs: neuron updates, synaptic
 * events and hops per second, ticks per second, the real-time factor at the load's dt, load
 * time and peak heap.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run the standard benchmark loads and print their speed.",
                "Loads: truenorth-full (4,096 cores, 1,048,576 neurons, 67M synapses, ~20 Hz), truenorth-idle (the "
                        + "same chip, no spike), loihi-cuba (the full CUBA benchmark, 4,000 neurons), noc-50 (the "
                        + "TrueNorth mesh alone, uniform traffic at half its ideal saturation rate).",
                "Each load first runs untimed (--warmup), so that the timed runs measure compiled code; the cold "
                        + "run's time is reported too. Figures vary with the machine and what else runs on it: repeat "
                        + "runs (--repeat) and compare medians."})
public final class BenchCommand implements Callable<Integer>, MyelinCommand {
    /** Every load, in the order run when none is named. */
    static final List<String> LOADS = List.of("truenorth-idle", "loihi-cuba", "noc-50", "truenorth-full");
    /** The loads {@code --mesh} scales. */
    static final List<String> TRUENORTH_LOADS = List.of("truenorth-idle", "truenorth-full");

    @Parameters(arity = "0..*", paramLabel = "LOAD", description = "loads to run (default: all)")
    List<String> loads = new ArrayList<>();

    @Option(names = "--ticks", paramLabel = "N",
            description = "ticks per run (cycles for noc-50); default per load: truenorth-full 200, truenorth-idle "
                    + "10000, loihi-cuba 10000, noc-50 20000")
    Long ticks;

    @Option(names = "--threads", paramLabel = "N", description = "engine threads (default: the machine's cores)")
    Integer threads;

    @Option(names = "--timing", defaultValue = "simple", paramLabel = "MODE",
            description = "mesh timing of the chip loads: simple | cycle (default ${DEFAULT-VALUE})")
    String timing;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "R",
            description = "runs per load; figures are the median run's, with the spread of the run time (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "W",
            description = "untimed runs per load before the timed ones, which then run on compiled code; the first "
                    + "one's times are reported as cold_run_seconds and cold_load_seconds (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--mesh", paramLabel = "SIDE",
            description = "TrueNorth loads on the SIDE x SIDE routers at the mesh's corner only (1-64; default: the "
                    + "whole 64 x 64 chip), for how the cost grows with the chip; with it only TrueNorth loads run")
    Integer mesh;

    @Option(names = "--phases",
            description = "also time each phase of the chip loads' ticks (inputs, cores, routing, delivery, timing, "
                    + "tick end, run path) and print microseconds per tick for each; costs a few clock reads per tick")
    boolean phases;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed of the generated loads (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON: one object per load, keys as printed")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public int order() {
        return 70;
    }

    @Override
    public Integer call() {
        List<String> names = loads.isEmpty() ? (mesh == null ? LOADS : TRUENORTH_LOADS) : loads;
        for (String n : names) {
            if (!LOADS.contains(n)) {
                throw new MyelinInputException("unknown load '" + n + "' (known: " + String.join(", ", LOADS) + ")");
            }
            if (mesh != null && !TRUENORTH_LOADS.contains(n)) {
                throw new MyelinInputException("--mesh applies to the TrueNorth loads only ("
                        + String.join(", ", TRUENORTH_LOADS) + "), not to '" + n + "'");
            }
        }
        if (mesh != null && (mesh < 1 || mesh > TrueNorthLoad.MESH)) {
            throw new MyelinInputException("--mesh = " + mesh + " is out of range [1, " + TrueNorthLoad.MESH + "]");
        }
        if (repeat < 1 || repeat > 1000) {
            throw new MyelinInputException("--repeat = " + repeat + " is out of range [1, 1000]");
        }
        if (warmup < 0 || warmup > 100) {
            throw new MyelinInputException("--warmup = " + warmup + " is out of range [0, 100]");
        }
        if (ticks != null && (ticks < 1 || ticks > 100_000_000L)) {
            throw new MyelinInputException("--ticks = " + ticks + " is out of range [1, 100000000]");
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > ChipOptions.MAX_THREADS) {
            throw new MyelinInputException("--threads = " + t + " is out of range [1, " + ChipOptions.MAX_THREADS + "]");
        }
        TimingMode.parse(timing);
        new OutputPlan().output("--json " + json, json).check();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Myelin bench: %d thread%s, %s timing, %d warm-up and %d timed run%s per load, %d cores,"
                        + " Java %s%n", t, t == 1 ? "" : "s", timing, warmup, repeat, repeat == 1 ? "" : "s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        List<Map<String, Object>> all = new ArrayList<>();
        for (String n : names) {
            Map<String, Object> f = n.equals("noc-50") ? noc(n) : chip(n, t);
            print(out, f);
            all.add(f);
            out.flush();
        }
        if (json != null) {
            AtomicFiles.writeString(json, Json.write(all));
            out.println("Written: " + json);
        }
        return 0;
    }

    // ---- chip loads ------------------------------------------------------------------------

    private Map<String, Object> chip(String name, int t) {
        long n = ticks != null ? ticks : switch (name) {
            case "truenorth-full" -> 200;
            default -> 10_000;
        };
        Supplier<CompiledNetwork> build = switch (name) {
            case "truenorth-full" -> () -> new CompiledNetwork(TrueNorthLoad.full(seed, side()), List.of(), List.of(), "");
            case "truenorth-idle" -> () -> new CompiledNetwork(TrueNorthLoad.idle(seed, side()), List.of(), List.of(), "");
            case "loihi-cuba" -> () -> NetworkLoader.load(BundledSample.locate("cuba_full", "net.yaml", "init.csv"), null);
            default -> throw new IllegalStateException(name);
        };
        return measure(() -> {
            long start = System.nanoTime();
            CompiledNetwork net = build.get();
            RunOptions o = new RunOptions(Path.of(name), null, n, Map.of(), null, t, timing, null, List.of(), null,
                    null, null, null, null, null, null, 0, true).withPhases(phases);
            RunResult res;
            StringWriter notes = new StringWriter();
            try (StopFlag stop = StopFlag.manual()) {
                res = RunSession.run(o, net, stop, new PrintWriter(notes));
            }
            double total = (System.nanoTime() - start) / 1e9;
            return figures(name, net, res, total - res.wallSeconds(), peakHeapBytes(), t);
        });
    }

    /** The TrueNorth loads' mesh side: {@code --mesh}, or the whole chip. */
    private int side() {
        return mesh == null ? TrueNorthLoad.MESH : mesh;
    }

    private Map<String, Object> figures(String name, CompiledNetwork net, RunResult r, double loadSeconds, long heap,
                                        int t) {
        double wall = r.wallSeconds();
        long neurons = net.image().cores().stream().mapToLong(c -> c.neuronCount()).sum();
        long updates = r.counts().total(Activity.NEURONS);
        long syn = r.counts().total(Activity.SYN_EVENTS);
        long spikes = r.counts().total(Activity.SPIKES);
        double modelSeconds = r.modelNs() / 1e9;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("load", name);
        f.put("threads", t);
        f.put("timing", timing);
        f.put("cores", net.image().cores().size());
        f.put("neurons", neurons);
        f.put("ticks", r.ticks());
        f.put("dt_ms", net.image().dtMs());
        f.put("run_seconds", wall);
        f.put("run_cpu_seconds", r.cpuSeconds());
        f.put("ticks_per_second", r.ticks() / wall);
        f.put("neuron_updates_per_second", updates / wall);
        f.put("synaptic_events_per_second", syn / wall);
        f.put("hops_per_second", r.hops() / wall);
        f.put("real_time_factor", modelSeconds / wall);
        f.put("ns_per_core_tick", wall * 1e9 / ((double) r.ticks() * Math.max(1, net.image().cores().size())));
        f.put("mean_rate_hz", neurons == 0 || modelSeconds == 0 ? 0.0 : spikes / (double) neurons / modelSeconds);
        f.put("load_seconds", loadSeconds);
        f.put("peak_heap_mb", heap / 1048576.0);
        if (r.phases() != null) {
            for (PhaseClock.Phase p : PhaseClock.Phase.values()) {
                f.put("phase_" + p.key() + "_us", r.phases().microsPerTick(p));
            }
            f.put("phases_total_us", r.phases().totalMicrosPerTick());
        }
        return f;
    }

    // ---- the mesh alone ---------------------------------------------------------------------

    private Map<String, Object> noc(String name) {
        MeshConfig cfg = MeshConfig.single(64, 64, Presets.require("truenorth").hopCyclesEW(),
                Presets.require("truenorth").injectionCycles(), Presets.require("truenorth").ejectionCycles(),
                Presets.require("truenorth").linkFifoDepth());
        double rate = 0.5 * TrafficPattern.UNIFORM.idealSaturation(cfg.width(), cfg.height());
        int cycles = (int) (ticks != null ? Math.min(ticks, 100_000_000L) : 20_000);
        return measure(() -> {
            long start = System.nanoTime();
            SyntheticRun.Result res = SyntheticRun.run(cfg, new SyntheticRun.Settings(TrafficPattern.UNIFORM, rate,
                    seed, 1000, cycles, 100_000));
            double wall = (System.nanoTime() - start) / 1e9;
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("load", name);
            f.put("threads", 1);
            f.put("timing", "cycle");
            f.put("routers", cfg.routers());
            f.put("cycles", res.cycles());
            f.put("offered_packets_per_node_cycle", res.offeredRate());
            f.put("accepted_packets_per_node_cycle", res.acceptedRate());
            f.put("mean_packet_latency_cycles", res.packetLatency().mean());
            f.put("run_seconds", wall);
            f.put("cycles_per_second", res.cycles() / wall);
            f.put("hops_per_second", res.window().hopTotal() / wall);
            f.put("peak_heap_mb", peakHeapBytes() / 1048576.0);
            return f;
        });
    }

    // ---- figures ----------------------------------------------------------------------------

    static int medianIndex(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        return order[(v.length - 1) / 2];
    }

    /**
     * Runs a load {@code --warmup} times untimed, then {@code --repeat} times, each run giving its
     * figures (with {@code run_seconds}); returns the median timed run's figures with the timed
     * runs' count and run-time range, the warm-up runs' count, and the first warm-up run's run and
     * load time (the cold run: it also pays for the JIT compiler) when there was one.
     */
    private Map<String, Object> measure(Supplier<Map<String, Object>> run) {
        double[] runSeconds = new double[repeat];
        List<Map<String, Object>> runs = new ArrayList<>();
        Map<String, Object> cold = null;
        for (int r = -warmup; r < repeat; r++) {
            resetPeakHeap();
            Map<String, Object> f = run.get();
            if (r < 0) {
                cold = cold == null ? f : cold;
                continue;
            }
            runs.add(f);
            runSeconds[r] = (Double) f.get("run_seconds");
        }
        Map<String, Object> median = runs.get(medianIndex(runSeconds));
        median.put("runs", runSeconds.length);
        median.put("run_seconds_min", Arrays.stream(runSeconds).min().orElse(0));
        median.put("run_seconds_max", Arrays.stream(runSeconds).max().orElse(0));
        median.put("warmup_runs", warmup);
        if (cold != null) {
            median.put("cold_run_seconds", cold.get("run_seconds"));
            if (cold.containsKey("load_seconds")) {
                median.put("cold_load_seconds", cold.get("load_seconds"));
            }
        }
        return median;
    }

    private static void print(PrintWriter out, Map<String, Object> f) {
        out.println(f.get("load") + ":");
        for (Map.Entry<String, Object> e : f.entrySet()) {
            if (e.getKey().equals("load")) {
                continue;
            }
            Object v = e.getValue();
            String s = v instanceof Double d ? String.format(Locale.ROOT, d != 0 && Math.abs(d) < 0.01 ? "%.3g"
                    : Math.abs(d) >= 1e5 ? "%.4g" : "%.3f", d) : String.valueOf(v);
            out.printf(Locale.ROOT, "  %-32s %s%n", e.getKey(), s);
        }
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak use since the last reset: an upper bound of the peak heap. */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
