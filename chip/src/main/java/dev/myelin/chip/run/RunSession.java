package dev.myelin.chip.run;

import dev.myelin.chip.learn.Crossbar;
import dev.myelin.isa.learn.Device;

import dev.myelin.chip.energy.ActivityRecord;
import dev.myelin.chip.energy.CoreInfo;
import dev.myelin.chip.energy.EnergyProfile;
import dev.myelin.chip.energy.Pricing;
import dev.myelin.chip.energy.Profiles;
import dev.myelin.chip.noc.MeshConfig;
import dev.myelin.chip.plot.RunPlots;
import dev.myelin.chip.plot.TickWindow;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.PhaseClock;
import dev.myelin.chip.timing.ChipClock;
import dev.myelin.chip.timing.MeshNetwork;
import dev.myelin.chip.timing.TimingMode;
import dev.myelin.chip.trace.EnergyReport;
import dev.myelin.chip.trace.PerTickCsv;
import dev.myelin.chip.trace.RowCsv;
import dev.myelin.chip.trace.RunCounts;
import dev.myelin.chip.trace.RunRecorder;
import dev.myelin.chip.trace.Stats;
import dev.myelin.chip.trace.StatsFiles;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.OutputPlan;
import dev.myelin.isa.spi.CompiledNetwork;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code myelin run}: load, set up inputs and outputs, the tick loop (stopping cleanly at
 * a tick boundary when asked), then price the counts and write every requested file. Every
 * file is published atomically; a stopped run's files are complete and marked partial.
 */
public final class RunSession {
    private final RunOptions o;
    private final StopFlag stop;
    private final PrintWriter err;
    private final List<Path> written = new ArrayList<>();
    /** The picture of a learning network's weights before and after the run (with --plots). */
    static final String WEIGHTS_PNG = "weights.png";
    /** The learning cores' weights when the run started (with --plots on a learning network). */
    private double[] weightsBefore;
    /** Where probe values go, or null when nothing is probed and no file was asked for. */
    private Path probeCsv;

    private RunSession(RunOptions o, StopFlag stop, PrintWriter err) {
        this.o = o;
        this.stop = stop;
        this.err = err;
    }

    /**
     * Runs a loaded network ({@code o.network()} names it; {@code o.arch()} was applied when it was
     * compiled): warnings and notes go to {@code err}, every requested file is written.
     *
     * @throws MyelinInputException for bad options or outputs, before any tick runs
     */
    public static RunResult run(RunOptions o, CompiledNetwork net, StopFlag stop, PrintWriter err) {
        check(o);
        return new RunSession(o, stop, err).run(net);
    }

    /** {@code --device} names a preset and {@code --adc-bits} is in range (either may be null). */
    public static void checkDevice(String device, Integer adcBits) {
        if (device != null && Device.preset(device).isEmpty()) {
            throw new MyelinInputException("--device " + device + ": unknown device preset (known: "
                    + String.join(", ", Device.presetNames()) + ")");
        }
        if (adcBits != null && (adcBits < 1 || adcBits > dev.myelin.isa.learn.DeviceReadout.MAX_ADC_BITS)) {
            throw new MyelinInputException("--adc-bits " + adcBits + ": out of range [1, "
                    + dev.myelin.isa.learn.DeviceReadout.MAX_ADC_BITS + "]");
        }
    }

    /** The numeric options are user input: out-of-range values are usage errors (exit 2), not failures. */
    public static void check(RunOptions o) {
        if (o.ticks() < 0) {
            throw new MyelinInputException("--ticks = " + o.ticks() + " must be >= 0");
        }
        if (o.threads() < 1 || o.threads() > ChipOptions.MAX_THREADS) {
            throw new MyelinInputException("--threads = " + o.threads() + " is out of range [1, "
                    + ChipOptions.MAX_THREADS + "]");
        }
        if (o.sampleTicks() < 0) {
            throw new MyelinInputException("--sample-ticks = " + o.sampleTicks() + " must be >= 0");
        }
        TickWindow w = o.plotTicks();
        if (w != null && o.plots() == null) {
            throw new MyelinInputException("--plot-ticks " + w.first() + ":" + w.last()
                    + " chooses the ticks of the pictures: give --plots DIR too");
        }
        if (w != null && w.first() >= o.ticks()) {
            throw new MyelinInputException("--plot-ticks " + w.first() + ":" + w.last() + " starts after the run's "
                    + (o.ticks() == 0 ? "end (--ticks 0)" : "last tick, " + (o.ticks() - 1)));
        }
    }

    private RunResult run(CompiledNetwork net) {
        boolean probed = !o.probes().isEmpty() || net.probes().stream().anyMatch(r -> r.v() || r.u());
        probeCsv = o.probeCsv() != null ? o.probeCsv() : probed ? o.defaultProbeCsv() : null;
        checkFiles(net);
        for (String warning : net.warnings()) {
            err.println("myelin run: warning: " + warning);
        }
        Architecture arch = net.image().arch();
        EnergyProfile profile = Profiles.resolve(o.profile() != null ? o.profile() : arch.energyProfile());
        String family = Profiles.familyWarning(profile, arch);
        if (family != null) {
            err.println("myelin run: warning: " + family);
        }
        long seed = o.seed() == null ? 0 : o.seed();
        MeshNetwork.Factory mesh = MeshNetwork.factory(TimingMode.parse(o.timing()));
        try (Chip chip = Chip.load(net.image(), ChipOptions.defaults().withThreads(o.threads()).withSeed(seed)
                .withNetwork(mesh))) {
            // output spikes reach the files through listeners; kept in the chip they grew without bound
            chip.collectOutputs(false);
            Inputs inputs = new Inputs(chip, net, o.inputs(), o.seed());
            List<String> idle = inputs.undriven();
            if (!idle.isEmpty() && !o.quiet()) {
                // a .nbin carries no stimuli: a silent run with idle inputs is a common surprise
                err.println("myelin run: note: nothing drives input port" + (idle.size() == 1 ? " " : "s ")
                        + String.join(", ", idle) + " (give --input PORT=FILE.csv; a .nbin does not carry the"
                        + " description's generators)");
            }
            ProbeSet probes = new ProbeSet(chip, o.probes(), net.probes());
            attachDevices(chip, o.device(), o.adcBits(), seed);
            if (o.plots() != null && LearnedWeights.learns(net.image())) {
                weightsBefore = LearnedWeights.values(chip);
            }
            List<CoreInfo> cores = ChipActivity.cores(chip);
            Pricing pricing = Pricing.forBoard(profile, cores, arch);
            ActivityRecord record = new ActivityRecord(cores, pricing);
            // per-core counts of each tick are only read back to re-price a run's stats file
            RunRecorder rec = new RunRecorder(cores, pricing, record, new ChipClock(arch), net.image().dtMs(),
                    o.sampleTicks(), o.stats() != null);
            Outputs out = new Outputs(chip, probes, mesh.network());
            try {
                Loop loop = new Loop(chip, inputs, record, rec, out, mesh.network());
                loop.run();
                return finish(chip, rec, out, loop, probes, profile, seed);
            } catch (RuntimeException | Error e) {
                out.abort();
                throw e;
            }
        }
    }

    /**
     * Checks every output before anything runs or is written ({@link OutputPlan}): writable, not a
     * directory, none on a file the run reads (the network, its data files, input CSVs, the energy
     * profile), no two on one file (the stats twins and pictures included).
     */
    private void checkFiles(CompiledNetwork net) {
        OutputPlan plan = new OutputPlan();
        boolean binary = o.network().getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".nbin");
        plan.input((binary ? "the network binary " : "the network description ") + o.network(), o.network());
        for (Path f : net.sources()) {
            plan.input("the file " + f + " that " + o.network() + " names", f);
        }
        o.inputs().forEach((port, f) -> plan.input("--input " + port + "=" + f, f));
        plan.inputIfFile("--energy-profile " + o.profile(), o.profile());
        plan.output("--spikes " + o.spikes(), o.spikes());
        plan.output("--probe-file " + o.probeCsv(), o.probeCsv());
        plan.output("--vcd " + o.vcd(), o.vcd());
        if (o.stats() != null) {
            for (Path f : StatsFiles.outputs(o.stats())) {
                plan.output(f.equals(o.stats()) ? "--stats " + f : "--stats " + o.stats() + "'s twin " + f, f);
            }
        }
        plan.output("--per-tick " + o.perTick(), o.perTick());
        checkDevice(o.device(), o.adcBits());
        plan.output("--dump-weights " + o.dumpWeights(), o.dumpWeights());
        plan.output("--save-binary " + o.saveBinary(), o.saveBinary());
        if (o.plots() != null) {
            for (String png : RunPlots.FILES) {
                plan.output("--plots " + o.plots() + "'s " + png, o.plots().resolve(png));
            }
            if (LearnedWeights.learns(net.image())) {
                plan.output("--plots " + o.plots() + "'s " + WEIGHTS_PNG, o.plots().resolve(WEIGHTS_PNG));
            }
        }
        if (o.probeCsv() == null) {
            plan.output("the probes file " + probeCsv + " (by default beside the other outputs; choose another with "
                    + "--probe-file)", probeCsv);
        }
        plan.check();
    }

    /** The streamed outputs of a run: spikes, per-tick CSV, VCD, and what the plots need. */
    private final class Outputs {
        RowCsv spikes;
        PerTickCsv perTick;
        VcdTrace vcd;
        final PopulationMap names;
        final PlotCollector plots;
        final ProbeSet probes;

        /** Opens every streamed file; if one cannot be opened, those already open are discarded. */
        Outputs(Chip chip, ProbeSet probes, MeshNetwork mesh) {
            this.probes = probes;
            names = new PopulationMap(chip.image(), chip.layout());
            try {
                probes.streamTo(probeCsv, chip.image().arch().datapath() == Datapath.LOIHI_CUBA);
                spikes = o.spikes() == null ? null : RowCsv.spikes(o.spikes());
                perTick = o.perTick() == null ? null : new PerTickCsv(o.perTick(), chip.image().dtMs());
                vcd = o.vcd() == null ? null : new VcdTrace(o.vcd(), chip, names, probes.probes(), mesh);
            } catch (RuntimeException | Error e) {
                abort();
                throw e;
            }
            plots = o.plots() == null ? null : new PlotCollector(chip, names, probes, o.plotTicks(), o.ticks());
            if (plots != null) {
                RunPlots.warmUp();
            }
        }

        void abort() {
            if (spikes != null) {
                spikes.abort();
            }
            if (perTick != null) {
                perTick.abort();
            }
            if (vcd != null) {
                vcd.abort();
            }
            probes.abort();
        }
    }

    /** The tick loop and the per-tick work around {@link Chip#step()}. */
    private final class Loop {
        final Chip chip;
        final Inputs inputs;
        final RunRecorder rec;
        final Outputs out;
        final MeshNetwork timing;
        final ChipActivity activity;
        final ActivityRecord record;
        final long[] popSpikes;
        /** The tick loop's time by phase, or null when not asked for. */
        final PhaseClock phases;
        long otherSpikes;
        double wallSeconds;
        double cpuSeconds;

        Loop(Chip chip, Inputs inputs, ActivityRecord record, RunRecorder rec, Outputs out, MeshNetwork timing) {
            this.chip = chip;
            this.inputs = inputs;
            this.rec = rec;
            this.out = out;
            this.timing = timing;
            this.activity = new ChipActivity(chip, record, timing);
            this.record = record;
            this.popSpikes = new long[out.names.names().size()];
            this.phases = o.phases() ? new PhaseClock() : null;
            chip.setPhaseClock(phases);
            if (out.perTick != null) {
                rec.sink(out.perTick);
            }
        }

        void run() {
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            try (Progress progress = Progress.create(o.ticks(), o.quiet(), err)) {
                stop.catchInterrupt(err);
                if (phases != null) {
                    phases.start();
                }
                for (long t = 0; t < o.ticks() && !stop.raised(); t++) {
                    inputs.inject(t);
                    chip.step();
                    activity.countLastTick();
                    rec.tick(t, timing.lastTick().ns());
                    spikes(t);
                    if (out.vcd != null) {
                        out.vcd.tick(t, record.rows(), rec.lastChipTickNs());
                    }
                    if (out.plots != null) {
                        out.plots.probeTick(t);
                    }
                    out.probes.tick();
                    progress.step(t + 1);
                    if (phases != null) {
                        // the run's own work after the chip's tick, and the loop's
                        phases.lap(PhaseClock.Phase.RUN_PATH);
                        phases.tickDone();
                    }
                }
            }
            wallSeconds = (System.nanoTime() - start) / 1e9;
            long cpuEnd = processCpuNanos();
            cpuSeconds = cpuStart < 0 || cpuEnd < 0 ? -1 : (cpuEnd - cpuStart) / 1e9;
        }

        /** The tick's spikes by population, to the spikes file and the plots: only involved cores can fire. */
        private void spikes(long t) {
            int n = chip.lastTickCores();
            boolean countsOnly = out.spikes == null && out.plots == null;
            for (int i = 0; i < n; i++) {
                int c = chip.lastTickCore(i);
                int fired = chip.firedCount(c);
                int shared = countsOnly && fired > 0 ? out.names.corePopulation(c) : PopulationMap.MIXED;
                if (shared >= 0) {
                    popSpikes[shared] += fired;  // the core is one population's: no lookup per neuron
                    continue;
                } else if (shared == -1) {
                    otherSpikes += fired;
                    continue;
                }
                for (int k = 0; k < fired; k++) {
                    int j = chip.fired(c, k);
                    int p = out.names.population(c, j);
                    if (p >= 0) {
                        popSpikes[p]++;
                    } else {
                        otherSpikes++;
                    }
                    if (out.spikes != null) {
                        out.spikes.spike(t, out.names.label(c, j), out.names.labelIndex(c, j));
                    }
                    if (out.plots != null) {
                        out.plots.spike(t, c, j);
                    }
                }
            }
        }
    }

    private RunResult finish(Chip chip, RunRecorder rec, Outputs out, Loop loop, ProbeSet probes,
                             EnergyProfile profile, long seed) {
        boolean partial = rec.ticks() < o.ticks();
        RunCounts counts = rec.counts();
        long[] links = loop.timing.traffic().linkPackets();
        MeshConfig region = loop.timing.mesh().config();
        RunResult r = result(o, rec, counts, loop.wallSeconds, loop.cpuSeconds, chip.image().arch(), out.names.names(), loop.popSpikes,
                loop.otherSpikes, loop.timing, written, loop.phases);
        if (out.spikes != null) {
            out.spikes.commit(partial, rec.ticks());
            written.add(o.spikes());
        }
        if (out.perTick != null) {
            out.perTick.commit(partial, rec.ticks());
            written.add(o.perTick());
        }
        if (out.vcd != null) {
            out.vcd.commit(rec.ticks(), partial);
            written.add(o.vcd());
        }
        if (probeCsv != null) {
            probes.commit(partial, rec.ticks());
            written.add(probeCsv);
        }
        if (o.dumpWeights() != null) {
            LearnedWeights.writeCsv(o.dumpWeights(), chip);
            written.add(o.dumpWeights());
        }
        if (o.saveBinary() != null) {
            dev.myelin.isa.codec.NbinCodec.write(o.saveBinary(), LearnedWeights.learnedImage(chip));
            written.add(o.saveBinary());
        }
        if (o.stats() != null) {
            writeStats(o, r, counts, loop.timing, chip.layout(), profile, seed, written);
        }
        if (weightsBefore != null && !stop.hurried()) {
            written.add(dev.myelin.chip.plot.LearningPlots.weights(o.plots().resolve(WEIGHTS_PNG),
                    o.network().getFileName() + ", " + rec.ticks() + " ticks", weightsBefore, LearnedWeights.values(chip),
                    "raw weight"));
        }
        if (out.plots != null && !stop.hurried()) {
            // a second Ctrl-C skips the pictures, even those not yet drawn
            written.addAll(RunPlots.write(o.plots(), out.plots.data(o.network().getFileName().toString(),
                    chip.image().dtMs(), rec.ticks(), PlotCollector.synEventsPerRouter(chip, rec.coreTotals(),
                            region), links, region, rec.tickTimes()), stop::hurried));
        }
        return r;
    }

    /** Processor time used so far by the whole process, ns, or -1 where the platform does not tell. */
    static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /** What a run produced, from its recorder and its mesh model (a partitioned run's rank 0 uses it too). */
    static RunResult result(RunOptions o, RunRecorder rec, RunCounts counts, double wallSeconds, double cpuSeconds,
                            Architecture arch,
                            List<String> populations, long[] popSpikes, long otherSpikes, MeshNetwork timing,
                            List<Path> written, PhaseClock phases) {
        EnergyReport energy = EnergyReport.price(counts, rec.pricing(), rec.profileLatencyNs());
        // packets per link over the run, as the mesh counted them on the image's modelled region
        long[] links = timing.traffic().linkPackets();
        MeshConfig region = timing.mesh().config();
        int busiest = timing.traffic().busiestLink();
        return new RunResult(o.network().toString(), o.ticks(), rec.ticks(), rec.ticks() < o.ticks(), wallSeconds,
                cpuSeconds, rec.modelNs(), rec.chipNs(), arch.tickPacing(), populations, popSpikes, otherSpikes, energy,
                counts.samples(), rec.messages(), rec.hopsEastWest() + rec.hopsNorthSouth(),
                busiest < 0 ? null : region.linkName(busiest), busiest < 0 ? 0 : links[busiest],
                rec.ticks() == 0 ? 0 : rec.timingNs() / rec.ticks(), rec.maxTickNs(), written,
                RunStats.meshLine(timing), counts, phases);
    }

    /** Writes {@code --stats} (the text, its JSON twin and the config dump) and names them in {@code written}. */
    static void writeStats(RunOptions o, RunResult r, RunCounts counts, MeshNetwork timing,
                           dev.myelin.chip.sim.ChipLayout layout, EnergyProfile profile, long seed, List<Path> written) {
        Stats stats = RunStats.build(r, counts);
        RunStats.mesh(stats, timing, layout);
        StatsFiles.write(o.stats(), stats, counts, RunStats.config(o, layout.arch(), profile, seed));
        written.addAll(StatsFiles.outputs(o.stats()));
    }

    /**
     * Puts memristive devices at the synapses of the learning cores, each core's generator seeded
     * from the chip seed and its id: devices of preset {@code name} on every learning core when a
     * name is given (the override of {@code --device}), else the device each core's learning
     * section carries (a core without one keeps digital weights), read as the section's readout says
     * or, when {@code adcBits} is given ({@code --adc-bits}), as column currents through an ADC of
     * that many bits.
     */
    static void attachDevices(Chip chip, String name, Integer adcBits, long seed) {
        attachDevices(chip, name, adcBits, seed, null);
    }

    /**
     * {@link #attachDevices(Chip, String, Integer, long)} on the cores {@code owned} marks only
     * (every core when null): a partitioned run's member attaches its own learning cores' devices,
     * with the seeds of the single-JVM run, and checks the options against the whole network.
     *
     * @return whether any learning core of the network has a device (owned or not)
     */
    static boolean attachDevices(Chip chip, String name, Integer adcBits, long seed, boolean[] owned) {
        Device override = name == null ? null : Device.preset(name).orElseThrow();
        if (owned != null) {
            // every member refuses a readout any core cannot serve, not only the member that owns it
            String readout = LearnedWeights.readoutProblem(chip.image(), name, adcBits);
            if (readout != null) {
                throw new MyelinInputException(readout);
            }
        }
        boolean any = false;
        boolean anyDevice = false;
        for (int c = 0; c < chip.layout().cores(); c++) {
            dev.myelin.chip.learn.LearningCore l = chip.learning(c);
            Device d = l == null ? null : override != null ? override : l.config().device();
            any |= l != null;
            if (d != null) {
                dev.myelin.isa.learn.DeviceReadout r = l.config().readout();
                if (adcBits != null) {
                    r = r.withCurrent(adcBits);
                }
                if (owned != null && !owned[c]) {
                    anyDevice = true;
                    continue;
                }
                try {
                    l.attachDevice(d, r, Crossbar.seedFor(seed, chip.layout().core(c)));
                } catch (IllegalArgumentException e) {
                    throw new MyelinInputException("core " + chip.layout().core(c) + ": " + e.getMessage());
                }
                anyDevice = true;
            }
        }
        if (name != null && !any) {
            throw new MyelinInputException("--device " + name + ": the network has no learning core (no plastic projection)");
        }
        if (adcBits != null && !anyDevice) {
            throw new MyelinInputException("--adc-bits " + adcBits + ": no learning core has a device (give --device"
                    + " or a device in the plasticity)");
        }
        return anyDevice;
    }
}
