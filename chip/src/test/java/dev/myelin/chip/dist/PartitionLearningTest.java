package dev.myelin.chip.dist;

import dev.myelin.chip.run.PartitionRun;
import dev.myelin.chip.run.RunOptions;
import dev.myelin.chip.run.RunResult;
import dev.myelin.chip.run.RunSession;
import dev.myelin.chip.run.StopFlag;
import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.NetworkImage;
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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Partitioned runs of a learning board with memristive devices (members on threads): the
 * spikes, the learned weights ({@code --dump-weights}), the learned binary ({@code --save-binary})
 * and the stats are those of {@code myelin run} in one JVM byte for byte, and the counters
 * (device pulses, reads and energy among them) those of one member, for K = 1, 2 and 3.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public class PartitionLearningTest {
    public static final int TICKS = 600;
    static final int N = 8;

    @TempDir
    Path dir;

    /**
     * A Loihi board of 2 x 2 chips of one core each, every core learning by pair STDP on all its
     * axons: neuron j of core c excites axon j of the next core (delay 1..3, always across
     * chips) and axon (j + 3) mod 8 of its own core; port {@code in} drives the 8 axons of core
     * (0,0). {@code device} is the learning section's device line.
     */
    public static NetworkImage image(String device) {
        return Assembler.assemble("learning-board.nasm", listing(device));
    }

    /** The listing {@link #image} assembles. */
    public static String listing(String device) {
        SplittableRandom r = new SplittableRandom(41);
        StringBuilder b = new StringBuilder("""
                .arch loihi
                .set board.chipsX 2
                .set board.chipsY 2
                .set mesh.routersX 1
                .set mesh.routersY 1
                """);
        int[][] at = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
        for (int c = 0; c < 4; c++) {
            int x = at[c][0];
            int y = at[c][1];
            int[] next = at[(c + 1) % 4];
            b.append(".core ").append(x).append(' ').append(y).append(" 0\n");
            b.append(".format 0 bits=8 exp=0 sign=excitatory\n");
            for (int a = 0; a < N; a++) {
                b.append('a').append(a).append(": type=0");
                for (int j = 0; j < N; j++) {
                    if (r.nextInt(2) == 0) {
                        b.append(" n").append(j).append(':').append(40 + r.nextInt(160));
                    }
                }
                b.append('\n');
            }
            for (int j = 0; j < N; j++) {
                b.append('n').append(j).append(": du=2048 dv=3000 vth=").append(300 + r.nextInt(300))
                        .append(" -> (").append(next[0] - x).append(',').append(next[1] - y).append(").0 axon ")
                        .append(j).append(" delay ").append(1 + r.nextInt(3))
                        .append(" -> (0,0).0 axon ").append((j + 3) % N).append(" delay ").append(1 + r.nextInt(3))
                        .append('\n');
            }
            b.append("""
                    .learning epoch=1 weight_frac=1 w_min=0 w_max=255 reward=none
                    .trace x1 decay=1024 impulse=64 width=7 mode=add
                    .trace y1 decay=1024 impulse=64 width=7 mode=add
                    .rule "dw = 2^-2 * x1 * y0 - 2^-3 * y1 * x0"
                    .plastic 0..7
                    """).append(device).append('\n');
        }
        b.append(".input in\n");
        for (int a = 0; a < N; a++) {
            b.append("  ").append(a).append(": core 0 0 0 axon ").append(a).append('\n');
        }
        b.append(".symbol all size=").append(4 * N).append('\n');
        for (int c = 0; c < 4; c++) {
            b.append("  core ").append(at[c][0]).append(' ').append(at[c][1]).append(" 0 neuron=0 count=").append(N)
                    .append(" pop=").append(c * N).append('\n');
        }
        return b.toString();
    }

    /** Every line of {@code in} active with probability 1/3 in each tick. */
    public static CompiledNetwork network(String device) {
        SplittableRandom r = new SplittableRandom(7);
        List<int[]> s = new ArrayList<>();
        for (int t = 0; t < TICKS; t++) {
            for (int line = 0; line < N; line++) {
                if (r.nextInt(3) == 0) {
                    s.add(new int[] {t, line});
                }
            }
        }
        int[] tick = s.stream().mapToInt(e -> e[0]).toArray();
        int[] index = s.stream().mapToInt(e -> e[1]).toArray();
        return new CompiledNetwork(image(device), List.of(new Stimulus.SpikeArray("in", tick, index)), List.of(), "");
    }

    private static List<PartitionRun.Result> runPartitioned(CompiledNetwork net, int k, PartitionRun.Options o)
            throws Exception {
        return PartitionRunTest.runPartitioned(net, k, PartitionRun.window(net, PartitionPlan.of(net.image(), k), 0), o);
    }

    /** {@code myelin run}'s options for spikes, stats, learned weights and binary in {@code out}. */
    private static RunOptions plain(Path nbin, Path out, String device, Integer adcBits, boolean plots) {
        return new RunOptions(nbin, null, TICKS, Map.of(), 5L, 1, "simple", out.resolve("spikes.csv"), List.of(), null,
                null, out.resolve("stats.txt"), null, null, plots ? out.resolve("plots") : null, null, 0, true,
                out.resolve("weights.csv"),
                out.resolve("learned.nbin"), device, adcBits);
    }

    /**
     * The section's device (Ag:a-Si with its cycle-to-cycle noise, so every core's seed shows) and
     * the ideal device read as column currents through a 6-bit ADC, each also with the
     * {@code --device} / {@code --adc-bits} overrides given to every member.
     */
    @Test
    void devicesAndLearnedStateAreThoseOfOneJvm() throws Exception {
        record Case(String name, String section, String device, Integer adcBits) {
        }
        for (Case cs : List.of(new Case("ag-a-si", ".device ag-a-si", null, null),
                new Case("ideal-current", ".device ideal read=current adc_bits=6", null, null),
                new Case("override", "", "ag-a-si", 5),
                // learned per-synapse delays too: the delay column and the re-encoded learning section
                new Case("delays", ".device ideal\n.rule \"dd = 2^-7 * y1 * x0\"\n.delays max=4",
                        null, null))) {
            CompiledNetwork net = network(cs.section());
            Path plainDir = dir.resolve(cs.name() + "-plain");
            Files.createDirectories(plainDir);
            Path nbin = plainDir.resolve("board.nbin");
            NbinCodec.write(nbin, net.image());
            boolean plots = cs.name().equals("ag-a-si"); // the pictures once: drawing them takes a while
            RunResult want = RunSession.run(plain(nbin, plainDir, cs.device(), cs.adcBits(), plots), net, StopFlag.manual(),
                    new PrintWriter(new StringWriter()));
            // the board is busy, and the devices were programmed (a weight's change is a pulse train)
            long spikes = Files.readAllLines(plainDir.resolve("spikes.csv")).size() - 1;
            assertTrue(spikes > 500, cs.name() + ": spikes " + spikes);
            List<String> weights = Files.readAllLines(plainDir.resolve("weights.csv"));
            assertTrue(weights.get(0).endsWith(cs.name().equals("delays") ? ",delay,g_ns" : ",g_ns"), weights.get(0));
            if (cs.name().equals("delays")) {
                // some delays were learned (the column is not all 0)
                assertTrue(weights.stream().skip(1).anyMatch(l -> {
                    String[] f = l.split(",");
                    return !f[f.length - 2].equals("0"); // delay, the column before g_ns
                }), weights.get(1));
            }
            assertNotEquals(Files.readAllBytes(nbin).length, 0);
            byte[] counters1 = null;
            for (int k = 1; k <= 3; k++) {
                String what = cs.name() + ", K = " + k;
                Path out = dir.resolve(cs.name() + "-k" + k);
                Files.createDirectories(out);
                PartitionRun.Options o = new PartitionRun.Options(TICKS, Map.of(), 5L, 1, out.resolve("spikes.csv"),
                        out.resolve("counters.csv"), null, List.of(), null,
                        plain(nbin, out, cs.device(), cs.adcBits(), plots && k == 2),
                        new PartitionRun.Learned(cs.device(), cs.adcBits(), out.resolve("weights.csv"),
                                out.resolve("learned.nbin")));
                List<PartitionRun.Result> rs = runPartitioned(net, k, o);
                for (String f : List.of("spikes.csv", "weights.csv", "learned.nbin")) {
                    assertArrayEquals(Files.readAllBytes(plainDir.resolve(f)), Files.readAllBytes(out.resolve(f)),
                            f + " of " + what);
                }
                if (plots && k == 2) {
                    // the weights before and after, from every member's learning cores
                    assertArrayEquals(Files.readAllBytes(plainDir.resolve("plots/weights.png")),
                            Files.readAllBytes(out.resolve("plots/weights.png")), "weights.png of " + what);
                }
                assertEquals(withoutWallClock(Files.readAllLines(plainDir.resolve("stats.txt"))),
                        withoutWallClock(Files.readAllLines(out.resolve("stats.txt"))), "stats of " + what);
                assertEquals(want.energy().totalPj(), rs.get(0).traced().energy().totalPj(), what);
                byte[] counters = Files.readAllBytes(out.resolve("counters.csv"));
                if (k == 1) {
                    counters1 = counters;
                    // the device counters of the board row are not all 0: the devices were used
                    List<String> rows = Files.readAllLines(out.resolve("counters.csv"));
                    List<String> header = List.of(rows.get(0).split(","));
                    String[] board = rows.get(rows.size() - 1).split(",");
                    assertTrue(Long.parseLong(board[header.indexOf("device_pulses")]) > 0, rows.get(rows.size() - 1));
                } else {
                    assertArrayEquals(counters1, counters, "counters of " + what);
                }
            }
        }
    }

    /** Without a device the member's learned state still gathers to rank 0, and a bad preset is a usage error. */
    @Test
    void digitalWeightsGatherAndABadPresetIsAUsageError() throws Exception {
        CompiledNetwork net = network("");
        Path plainDir = dir.resolve("digital-plain");
        Files.createDirectories(plainDir);
        Path nbin = plainDir.resolve("board.nbin");
        NbinCodec.write(nbin, net.image());
        RunSession.run(plain(nbin, plainDir, null, null, false), net, StopFlag.manual(), new PrintWriter(new StringWriter()));
        Path out = dir.resolve("digital-k2");
        Files.createDirectories(out);
        PartitionRun.Options o = new PartitionRun.Options(TICKS, Map.of(), 5L, 1, null, null, null, List.of(), null,
                null, new PartitionRun.Learned(null, null, out.resolve("weights.csv"), out.resolve("learned.nbin")));
        runPartitioned(net, 2, o);
        List<String> weights = Files.readAllLines(out.resolve("weights.csv"));
        // no device: no g_ns column; a row per synapse of the four cores
        assertFalse(weights.get(0).contains("g_ns"), weights.get(0));
        assertArrayEquals(Files.readAllBytes(plainDir.resolve("weights.csv")), Files.readAllBytes(out.resolve("weights.csv")));
        assertArrayEquals(Files.readAllBytes(plainDir.resolve("learned.nbin")), Files.readAllBytes(out.resolve("learned.nbin")));
        PartitionRun.Options bad = new PartitionRun.Options(TICKS, Map.of(), 5L, 1, null, null, null, List.of(), null,
                null, new PartitionRun.Learned("no-such-device", null, null, null));
        MyelinInputException e = assertThrows(MyelinInputException.class, () -> PartitionRun.check(bad));
        assertTrue(e.getMessage().contains("--device no-such-device: unknown device preset"), e.getMessage());
    }

    /** The stats lines but those carrying the wall clock (wall time, real-time factor). */
    private static List<String> withoutWallClock(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!l.matches(".*\\bsim\\.(wall_seconds|real_time_factor)\\b.*")) {
                out.add(l);
            }
        }
        assertTrue(out.size() > 20, "stats of some length: " + out.size());
        return out;
    }
}
