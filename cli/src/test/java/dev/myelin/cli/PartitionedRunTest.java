package dev.myelin.cli;

import dev.myelin.chip.dist.BoardNet;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.spi.Stimulus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Partitioned runs with real member JVMs on 127.0.0.1 over JGroups: a 2 x 2-chip board with
 * delays 1..4 (3..4 across chips) and a fixed seed, 2,000 ticks. One JVM and K = 2 and 3 JVMs at
 * D = 1 and D = the smallest delay between partitions (3) write the same spikes, per-tick state
 * digests and counters byte for byte; killing a member makes the others exit 3 within 15 s with
 * partial outputs. Every wait is bounded.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PartitionedRunTest {
    static final long SEED = 20261207L;
    static final int TICKS = 2000;

    /** Six neurons of population all (index core x 16 + neuron), on cores of all four chips. */
    static final String PROBE = "all:0,37,90,140,200,255";

    @TempDir
    static Path dir;
    static Path nbin;
    static Path input;

    @BeforeAll
    static void board() throws Exception {
        nbin = dir.resolve("board.nbin");
        NbinCodec.write(nbin, BoardNet.image(SEED));
        Stimulus.SpikeArray in = BoardNet.inputs(SEED, TICKS);
        StringBuilder b = new StringBuilder("tick,index\n");
        for (int i = 0; i < in.tick().length; i++) {
            b.append(in.tick()[i]).append(',').append(in.index()[i]).append('\n');
        }
        input = dir.resolve("in.csv");
        Files.writeString(input, b);
    }

    private static int myelin(List<String> args, StringWriter out, StringWriter err) {
        return Main.run(args.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static List<String> runArgs(Path out, long ticks) throws Exception {
        Files.createDirectories(out);
        return new ArrayList<>(List.of("run", nbin.toString(), "--ticks=" + ticks, "--input=in=" + input, "--seed=7",
                "--quiet", "--spikes=" + out.resolve("spikes.csv"), "--counters=" + out.resolve("counters.csv"),
                "--digests=" + out.resolve("digests.csv")));
    }

    @Test
    void oneJvmAndTwoAndThreeJvmsWriteTheSameFiles() throws Exception {
        Path one = dir.resolve("one");
        List<String> a = runArgs(one, TICKS);
        a.add("--local-partitions=1");
        a.add("--probe=" + PROBE);
        a.addAll(traceArgs(one));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, myelin(a, out, err), err.toString());
        assertTrue(Files.readAllLines(one.resolve("spikes.csv")).size() > 5000);

        // the plain single-JVM run (mesh network, simple timing) writes the same spike list
        Path plain = dir.resolve("plain");
        Files.createDirectories(plain);
        List<String> p = new ArrayList<>(List.of("run", nbin.toString(), "--ticks=" + TICKS, "--input=in=" + input,
                "--seed=7", "--quiet", "--spikes=" + plain.resolve("spikes.csv"), "--probe=" + PROBE));
        p.addAll(traceArgs(plain));
        StringWriter plainOut = new StringWriter();
        assertEquals(0, myelin(p, plainOut, err), err.toString());
        // ... and the same probes (probes.csv beside --spikes in both), every probe every tick
        assertEquals(1 + 6 * TICKS, Files.readAllLines(plain.resolve("probes.csv")).size());
        for (String f : List.of("spikes.csv", "probes.csv")) {
            assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(plain.resolve(f)), f);
        }
        sameTraces(plain, one, "K = 1");
        // the member (rank 0) prints myelin run's summary too: the same but for the wall clock and the file list
        assertEquals(summary(plainOut.toString()), summary(out.toString()), "summary of K = 1");

        for (int k : new int[] {2, 3}) {
            for (int d : new int[] {1, BoardNet.CROSS_MIN_DELAY}) {
                Path o = dir.resolve("k" + k + "d" + d);
                List<String> args = runArgs(o, TICKS);
                args.add("--local-partitions=" + k);
                args.add("--window=" + d);
                args.add("--probe=" + PROBE);
                // the priced and traced outputs in two of the runs (the pictures: chip's PartitionRunTest)
                boolean traced = k == 2 ? d == BoardNet.CROSS_MIN_DELAY : d == 1;
                if (traced) {
                    args.addAll(traceArgs(o));
                }
                StringWriter e = new StringWriter();
                assertEquals(0, myelin(args, new StringWriter(), e), "K = " + k + ", D = " + d + ": " + e);
                for (String f : List.of("spikes.csv", "digests.csv", "counters.csv", "probes.csv")) {
                    assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(o.resolve(f)),
                            f + " of K = " + k + ", D = " + d);
                }
                if (traced) {
                    sameTraces(plain, o, "K = " + k + ", D = " + d);
                }
            }
        }
    }

    /** The outputs priced from the whole board's activity: per-tick CSV, VCD, stats. */
    private static List<String> traceArgs(Path out) {
        return List.of("--per-tick=" + out.resolve("per-tick.csv"), "--vcd=" + out.resolve("run.vcd"),
                "--stats=" + out.resolve("stats.txt"));
    }

    /**
     * The traced outputs of {@code o} are those of the single-JVM run {@code plain} byte for byte,
     * but for the lines that carry the host's wall clock: the VCD's {@code $date}, and the stats'
     * wall time and real-time factor (model time / wall time).
     */
    private static void sameTraces(Path plain, Path o, String what) throws Exception {
        assertEquals(TICKS + 1, Files.readAllLines(plain.resolve("per-tick.csv")).size());
        assertArrayEquals(Files.readAllBytes(plain.resolve("per-tick.csv")), Files.readAllBytes(o.resolve("per-tick.csv")),
                "per-tick.csv of " + what);
        for (String f : List.of("run.vcd", "stats.txt", "stats.json", "stats.config.ini")) {
            List<String> a = deterministic(Files.readAllLines(plain.resolve(f)));
            List<String> b = deterministic(Files.readAllLines(o.resolve(f)));
            assertEquals(a, b, f + " of " + what);
        }
        // the traffic a crossing spike makes is counted as in one JVM: the board has chip-link crossings
        assertTrue(Files.readAllLines(o.resolve("stats.txt")).stream()
                .anyMatch(l -> l.matches("network\\.chip_link_crossings\\s+[1-9].*")), "chip-link crossings counted");
    }

    /** The lines of a VCD or stats file without those that carry the wall clock (the line after $date too). */
    private static List<String> deterministic(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("$date")) {
                i++; // the date itself
                continue;
            }
            if (l.matches(".*\\bsim\\.(wall_seconds|real_time_factor)\\b.*")) {
                continue;
            }
            out.add(l);
        }
        assertTrue(out.size() > 20, "a VCD or stats file of some length: " + out.size());
        return out;
    }

    /** myelin run's summary without the lines that carry the wall clock or name the files written. */
    private static List<String> summary(String text) {
        List<String> out = new ArrayList<>();
        boolean started = false;
        for (String l : text.split("\n")) {
            started |= l.startsWith("Spikes per population:");
            if (started && !l.startsWith("Clocks:") && !l.startsWith("Speed:") && !l.startsWith("Written:")
                    && !l.startsWith("  /")) {
                out.add(l);
            }
        }
        assertTrue(out.size() > 10, text);
        return out;
    }

    /** A plain run in a JVM of its own, logging every class it loads: none of JGroups or of dev.myelin.dist. */
    @Test
    void aPlainRunLoadsNothingOfJGroups() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(Partitioned.jvmFlags());
        cmd.addAll(List.of("-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", nbin.toString(), "--ticks=20", "--input=in=" + input, "--quiet",
                "--spikes=" + dir.resolve("plain-classes.csv")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log;
        try (BufferedReader rd = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            log = rd.lines().reduce("", (a, b) -> a + b + "\n");
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("dev.myelin.cli.RunCommand"), "the class log works");
        assertTrue(!log.contains("org.jgroups") && !log.contains("dev.myelin.dist"), "JGroups loaded by a plain run");
    }

    @Test
    void aWindowBeyondTheSmallestDelayIsAUsageError() throws Exception {
        List<String> a = runArgs(dir.resolve("bad"), 10);
        a.add("--local-partitions=2");
        a.add("--window=4");
        StringWriter err = new StringWriter();
        assertEquals(2, myelin(a, new StringWriter(), err));
        assertTrue(err.toString().contains("--window = 4 is out of range [1, 3]"), err.toString());
    }

    /** Checked before any member starts: two outputs on one file, and the cycle timing model. */
    @Test
    void twoOutputsOnOneFileAndCycleTimingAreUsageErrors() throws Exception {
        List<String> a = runArgs(dir.resolve("bad"), 10);
        a.add("--local-partitions=2");
        a.add("--per-tick=" + dir.resolve("bad").resolve("spikes.csv"));
        StringWriter err = new StringWriter();
        assertEquals(2, myelin(a, new StringWriter(), err));
        assertTrue(err.toString().contains("--spikes " + dir.resolve("bad").resolve("spikes.csv") + " and --per-tick"),
                err.toString());
        List<String> b = runArgs(dir.resolve("bad"), 10);
        b.add("--local-partitions=2");
        b.add("--timing=cycle");
        err = new StringWriter();
        assertEquals(2, myelin(b, new StringWriter(), err));
        assertTrue(err.toString().contains("--timing cycle is not available in a partitioned run"), err.toString());
    }

    /** Three members; rank 1 is killed mid-run; ranks 0 and 2 must exit 3 within 15 s, naming it, with partial parts. */
    @Test
    void killingAMemberStopsTheOthersWithCode3() throws Exception {
        Path o = dir.resolve("kill");
        List<Integer> ports = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            held.add(s);
            ports.add(s.getLocalPort());
        }
        for (ServerSocket s : held) {
            s.close();
        }
        String list = "127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + ports.get(1) + ",127.0.0.1:" + ports.get(2);
        List<Process> ps = new ArrayList<>();
        List<List<String>> errs = new ArrayList<>();
        try {
            for (int r = 0; r < 3; r++) {
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
                cmd.addAll(Partitioned.jvmFlags());
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Djava.net.preferIPv4Stack=true",
                        Main.class.getName()));
                cmd.addAll(runArgs(o, 100_000_000L));
                cmd.remove("--quiet");
                cmd.add("--window=1");
                cmd.add("--partitions=" + list);
                cmd.add("--rank=" + r);
                Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                ps.add(p);
                List<String> lines = new CopyOnWriteArrayList<>();
                errs.add(lines);
                Thread t = new Thread(() -> {
                    try (BufferedReader rd = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                        for (String line = rd.readLine(); line != null; line = rd.readLine()) {
                            lines.add(line);
                        }
                    } catch (java.io.IOException ignored) {
                        // the process ended
                    }
                });
                t.setDaemon(true);
                t.start();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            for (int r = 0; r < 3; r++) {
                while (errs.get(r).stream().noneMatch(l -> l.contains("group formed"))) {
                    assertTrue(System.nanoTime() < deadline, "member " + r + " did not start: " + errs.get(r));
                    assertTrue(ps.get(r).isAlive(), "member " + r + " ended: " + errs.get(r));
                    Thread.sleep(50);
                }
            }
            Thread.sleep(1500); // the members are running windows now
            ps.get(1).destroyForcibly();
            long killed = System.nanoTime();
            for (int r : new int[] {0, 2}) {
                long left = TimeUnit.SECONDS.toNanos(15) - (System.nanoTime() - killed);
                assertTrue(ps.get(r).waitFor(Math.max(0, left), TimeUnit.NANOSECONDS), "member " + r + " still running");
                assertEquals(3, ps.get(r).exitValue(), "member " + r + ": " + errs.get(r));
                Thread.sleep(100); // the reader thread drains the last lines
                String text = String.join("\n", errs.get(r));
                assertTrue(text.matches("(?s).*partition 1 \\(127\\.0\\.0\\.1:" + ports.get(1) + "\\) left at tick \\d+.*"), text);
                for (String f : List.of("spikes.csv", "digests.csv", "counters.csv")) {
                    List<String> lines = Files.readAllLines(o.resolve(f + ".part-" + r));
                    assertTrue(lines.get(lines.size() - 1).startsWith("# partial run: stopped after "), f);
                }
            }
        } finally {
            for (Process p : ps) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
