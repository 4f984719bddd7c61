package dev.myelin.chip.dist;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.run.PartitionRun;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.DirectNetwork;
import dev.myelin.chip.sim.SpikeNetwork;
import dev.myelin.chip.timing.MeshNetwork;
import dev.myelin.chip.timing.TimingMode;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.spi.CompiledNetwork;
import dev.myelin.isa.spi.Stimulus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Partitioned runs in one JVM (members on threads): the same files as one member, which matches the direct network. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PartitionRunTest {
    static final long SEED = 20261207L;
    static final int TICKS = 2000;

    @TempDir
    Path dir;

    private PartitionRun.Options options(Path out) throws Exception {
        Files.createDirectories(out);
        return new PartitionRun.Options(TICKS, Map.of(), 7L, 1, out.resolve("spikes.csv"), out.resolve("counters.csv"),
                out.resolve("digests.csv"));
    }

    /** Runs K members on threads and returns rank 0's result; every member must finish cleanly. */
    private List<PartitionRun.Result> runPartitioned(CompiledNetwork net, int k, int window, Path out) throws Exception {
        return runPartitioned(net, k, window, options(out));
    }

    /** Runs {@code net} as {@code k} members on threads of this JVM, each member's result in rank order (none partial). */
    static List<PartitionRun.Result> runPartitioned(CompiledNetwork net, int k, int window, PartitionRun.Options o)
            throws Exception {
        PartitionPlan plan = PartitionPlan.of(net.image(), k);
        ThreadExchange[] ex = ThreadExchange.members(k, 20_000);
        ExecutorService pool = Executors.newFixedThreadPool(k);
        try {
            List<Future<PartitionRun.Result>> fs = new ArrayList<>();
            for (int r = 0; r < k; r++) {
                SpikeExchange e = ex[r];
                fs.add(pool.submit(() -> PartitionRun.run(o, net, plan, window, e, new PrintWriter(new StringWriter()))));
            }
            List<PartitionRun.Result> rs = new ArrayList<>();
            for (Future<PartitionRun.Result> f : fs) {
                PartitionRun.Result r = f.get(100, TimeUnit.SECONDS);
                assertFalse(r.partial(), () -> "member stopped early: " + r.lost());
                rs.add(r);
            }
            return rs;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void partitionsWriteTheFilesOfOneMemberByteForByte() throws Exception {
        CompiledNetwork net = BoardNet.network(SEED, TICKS);
        Path one = dir.resolve("k1");
        runPartitioned(net, 1, 1, one);
        String spikes = Files.readString(one.resolve("spikes.csv"));
        // the board is busy: thousands of spikes, a digest per tick
        assertTrue(spikes.lines().count() > 5000, "spikes: " + spikes.lines().count());
        assertEquals(TICKS + 1, Files.readAllLines(one.resolve("digests.csv")).size());
        for (int k : new int[] {2, 3, 4}) {
            for (int d : new int[] {1, BoardNet.CROSS_MIN_DELAY}) {
                Path out = dir.resolve("k" + k + "d" + d);
                List<PartitionRun.Result> rs = runPartitioned(net, k, d, out);
                // each of the TICKS / d windows was swapped, and chip-to-chip spikes did cross partitions
                assertEquals(TICKS / d, rs.get(0).windows());
                assertTrue(rs.stream().mapToLong(PartitionRun.Result::recordsSent).sum() > 1000);
                for (String f : List.of("spikes.csv", "digests.csv", "counters.csv")) {
                    assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(out.resolve(f)),
                            f + " of K = " + k + ", D = " + d);
                }
            }
        }
    }

    /**
     * One member against the plain engine on the direct network: the same spikes, the same state
     * every tick and every counter total the same, since the plain engine carries chip-to-chip
     * spikes over the same links (counted at their target in the tick before they are due). As
     * the files of K = 2, 3, 4 equal those of one member (above), they equal the plain run's too.
     */
    @Test
    void oneMemberMatchesTheDirectNetwork() throws Exception {
        CompiledNetwork net = BoardNet.network(SEED, TICKS);
        Path one = dir.resolve("k1");
        runPartitioned(net, 1, BoardNet.CROSS_MIN_DELAY, one);
        Stimulus.SpikeArray in = (Stimulus.SpikeArray) net.stimuli().get(0);
        // the engine's default network and the mesh of myelin run with --timing simple
        for (SpikeNetwork.Factory network : List.of(DirectNetwork.FACTORY, MeshNetwork.factory(TimingMode.SIMPLE))) {
            List<String> digests = new ArrayList<>(List.of("tick,digest"));
            List<String> spikes = new ArrayList<>(List.of("tick,population,index"));
            try (Chip chip = Chip.load(net.image(), ChipOptions.defaults().withSeed(7).withNetwork(network))) {
                int next = 0;
                for (int t = 0; t < TICKS; t++) {
                    while (next < in.tick().length && in.tick()[next] == t) {
                        chip.inject("in", in.index()[next], t);
                        next++;
                    }
                    chip.step();
                    for (int c = 0; c < chip.layout().cores(); c++) {
                        for (int k = 0; k < chip.firedCount(c); k++) {
                            int j = chip.fired(c, k);
                            spikes.add(t + ",all," + (c * BoardNet.N + j));
                        }
                    }
                    digests.add(t + "," + String.format("%016x", StateDigest.tick(chip, null)));
                }
                assertEquals(spikes, Files.readAllLines(one.resolve("spikes.csv")));
                assertEquals(digests, Files.readAllLines(one.resolve("digests.csv")));
                List<String> rows = Files.readAllLines(one.resolve("counters.csv"));
                List<String> header = List.of(rows.get(0).split(","));
                for (int c = 0; c < chip.layout().cores(); c++) {
                    String[] row = rows.get(1 + c).split(",");
                    for (Counter k : Counter.all()) {
                        long want = chip.counters().get(c, k);
                        long got = Long.parseLong(row[header.indexOf(k.key())]);
                        assertEquals(want, got, k.key() + " of core " + c + " (" + network + ")");
                    }
                }
            }
        }
    }

    /**
     * Probes: one neuron of every core (neuron c * 5 mod N of core c, index c * N + that in the
     * population {@code all}). {@code myelin run}'s session writes the spikes and the probes of
     * the plain engine; every partition count writes the same two files, byte for byte.
     */
    @Test
    void spikesAndProbesAreThoseOfAPlainRunByteForByte() throws Exception {
        CompiledNetwork net = BoardNet.network(SEED, TICKS);
        StringBuilder probe = new StringBuilder("all:");
        int cores = BoardNet.SIDE * BoardNet.SIDE;
        for (int c = 0; c < cores; c++) {
            probe.append(c == 0 ? "" : ",").append(c * BoardNet.N + c * 5 % BoardNet.N);
        }
        Path plain = dir.resolve("plain");
        Files.createDirectories(plain);
        Path nbin = plain.resolve("board.nbin");
        dev.myelin.isa.codec.NbinCodec.write(nbin, net.image());
        dev.myelin.chip.run.RunSession.run(new dev.myelin.chip.run.RunOptions(nbin, null, TICKS, Map.of(), 7L, 1,
                "simple", plain.resolve("spikes.csv"), List.of(probe.toString()), plain.resolve("probes.csv"), null, null,
                null, null, null, null, 0, true), net, dev.myelin.chip.run.StopFlag.manual(),
                new PrintWriter(new StringWriter()));
        byte[] probes = Files.readAllBytes(plain.resolve("probes.csv"));
        // a header and one row per probe per tick
        assertEquals(1 + (long) cores * TICKS, Files.readAllLines(plain.resolve("probes.csv")).size());
        for (int k : new int[] {1, 2, 3}) {
            Path out = dir.resolve("probes-k" + k);
            Files.createDirectories(out);
            PartitionRun.Options o = new PartitionRun.Options(TICKS, Map.of(), 7L, 1, out.resolve("spikes.csv"), null,
                    null, List.of(probe.toString()), null);
            runPartitioned(net, k, BoardNet.CROSS_MIN_DELAY, o);
            assertArrayEquals(Files.readAllBytes(plain.resolve("spikes.csv")), Files.readAllBytes(out.resolve("spikes.csv")),
                    "spikes of K = " + k);
            // no --probe-file: probes.csv beside --spikes, as myelin run puts it
            assertArrayEquals(probes, Files.readAllBytes(out.resolve("probes.csv")), "probes of K = " + k);
        }
    }

    /**
     * The outputs priced and timed from the whole board's activity: {@code myelin run}'s session
     * on the plain engine writes the per-tick CSV, the VCD, the stats and the pictures; every partition count
     * writes the same files (rank 0 replays every member's activity), but for the lines that carry
     * the wall clock in one JVM too (the VCD's date, the stats' wall time and real-time factor),
     * and rank 0's result has the plain run's energy, traffic and tick latencies.
     */
    @Test
    void statsPerTickAndVcdAreThoseOfAPlainRun() throws Exception {
        CompiledNetwork net = BoardNet.network(SEED, TICKS);
        String probe = "all:3,77,130,250"; // a neuron on each chip
        Path plain = dir.resolve("plain-traces");
        Files.createDirectories(plain);
        Path nbin = plain.resolve("board.nbin");
        dev.myelin.isa.codec.NbinCodec.write(nbin, net.image());
        dev.myelin.chip.run.RunResult want = dev.myelin.chip.run.RunSession.run(traces(nbin, plain, probe, true), net,
                dev.myelin.chip.run.StopFlag.manual(), new PrintWriter(new StringWriter()));
        // a busy board: every tick has a row, and chip-to-chip links carried messages
        assertEquals(TICKS + 1, Files.readAllLines(plain.resolve("per-tick.csv")).size());
        assertTrue(want.counts().chipLinkCrossings() > 1000, "chip-link crossings " + want.counts().chipLinkCrossings());
        int[][] runs = {{2, BoardNet.CROSS_MIN_DELAY}, {3, 1}, {4, BoardNet.CROSS_MIN_DELAY}};
        for (int[] kd : runs) {
            String what = "K = " + kd[0] + ", D = " + kd[1];
            Path out = dir.resolve("traces-k" + kd[0] + "d" + kd[1]);
            Files.createDirectories(out);
            boolean plots = kd[0] == 2; // the pictures once: drawing them takes a while
            PartitionRun.Options o = new PartitionRun.Options(TICKS, Map.of(), 7L, 1, out.resolve("spikes.csv"), null,
                    null, List.of(probe), null, traces(nbin, out, probe, plots));
            List<PartitionRun.Result> rs = runPartitioned(net, kd[0], kd[1], o);
            assertArrayEquals(Files.readAllBytes(plain.resolve("per-tick.csv")), Files.readAllBytes(out.resolve("per-tick.csv")),
                    "per-tick.csv of " + what);
            for (String f : List.of("run.vcd", "stats.txt", "stats.json", "stats.config.ini")) {
                assertEquals(deterministic(Files.readAllLines(plain.resolve(f))),
                        deterministic(Files.readAllLines(out.resolve(f))), f + " of " + what);
            }
            if (plots) {
                List<Path> pngs;
                try (var files = Files.list(plain.resolve("plots"))) {
                    pngs = files.sorted().toList();
                }
                // raster, potentials, core activity, link traffic, latency histogram
                assertTrue(pngs.size() >= 5, pngs.toString());
                for (Path png : pngs) {
                    assertArrayEquals(Files.readAllBytes(png), Files.readAllBytes(out.resolve("plots").resolve(png.getFileName())),
                            png.getFileName() + " of " + what);
                }
            }
            dev.myelin.chip.run.RunResult got = rs.get(0).traced();
            assertNotNull(got, what);
            assertEquals(want.energy().totalPj(), got.energy().totalPj(), what);
            assertEquals(want.messages(), got.messages(), what);
            assertEquals(want.hops(), got.hops(), what);
            assertEquals(want.counts().chipLinkCrossings(), got.counts().chipLinkCrossings(), what);
            assertEquals(want.meanTickNs(), got.meanTickNs(), what);
            assertEquals(want.maxTickNs(), got.maxTickNs(), what);
            assertArrayEquals(want.populationSpikes(), got.populationSpikes(), what);
            for (int r = 1; r < rs.size(); r++) {
                assertEquals(null, rs.get(r).traced(), "rank " + r + " writes nothing of its own");
            }
        }
    }

    /** {@code myelin run}'s options for the spikes, probes, per-tick CSV, VCD, stats (and pictures) in {@code out}. */
    private static dev.myelin.chip.run.RunOptions traces(Path nbin, Path out, String probe, boolean plots) {
        return new dev.myelin.chip.run.RunOptions(nbin, null, TICKS, Map.of(), 7L, 1, "simple",
                out.resolve("spikes.csv"), List.of(probe), null, out.resolve("run.vcd"), out.resolve("stats.txt"),
                out.resolve("per-tick.csv"), null, plots ? out.resolve("plots") : null, null, 0, true);
    }

    /** The lines of a VCD or stats file but those carrying the wall clock (the VCD's date; wall time, real-time factor). */
    private static List<String> deterministic(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("$date")) {
                i++; // the date itself, on the next line
                continue;
            }
            if (!l.matches(".*\\bsim\\.(wall_seconds|real_time_factor)\\b.*")) {
                out.add(l);
            }
        }
        assertTrue(out.size() > 20, "a VCD or stats file of some length: " + out.size());
        return out;
    }

    @Test
    void aWindowLongerThanTheSmallestCrossDelayIsRefused() {
        CompiledNetwork net = BoardNet.network(SEED, 10);
        PartitionPlan plan = PartitionPlan.of(net.image(), 2);
        assertEquals(BoardNet.CROSS_MIN_DELAY, PartitionRun.window(net, plan, 0));
        MyelinInputException e = assertThrows(MyelinInputException.class,
                () -> PartitionRun.window(net, plan, BoardNet.CROSS_MIN_DELAY + 1));
        assertTrue(e.getMessage().contains("--window = 4 is out of range [1, 3]"), e.getMessage());
        assertThrows(MyelinInputException.class, () -> PartitionPlan.of(net.image(), 5));
    }

    /** A peer that never answers: the member stops at its first window's end and writes its part, marked partial. */
    @Test
    void aSilentPeerStopsTheRunWithPartialOutputs() throws Exception {
        CompiledNetwork net = BoardNet.network(SEED, TICKS);
        PartitionPlan plan = PartitionPlan.of(net.image(), 2);
        Path out = dir.resolve("lost");
        PartitionRun.Options o = options(out);
        ThreadExchange[] ex = ThreadExchange.members(2, 300);
        StringWriter err = new StringWriter();
        PartitionRun.Result r = PartitionRun.run(o, net, plan, 3, ex[0], new PrintWriter(err, true));
        assertTrue(r.partial());
        assertNotNull(r.lost());
        // the window is ticks 0..2: the member waited at the end of tick 2 and completed two ticks
        assertEquals(2, r.ticksRun());
        assertTrue(err.toString().contains("partition 1 (thread-1) left at tick 2"), err.toString());
        for (String f : List.of("spikes.csv", "digests.csv", "counters.csv")) {
            assertFalse(Files.exists(out.resolve(f)), f);
            List<String> lines = Files.readAllLines(out.resolve(f + ".part-0"));
            assertEquals("# partial run: stopped after 2 ticks", lines.get(lines.size() - 1), f);
        }
        // header, ticks 0 and 1, the partial mark
        assertEquals(4, Files.readAllLines(out.resolve("digests.csv.part-0")).size());
    }
}
