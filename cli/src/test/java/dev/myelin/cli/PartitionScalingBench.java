package dev.myelin.cli;

import dev.myelin.chip.dist.BoardLoad;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.codec.NbinCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The figures of docs/distributed.md ("Measured"): per-window exchange cost for K = 2 and 4
 * members at D = 1, 4 and 16 on a small board, and ticks/s of a driven 4-chip TrueNorth board on
 * 1, 2 and 4 JVMs. Runs only with {@code -Dmyelin.dist.bench=true} (about 15 minutes on two
 * cores); {@code -Dmyelin.dist.reps=N} sets the repetitions (default 3). Prints medians and ranges.
 */
@EnabledIfSystemProperty(named = "myelin.dist.bench", matches = "true")
class PartitionScalingBench {
    private static final Pattern LINE = Pattern.compile(
            "partition (\\d+) of (\\d+) .*\\(([0-9.]+) ticks/s\\).*\\(([0-9.]+) ms per window\\)");

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        int reps = Integer.getInteger("myelin.dist.reps", 3);
        Path small = dir.resolve("small.nbin");
        // tiny chips (2 x 2 cores of 16 x 16), every core used, crossing delays >= 16: D = 16 is exact
        NbinCodec.write(small, BoardLoad.image(BoardLoad.board(Presets.require("tiny"), 32), 2, 16, 1));
        Path tn = dir.resolve("tn.nbin");
        // 4 TrueNorth chips, a 16 x 16 block of 256 x 256 cores on each: 1,024 cores, 262,144 neurons
        NbinCodec.write(tn, BoardLoad.image(BoardLoad.board(Presets.require("truenorth"), 16), 16, 4, 1));
        StringBuilder report = new StringBuilder("\nper-window exchange cost, small board, 3200 ticks (ms per window, rank 0: median [min, max])\n");
        for (int k : new int[] {2, 4}) {
            for (int d : new int[] {1, 4, 16}) {
                double[] ms = new double[reps];
                for (int i = 0; i < reps; i++) {
                    ms[i] = run(small, k, d, 3200)[1];
                }
                report.append(String.format(Locale.ROOT, "K = %d, D = %2d: %s%n", k, d, stats(ms)));
                System.out.println(String.format(Locale.ROOT, "K = %d, D = %2d: %s", k, d, stats(ms)));
            }
        }
        report.append("ticks/s, 4-chip TrueNorth board (1,024 cores), 300 ticks, D = 4 (rank 0: median [min, max])\n");
        for (int k : new int[] {1, 2, 4}) {
            double[] tps = new double[reps];
            for (int i = 0; i < reps; i++) {
                tps[i] = run(tn, k, 4, 300)[0];
            }
            report.append(String.format(Locale.ROOT, "K = %d: %s ticks/s%n", k, stats(tps)));
            System.out.println(String.format(Locale.ROOT, "K = %d: %s ticks/s", k, stats(tps)));
        }
        System.out.println(report);
    }

    private static String stats(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", s[s.length / 2], s[0], s[s.length - 1]);
    }

    /** One run of K member JVMs: rank 0's ticks/s and exchange ms per window. */
    private double[] run(Path nbin, int k, int d, int ticks) throws Exception {
        List<Integer> ports = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            held.add(s);
            ports.add(s.getLocalPort());
        }
        for (ServerSocket s : held) {
            s.close();
        }
        StringBuilder list = new StringBuilder();
        for (int p : ports) {
            list.append(list.length() == 0 ? "" : ",").append("127.0.0.1:").append(p);
        }
        List<Process> ps = new ArrayList<>();
        try {
            for (int r = 0; r < k; r++) {
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
                cmd.addAll(Partitioned.jvmFlags());
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Djava.net.preferIPv4Stack=true",
                        Main.class.getName(), "run", nbin.toString(), "--ticks=" + ticks, "--seed=1", "--quiet",
                        "--window=" + Math.min(d, k == 1 ? 15 : d)));
                if (k == 1) {
                    cmd.add("--local-partitions=1");
                } else {
                    cmd.addAll(List.of("--partitions=" + list, "--rank=" + r));
                }
                ps.add(new ProcessBuilder(cmd).redirectErrorStream(true).start());
            }
            String out;
            try (BufferedReader rd = new BufferedReader(new InputStreamReader(ps.get(0).getInputStream(), StandardCharsets.UTF_8))) {
                out = rd.lines().reduce("", (a, b) -> a + b + "\n");
            }
            for (Process p : ps) {
                assertTrue(p.waitFor(600, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue(), out);
            }
            Matcher m = LINE.matcher(out);
            assertTrue(m.find(), out);
            return new double[] {Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))};
        } finally {
            for (Process p : ps) {
                p.destroyForcibly();
            }
        }
    }
}
