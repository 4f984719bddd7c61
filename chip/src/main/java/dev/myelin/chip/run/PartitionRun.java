package dev.myelin.chip.run;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.dist.BoardLinks;
import dev.myelin.chip.dist.LinkRecords;
import dev.myelin.chip.dist.MemberImage;
import dev.myelin.chip.dist.PartitionLostException;
import dev.myelin.chip.dist.PartitionPlan;
import dev.myelin.chip.dist.SpikeExchange;
import dev.myelin.chip.dist.StateDigest;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.Probe;
import dev.myelin.chip.trace.AtomicStream;
import dev.myelin.chip.trace.RowCsv;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.spi.CompiledNetwork;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One member of a partitioned run (docs/distributed.md): loads the whole board with the other
 * members' cores inert ({@link MemberImage}), runs the cores of its own chips on the ideal
 * network with chip-to-chip links ({@link BoardLinks}), swapping link records with the other
 * members every window, and records its cores' spikes, per-tick state digests and counters. At
 * the end rank 0 gathers every member's part and writes the files, which are those of the
 * single-JVM run (one member) byte for byte. When a member is lost, every member still running
 * writes its own part, marked partial, beside the requested files ({@code FILE.part-R}).
 */
public final class PartitionRun {
    /** Largest tick count a partitioned run accepts (link records carry 39-bit ticks). */
    public static final long MAX_TICKS = LinkRecords.MAX_TICK - 256;
    /** Largest tick count with {@code --digests} (8 bytes per tick held until the end). */
    public static final long MAX_DIGEST_TICKS = 1L << 28;
    /** Most probe values (probed neurons x ticks) a member holds until the end (V and U: 8 bytes each). */
    public static final long MAX_PROBE_VALUES = 1L << 24;

    /**
     * @param spikes   every spike, {@code tick,population,index} (as {@code myelin run --spikes}), or null
     * @param counters per-core counter totals and the board's, CSV, or null
     * @param digests  per-tick state digest, CSV {@code tick,digest}, or null
     * @param probes   {@code --probe} specs ({@code POP[:i,j,...]}); the description's probe requests are added
     * @param probeFile where probe values go ({@code tick,population,index,v[,u]}, as {@code myelin run}), or
     *                 null: {@code probes.csv} beside the first of spikes, the traces' VCD, stats and per-tick
     *                 files, counters, digests, else in the traces' plots directory, when anything is probed
     * @param traces   the outputs rank 0 writes from every member's activity, as {@code myelin run} with these
     *                 options would ({@code --per-tick}, {@code --vcd}, {@code --stats}, {@code --plots}, with
     *                 {@code --energy-profile}, {@code --sample-ticks}, {@code --plot-ticks}), or null for none
     */
    public record Options(long ticks, Map<String, Path> inputs, Long seed, int threads, Path spikes, Path counters,
                          Path digests, List<String> probes, Path probeFile, RunOptions traces, Learned learned) {
        public Options {
            inputs = Map.copyOf(inputs);
            probes = List.copyOf(probes);
            learned = learned == null ? Learned.NONE : learned;
        }

        /** Options with digital synapses and without the learned-state outputs. */
        public Options(long ticks, Map<String, Path> inputs, Long seed, int threads, Path spikes, Path counters,
                       Path digests, List<String> probes, Path probeFile, RunOptions traces) {
            this(ticks, inputs, seed, threads, spikes, counters, digests, probes, probeFile, traces, Learned.NONE);
        }

        /** Options without the activity outputs. */
        public Options(long ticks, Map<String, Path> inputs, Long seed, int threads, Path spikes, Path counters,
                       Path digests, List<String> probes, Path probeFile) {
            this(ticks, inputs, seed, threads, spikes, counters, digests, probes, probeFile, null);
        }

        /** Options without probes. */
        public Options(long ticks, Map<String, Path> inputs, Long seed, int threads, Path spikes, Path counters,
                       Path digests) {
            this(ticks, inputs, seed, threads, spikes, counters, digests, List.of(), null);
        }

        /** The probes file: {@code probeFile}, else {@code probes.csv} beside the first file output, else in the current directory. */
        Path defaultProbeCsv() {
            for (Path f : java.util.Arrays.asList(spikes, traces == null ? null : traces.vcd(),
                    traces == null ? null : traces.stats(), traces == null ? null : traces.perTick(), counters, digests)) {
                if (f != null && !dev.myelin.isa.io.OutputFile.writesThrough(f)) {
                    return f.resolveSibling("probes.csv");
                }
            }
            return traces != null && traces.plots() != null ? traces.plots().resolve("probes.csv") : Path.of("probes.csv");
        }

        /** Whether rank 0 needs every member's spikes: for --spikes, or the traces' VCD, stats or pictures. */
        boolean gathersSpikes() {
            return spikes != null || traces != null && (traces.vcd() != null || traces.stats() != null
                    || traces.plots() != null);
        }
    }

    /**
     * The memristive devices and the learned-state outputs of a partitioned run, as {@code myelin run}
     * takes them: every member attaches the devices of its own learning cores ({@code --device},
     * {@code --adc-bits}, else each learning section's device and readout), and rank 0 writes the
     * learned weights ({@code --dump-weights}) and the learned binary ({@code --save-binary}) from
     * every member's learning cores.
     */
    public record Learned(String device, Integer adcBits, Path dumpWeights, Path saveBinary) {
        public static final Learned NONE = new Learned(null, null, null, null);
    }

    /**
     * @param ticksRun ticks this member completed
     * @param lost     why the run stopped early, or null
     * @param traced   rank 0 with traces: the run as {@code myelin run} reports it (spikes, energy, traffic), else null
     * @param gatherSeconds time from the end of the tick loop until the outputs were written
     */
    public record Result(long ticksRun, boolean partial, PartitionLostException lost, double wallSeconds,
                         long windows, long recordsSent, long recordsReceived, double exchangeSeconds,
                         List<Path> written, RunResult traced, double gatherSeconds) {
    }

    private PartitionRun() {
    }

    /** Usage checks common to every member (exit 2 before anything starts). */
    public static void check(Options o) {
        if (o.ticks() < 0 || o.ticks() > MAX_TICKS) {
            throw new MyelinInputException("--ticks = " + o.ticks() + " is out of range [0, " + MAX_TICKS + "]");
        }
        if (o.digests() != null && o.ticks() > MAX_DIGEST_TICKS) {
            throw new MyelinInputException("--digests keeps one digest per tick in memory: at most " + MAX_DIGEST_TICKS
                    + " ticks (--ticks = " + o.ticks() + ")");
        }
        if (o.threads() < 1 || o.threads() > ChipOptions.MAX_THREADS) {
            throw new MyelinInputException("--threads = " + o.threads() + " is out of range [1, "
                    + ChipOptions.MAX_THREADS + "]");
        }
        RunSession.checkDevice(o.learned().device(), o.learned().adcBits());
    }

    /**
     * Checks every output before anything runs, as {@code myelin run} does ({@link dev.myelin.isa.io.OutputPlan}):
     * writable, none on a file the run reads (the network, its data files, input CSVs, the energy
     * profile), no two on one file (the stats twins and pictures included).
     */
    public static void checkFiles(Options o, Path network, CompiledNetwork net) {
        dev.myelin.isa.io.OutputPlan plan = new dev.myelin.isa.io.OutputPlan();
        plan.input("the network " + network, network);
        for (Path f : net.sources()) {
            plan.input("the file " + f + " that " + network + " names", f);
        }
        o.inputs().forEach((port, f) -> plan.input("--input " + port + "=" + f, f));
        plan.output("--spikes " + o.spikes(), o.spikes());
        plan.output("--counters " + o.counters(), o.counters());
        plan.output("--digests " + o.digests(), o.digests());
        plan.output("--probe-file " + o.probeFile(), o.probeFile());
        if (o.learned().device() != null && !LearnedWeights.learns(net.image())) {
            // as each member's attachDevices would say, but once, before any member starts
            throw new MyelinInputException("--device " + o.learned().device()
                    + ": the network has no learning core (no plastic projection)");
        }
        Integer adcBits = o.learned().adcBits();
        if (adcBits != null && o.learned().device() == null && !LearnedWeights.hasDevice(net.image())) {
            throw new MyelinInputException("--adc-bits " + adcBits + ": no learning core has a device (give --device"
                    + " or a device in the plasticity)");
        }
        // the readouts of every member's cores, so that no member alone refuses its own
        String readout = LearnedWeights.readoutProblem(net.image(), o.learned().device(), adcBits);
        if (readout != null) {
            throw new MyelinInputException(readout);
        }
        plan.output("--dump-weights " + o.learned().dumpWeights(), o.learned().dumpWeights());
        plan.output("--save-binary " + o.learned().saveBinary(), o.learned().saveBinary());
        RunOptions t = o.traces();
        if (t != null) {
            plan.inputIfFile("--energy-profile " + t.profile(), t.profile());
            plan.output("--vcd " + t.vcd(), t.vcd());
            plan.output("--per-tick " + t.perTick(), t.perTick());
            if (t.stats() != null) {
                for (Path f : dev.myelin.chip.trace.StatsFiles.outputs(t.stats())) {
                    plan.output(f.equals(t.stats()) ? "--stats " + f : "--stats " + t.stats() + "'s twin " + f, f);
                }
            }
            if (t.plots() != null) {
                for (String png : dev.myelin.chip.plot.RunPlots.FILES) {
                    plan.output("--plots " + t.plots() + "'s " + png, t.plots().resolve(png));
                }
                if (LearnedWeights.learns(net.image())) {
                    plan.output("--plots " + t.plots() + "'s " + RunSession.WEIGHTS_PNG,
                            t.plots().resolve(RunSession.WEIGHTS_PNG));
                }
            }
        }
        plan.check();
    }

    /**
     * The exchange window: {@code requested} (0 = the longest exact one), checked against the
     * smallest delay of a route between partitions.
     */
    public static int window(CompiledNetwork net, PartitionPlan plan, int requested) {
        int max = plan.minCrossDelay(net.image());
        if (requested == 0) {
            return max;
        }
        if (requested < 1 || requested > max) {
            throw new MyelinInputException("--window = " + requested + " is out of range [1, " + max + "]: "
                    + "the smallest delay of a route between partitions is " + max + " ticks");
        }
        return requested;
    }

    public static Result run(Options o, CompiledNetwork net, PartitionPlan plan, int window, SpikeExchange ex,
                             PrintWriter err) {
        check(o);
        int rank = ex.rank();
        boolean[] owned = plan.owned(rank);
        BoardLinks links = new BoardLinks(plan, ex, window);
        long seed = o.seed() == null ? 0 : o.seed();
        PartitionActivity.Recorder activity = o.traces() == null ? null : new PartitionActivity.Recorder(owned);
        try (Chip chip = Chip.load(MemberImage.restrict(net.image(), owned),
                ChipOptions.defaults().withThreads(o.threads()).withSeed(seed)
                        .withNetwork(activity == null ? links.factory() : activity.wrap(links.factory())))) {
            chip.collectOutputs(false);
            Inputs inputs = new Inputs(chip, net, o.inputs(), o.seed());
            inputs.restrictTo(owned);
            // every member probes every neuron asked for (same order as myelin run); only its own cores' values count
            ProbeSet probeSet = new ProbeSet(chip, o.probes(), net.probes());
            // this member's learning cores get the devices (and seeds) of the single-JVM run
            boolean devices = RunSession.attachDevices(chip, o.learned().device(), o.learned().adcBits(), seed, owned);
            boolean plotsWeights = o.traces() != null && o.traces().plots() != null
                    && LearnedWeights.learns(net.image());
            boolean gathersLearned = o.learned().dumpWeights() != null || o.learned().saveBinary() != null
                    || plotsWeights;
            // every member holds every core's starting weights (the inert cores keep their synapses)
            double[] weightsBefore = plotsWeights && rank == 0 ? LearnedWeights.values(chip) : null;
            boolean probed = !o.probes().isEmpty() || net.probes().stream().anyMatch(q -> q.v() || q.u());
            Path probeCsv = o.probeFile() != null ? o.probeFile() : probed ? o.defaultProbeCsv() : null;
            boolean withU = chip.image().arch().datapath() == dev.myelin.isa.arch.Datapath.LOIHI_CUBA;
            ProbeTraces traces = probeCsv == null ? null : new ProbeTraces(probeSet, owned, withU, o.ticks());
            LinkRecords spikes = o.gathersSpikes() ? new LinkRecords(1024) : null;
            long[] digests = o.digests() == null ? null : new long[(int) Math.min(o.ticks(), 1 << 20)];
            long start = System.nanoTime();
            long t = 0;
            PartitionLostException lost = null;
            try {
                for (; t < o.ticks(); t++) {
                    inputs.inject(t);
                    chip.step();
                    if (traces != null) {
                        traces.tick();
                    }
                    if (activity != null) {
                        activity.tick(chip, t);
                    }
                    if (spikes != null) {
                        recordSpikes(chip, owned, t, spikes);
                    }
                    if (digests != null) {
                        if (t >= digests.length) {
                            digests = java.util.Arrays.copyOf(digests, (int) Math.min(Integer.MAX_VALUE - 8,
                                    Math.max(t + 1, 2L * digests.length)));
                        }
                        digests[(int) t] = StateDigest.tick(chip, owned);
                    }
                }
            } catch (PartitionLostException e) {
                lost = e;
                err.println("myelin run: partition " + rank + ": " + e.getMessage());
            }
            long end = System.nanoTime();
            double wall = (end - start) / 1e9;
            Part mine = new Part(t, spikes, digests, counterRows(chip, owned), traces == null ? null : traces.v,
                    traces == null ? null : traces.u, activity == null ? null : activity.rows(),
                    activity == null ? null : activity.packets(),
                    gathersLearned ? ownedLearned(chip, owned) : List.of());
            List<Path> written = new ArrayList<>();
            RunResult traced = null;
            if (lost == null) {
                try {
                    byte[][] all = ex.gather(t, mine.encode());
                    if (all != null) {
                        List<Part> parts = new ArrayList<>();
                        for (byte[] b : all) {
                            parts.add(Part.decode(b, chip));
                        }
                        write(o, chip, parts, false, "", written, probeSet, probeCsv, withU);
                        if (gathersLearned) {
                            writeLearned(o, chip, net, parts, devices, t, weightsBefore, written);
                        }
                        if (o.traces() != null) {
                            traced = replay(o, chip, net, parts, t, probeSet, wall, seed, err, written);
                        }
                    }
                } catch (PartitionLostException e) {
                    lost = e;
                    err.println("myelin run: partition " + rank + ": " + e.getMessage());
                }
            }
            if (lost != null) {
                write(o, chip, List.of(mine), true, ".part-" + rank, written, probeSet, probeCsv, withU);
            }
            return new Result(t, lost != null, lost, wall, links.windows(), links.recordsSent(),
                    links.recordsReceived(), links.exchangeNanos() / 1e9, written, traced,
                    (System.nanoTime() - end) / 1e9);
        }
    }

    /** Rank 0: the outputs that need every member's activity, from the gathered parts ({@link PartitionActivity}). */
    private static RunResult replay(Options o, Chip chip, CompiledNetwork net, List<Part> parts, long ticks,
                                    ProbeSet probeSet, double wall, long seed, PrintWriter err, List<Path> written) {
        List<long[]> rows = new ArrayList<>();
        List<long[]> packets = new ArrayList<>();
        List<LinkRecords> spikes = new ArrayList<>();
        for (Part p : parts) {
            rows.add(p.activityRows);
            packets.add(p.packets);
            spikes.add(p.spikes);
        }
        int n = probeSet.probes().size();
        int[][] v = new int[n][];
        for (Part p : parts) {
            for (int k = 0; k < n && p.probeV != null && k < p.probeV.length; k++) {
                if (p.probeV[k] != null) {
                    v[k] = p.probeV[k];
                }
            }
        }
        return PartitionActivity.replay(o.traces(), chip, net.image(), ticks, rows, packets, spikes, probeSet, v, wall,
                seed, err, written).result();
    }

    /** This member's learning cores' state at the end of the run. */
    private static List<LearnedWeights.CoreState> ownedLearned(Chip chip, boolean[] owned) {
        List<LearnedWeights.CoreState> out = new ArrayList<>();
        for (LearnedWeights.CoreState s : LearnedWeights.state(chip, owned)) {
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Rank 0: {@code --dump-weights}, {@code --save-binary} and the weights picture of
     * {@code --plots}, from every member's learning cores, as {@code myelin run} writes them.
     */
    private static void writeLearned(Options o, Chip chip, CompiledNetwork net, List<Part> parts, boolean devices,
                                     long ticks, double[] weightsBefore, List<Path> written) {
        LearnedWeights.CoreState[] state = new LearnedWeights.CoreState[chip.layout().cores()];
        for (Part p : parts) {
            for (LearnedWeights.CoreState s : p.learned) {
                state[s.core()] = s;
            }
        }
        for (int c = 0; c < state.length; c++) {
            if (chip.learning(c) != null && state[c] == null) {
                throw new IllegalStateException("no member sent the learned state of core " + chip.layout().core(c));
            }
        }
        Learned l = o.learned();
        if (l.dumpWeights() != null) {
            LearnedWeights.writeCsv(l.dumpWeights(), chip, state, devices);
            written.add(l.dumpWeights());
        }
        if (l.saveBinary() != null) {
            dev.myelin.isa.codec.NbinCodec.write(l.saveBinary(), LearnedWeights.learnedImage(net.image(), chip, state));
            written.add(l.saveBinary());
        }
        if (weightsBefore != null) {
            RunOptions t = o.traces();
            written.add(dev.myelin.chip.plot.LearningPlots.weights(t.plots().resolve(RunSession.WEIGHTS_PNG),
                    t.network().getFileName() + ", " + ticks + " ticks", weightsBefore,
                    LearnedWeights.values(chip, state), "raw weight"));
        }
    }

    /** The tick's spikes of this member's cores: (tick, core << 16 | neuron), in core then neuron order. */
    private static void recordSpikes(Chip chip, boolean[] owned, long t, LinkRecords spikes) {
        int n = chip.lastTickCores();
        for (int i = 0; i < n; i++) {
            int c = chip.lastTickCore(i);
            if (!owned[c]) {
                continue;
            }
            int fired = chip.firedCount(c);
            for (int k = 0; k < fired; k++) {
                spikes.add(t, (long) c << 16 | chip.fired(c, k));
            }
        }
    }

    /** The owned cores' counter totals: per row the core index then one value per counter. */
    private static long[][] counterRows(Chip chip, boolean[] owned) {
        CounterSet totals = chip.counters();
        List<long[]> rows = new ArrayList<>();
        List<Counter> all = Counter.all();
        for (int c = 0; c < owned.length; c++) {
            if (owned[c]) {
                long[] row = new long[1 + all.size()];
                row[0] = c;
                for (int k = 0; k < all.size(); k++) {
                    row[1 + k] = totals.get(c, all.get(k));
                }
                rows.add(row);
            }
        }
        return rows.toArray(new long[0][]);
    }

    /** Writes the merged files of {@code parts} (each a member's share; one for a member's own partial part). */
    private static void write(Options o, Chip chip, List<Part> parts, boolean partial, String suffix, List<Path> written,
                              ProbeSet probeSet, Path probeCsv, boolean withU) {
        long ticks = Long.MAX_VALUE;
        for (Part p : parts) {
            ticks = Math.min(ticks, p.ticks);
        }
        if (o.spikes() != null) {
            Path f = sibling(o.spikes(), suffix);
            PopulationMap names = new PopulationMap(chip.image(), chip.layout());
            RowCsv csv = RowCsv.spikes(f);
            int[] at = new int[parts.size()];
            while (true) {
                // k-way merge on (tick, core): each part is in that order and no core is in two parts
                int best = -1;
                long bestTick = 0;
                long bestCore = 0;
                for (int p = 0; p < parts.size(); p++) {
                    LinkRecords s = parts.get(p).spikes;
                    if (at[p] < s.size()) {
                        long tick = s.first(at[p]);
                        long core = s.second(at[p]) >>> 16;
                        if (best < 0 || tick < bestTick || tick == bestTick && core < bestCore) {
                            best = p;
                            bestTick = tick;
                            bestCore = core;
                        }
                    }
                }
                if (best < 0) {
                    break;
                }
                LinkRecords s = parts.get(best).spikes;
                int c = (int) (s.second(at[best]) >>> 16);
                int j = (int) (s.second(at[best]) & 0xFFFF);
                csv.spike(bestTick, names.label(c, j), names.labelIndex(c, j));
                at[best]++;
            }
            csv.commit(partial, ticks);
            written.add(f);
        }
        if (o.counters() != null) {
            Path f = sibling(o.counters(), suffix);
            List<Counter> all = Counter.all();
            long[][] rows = new long[chip.layout().cores()][];
            for (Part p : parts) {
                for (long[] r : p.counters) {
                    rows[(int) r[0]] = r;
                }
            }
            try (AtomicStream out = new AtomicStream(f)) {
                StringBuilder b = new StringBuilder("core,x,y,slot");
                for (Counter k : all) {
                    b.append(',').append(k.key());
                }
                out.write(b.append('\n'));
                long[] total = new long[all.size()];
                for (int c = 0; c < rows.length; c++) {
                    if (rows[c] == null) {
                        continue; // a partial part holds its own cores only
                    }
                    CoreId id = chip.layout().core(c);
                    b.setLength(0);
                    b.append(c).append(',').append(id.x()).append(',').append(id.y()).append(',').append(id.slot());
                    for (int k = 0; k < all.size(); k++) {
                        b.append(',').append(rows[c][1 + k]);
                        total[k] = all.get(k).combine(total[k], rows[c][1 + k]);
                    }
                    out.write(b.append('\n'));
                }
                b.setLength(0);
                b.append("board,,,");
                for (long v : total) {
                    b.append(',').append(v);
                }
                out.write(b.append('\n'));
                out.commit(partial, ticks);
            }
            written.add(f);
        }
        if (probeCsv != null) {
            // tick by tick, every probe in the order of myelin run, its values from the member that runs its core
            Path f = sibling(probeCsv, suffix);
            RowCsv csv = RowCsv.probes(f, withU);
            int n = probeSet.probes().size();
            int[][] v = new int[n][];
            int[][] u = new int[n][];
            for (Part p : parts) {
                for (int k = 0; k < n; k++) {
                    if (p.probeV[k] != null) {
                        v[k] = p.probeV[k];
                        u[k] = p.probeU[k];
                    }
                }
            }
            for (int t = 0; t < ticks; t++) {
                for (int k = 0; k < n; k++) {
                    if (v[k] == null) {
                        continue; // a partial part holds its own cores' probes only
                    }
                    if (withU) {
                        csv.state(t, probeSet.population(k), probeSet.index(k), v[k][t], u[k][t]);
                    } else {
                        csv.state(t, probeSet.population(k), probeSet.index(k), v[k][t]);
                    }
                }
            }
            csv.commit(partial, ticks);
            written.add(f);
        }
        if (o.digests() != null) {
            Path f = sibling(o.digests(), suffix);
            try (AtomicStream out = new AtomicStream(f)) {
                out.write("tick,digest\n");
                StringBuilder b = new StringBuilder();
                for (int t = 0; t < ticks; t++) {
                    long sum = 0;
                    for (Part p : parts) {
                        sum += p.digests[t];
                    }
                    b.setLength(0);
                    b.append(t).append(',').append(String.format("%016x", sum)).append('\n');
                    out.write(b);
                }
                out.commit(partial, ticks);
            }
            written.add(f);
        }
    }

    private static Path sibling(Path f, String suffix) {
        return suffix.isEmpty() ? f : f.resolveSibling(f.getFileName() + suffix);
    }

    /** One member's share of the outputs, as it travels to rank 0. */
    private record Part(long ticks, LinkRecords spikes, long[] digests, long[][] counters, int[][] probeV,
                        int[][] probeU, long[] activityRows, long[] packets, List<LearnedWeights.CoreState> learned) {
        byte[] encode() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream d = new DataOutputStream(bytes)) {
                d.writeLong(ticks);
                int n = spikes == null ? 0 : spikes.size();
                d.writeInt(n);
                for (int i = 0; i < n; i++) {
                    d.writeLong(spikes.first(i));
                    d.writeLong(spikes.second(i));
                }
                int m = digests == null ? 0 : (int) ticks;
                d.writeInt(m);
                for (int i = 0; i < m; i++) {
                    d.writeLong(digests[i]);
                }
                d.writeInt(counters.length);
                for (long[] r : counters) {
                    d.writeInt(r.length);
                    for (long v : r) {
                        d.writeLong(v);
                    }
                }
                int probes = probeV == null ? 0 : probeV.length;
                d.writeInt(probes);
                for (int k = 0; k < probes; k++) {
                    writeInts(d, probeV[k], ticks);
                    writeInts(d, probeU[k], ticks);
                }
                writeLongs(d, activityRows);
                writeLongs(d, packets);
                d.writeInt(learned.size());
                for (LearnedWeights.CoreState l : learned) {
                    l.write(d);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        static Part decode(byte[] b, Chip chip) {
            try (DataInputStream d = new DataInputStream(new ByteArrayInputStream(b))) {
                long ticks = d.readLong();
                int n = d.readInt();
                LinkRecords s = new LinkRecords(Math.max(1, n));
                for (int i = 0; i < n; i++) {
                    s.add(d.readLong(), d.readLong());
                }
                int m = d.readInt();
                long[] dg = new long[m];
                for (int i = 0; i < m; i++) {
                    dg[i] = d.readLong();
                }
                int rows = d.readInt();
                long[][] c = new long[rows][];
                for (int r = 0; r < rows; r++) {
                    c[r] = new long[d.readInt()];
                    for (int k = 0; k < c[r].length; k++) {
                        c[r][k] = d.readLong();
                    }
                }
                int probes = d.readInt();
                int[][] pv = new int[probes][];
                int[][] pu = new int[probes][];
                for (int k = 0; k < probes; k++) {
                    pv[k] = readInts(d);
                    pu[k] = readInts(d);
                }
                long[] rowsOfActivity = readLongs(d);
                long[] packetsOut = readLongs(d);
                int learning = d.readInt();
                if (learning < 0 || learning > chip.layout().cores()) {
                    throw new IOException("learned state of " + learning + " cores");
                }
                List<LearnedWeights.CoreState> learned = new ArrayList<>();
                for (int i = 0; i < learning; i++) {
                    learned.add(LearnedWeights.CoreState.read(d, chip.layout().cores(),
                            core -> chip.learning(core) == null ? -1 : chip.learning(core).synapses()));
                }
                return new Part(ticks, s, dg, c, pv, pu, rowsOfActivity, packetsOut, learned);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The first {@code ticks} values, or -1 for none (a probe of another member's core). */
        private static void writeInts(DataOutputStream d, int[] a, long ticks) throws IOException {
            if (a == null) {
                d.writeInt(-1);
                return;
            }
            d.writeInt((int) ticks);
            for (int i = 0; i < ticks; i++) {
                d.writeInt(a[i]);
            }
        }

        private static void writeLongs(DataOutputStream d, long[] a) throws IOException {
            d.writeInt(a == null ? -1 : a.length);
            if (a != null) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * Math.min(a.length, 4096));
                for (int i = 0; i < a.length; i += 4096) {
                    b.clear();
                    int n = Math.min(4096, a.length - i);
                    b.asLongBuffer().put(a, i, n);
                    d.write(b.array(), 0, 8 * n);
                }
            }
        }

        private static long[] readLongs(DataInputStream d) throws IOException {
            int n = d.readInt();
            if (n < 0) {
                return null;
            }
            long[] a = new long[n];
            byte[] buf = new byte[8 * Math.min(Math.max(n, 1), 4096)];
            for (int i = 0; i < n; i += 4096) {
                int m = Math.min(4096, n - i);
                d.readFully(buf, 0, 8 * m);
                java.nio.ByteBuffer.wrap(buf, 0, 8 * m).asLongBuffer().get(a, i, m);
            }
            return a;
        }

        private static int[] readInts(DataInputStream d) throws IOException {
            int n = d.readInt();
            if (n < 0) {
                return null;
            }
            int[] a = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = d.readInt();
            }
            return a;
        }
    }

    /**
     * The values of the probes on this member's cores, every tick, held until the end (bounded by
     * {@link #MAX_PROBE_VALUES}); {@code v[k]} is null for a probe of another member's core.
     */
    private static final class ProbeTraces {
        final ProbeSet set;
        final List<Probe> probes;
        final int[][] v;
        final int[][] u;
        int ticks;

        ProbeTraces(ProbeSet set, boolean[] owned, boolean withU, long runTicks) {
            this.set = set;
            this.probes = set.probes();
            if ((long) probes.size() * runTicks > MAX_PROBE_VALUES) {
                throw new MyelinInputException("a partitioned run keeps every probed value until the end: at most "
                        + MAX_PROBE_VALUES + " (" + probes.size() + " probed neurons x " + runTicks + " ticks is more)");
            }
            v = new int[probes.size()][];
            u = new int[probes.size()][];
            int cap = (int) Math.min(runTicks, 1024);
            for (int k = 0; k < probes.size(); k++) {
                if (owned[probes.get(k).core()]) {
                    v[k] = new int[cap];
                    u[k] = new int[cap];
                }
            }
        }

        /** Takes the values the probes recorded in the tick just stepped, then lets them forget. */
        void tick() {
            for (int k = 0; k < probes.size(); k++) {
                Probe p = probes.get(k);
                if (v[k] != null) {
                    for (int i = 0; i < p.ticks(); i++) {
                        int at = (int) p.firstTick() + i;
                        if (at >= v[k].length) {
                            int grown = Math.max(at + 1, 2 * v[k].length);
                            v[k] = java.util.Arrays.copyOf(v[k], grown);
                            u[k] = java.util.Arrays.copyOf(u[k], grown);
                        }
                        v[k][at] = p.v(i);
                        u[k][at] = p.u(i);
                    }
                }
                p.clear();
            }
        }
    }
}
