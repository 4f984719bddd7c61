package dev.myelin.tests.energy;

import dev.myelin.tests.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Memristive device energy through the activity record into a run's priced report, by hand.
 *
 * <p>The network is the learning pair of the chip's LearningCoreTest, one Loihi neuron n0 with a
 * plastic synapse from a0 (weight 100 of [0, 150], epoch 1) and a teacher synapse from a1, its
 * synapses a custom linear device: G in [100, 250] nS, 75 levels each way (2 nS a level, 2 weight
 * units a pulse), potentiation 2 V 1000 ns, depression 3 V 2000 ns, no variability. Spikes: a0 in
 * ticks 2 and 7, a1 (n0 fires) in tick 5. The device starts at G = 100 + 100 / 150 x 150 = 200 nS.
 * <pre>
 *   tick 5: dw = +2 (2^-2 x x1 8 x y0 1) -> round(2 / 150 x 75) = 1 potentiation pulse, G 200 -> 202 nS
 *           energy V^2 G t, G the mean of before and after: 2^2 x 201 nS x 1000 ns = 804 fJ (0.804 pJ)
 *   tick 7: dw = -2 (-2^-3 x y1 16 x x0 1) -> 1 depression pulse, G 202 -> 200 nS
 *           3^2 x 201 nS x 2000 ns = 3618 fJ (3.618 pJ)
 * </pre>
 * 2 pulses, 4422 fJ, no device read (a learning core integrates the weight the device holds);
 * device energy 4.422 pJ under every profile, learning 2 updates x 120 pJ = 240 pJ under
 * loihi-davies2018 (the default profile).
 */
class DeviceEnergyTest {
    private static final String DEVICE = ".device custom g_min=100.0 g_max=250.0 levels_ltp=75 levels_ltd=75 nl_ltp=0.0 "
            + "nl_ltd=0.0 c2c=0.0 d2d=0.0 read_noise=0.0 v_read=0.5 t_read=5.0 v_ltp=2.0 t_ltp=1000.0 v_ltd=3.0 t_ltd=2000.0";

    private static final String LISTING = String.join("\n",
            ".arch loihi",
            ".core 0 0 0",
            ".format 0 bits=8 exp=0 sign=excitatory",
            "a0: type=0 n0:100",
            "a1: type=0 n0:255",
            "n0: du=4095 dv=4095 vth=200",
            ".learning epoch=1 weight_frac=0 w_min=0 w_max=150 reward=none",
            "DEVICE",
            ".trace x1 decay=2048 impulse=64 width=7 mode=add",
            ".trace y1 decay=2048 impulse=64 width=7 mode=add",
            ".rule \"dw = 2^-2 * x1 * y0 - 2^-3 * y1 * x0\"",
            ".plastic 0",
            ".input in",
            "  0: core 0 0 0 axon 0",
            "  1: core 0 0 0 axon 1",
            "");

    @TempDir
    Path dir;

    @Test
    void aPulseTrainIsCountedAndPricedAsTheHandComputation() throws Exception {
        Path nbin = assemble("dev", LISTING.replace("DEVICE", DEVICE));
        Run r = run(nbin, "1");
        assertThat(stat(r.stats, "chip.learningUpdates")).isEqualTo(2);
        // trace updates in the record, as the chip's LearningCoreTest derives them tick by tick for this pair:
        // 0, 0, 1, 1, 1, 3, 3, 4 in ticks 0..7 (impulses, and decays of non-zero values) = 13; counted, not priced
        assertThat(stat(r.stats, "chip.traceUpdates")).isEqualTo(13);
        assertThat(stat(r.stats, "chip.devicePulses")).isEqualTo(2);
        assertThat(stat(r.stats, "chip.deviceReads")).isZero();
        assertThat(stat(r.stats, "chip.deviceWriteFj")).isEqualTo(804 + 3618);
        assertThat(stat(r.stats, "chip.deviceReadFj")).isZero();
        assertThat(stat(r.stats, "chip.core_0_0_0.deviceWriteFj")).isEqualTo(4422);
        assertThat(stat(r.stats, "energy.device_pj")).isCloseTo(4.422, within(1e-9));
        assertThat(stat(r.stats, "energy.learning_pj")).isCloseTo(240, within(1e-9));
        // per tick: the pulses' energy in the ticks they happen
        List<String> rows = r.perTick.lines().toList();
        int col = List.of(rows.get(0).split(",")).indexOf("energy_device_pj");
        double[] want = {0, 0, 0, 0, 0, 0.804, 0, 3.618};
        for (int t = 0; t < 8; t++) {
            assertThat(Double.parseDouble(rows.get(t + 1).split(",")[col])).as("tick %d", t)
                    .isCloseTo(want[t], within(1e-9));
        }
        // the weights the device holds: 100 -> 102 -> 100, the conductance back at 200 nS
        assertThat(r.weights).contains("in,0,\"core(0,0,0)\",0,\"(0,0,0)\",0,1,100,100,0,200.0");
        // identical on 2 threads, counts, energies and per-tick rows alike
        Run two = run(nbin, "2");
        assertThat(withoutWallClock(two.stats)).isEqualTo(withoutWallClock(r.stats));
        assertThat(two.perTick).isEqualTo(r.perTick);
        // re-priced with another profile: the device's energy is its own, the calibrated set has no learning price
        String repriced = Cli.ok("energy", r.statsJson.toString(), "--profile", "loihi-calibrated");
        assertThat(repriced).containsPattern("device +4\\.42 pJ").containsPattern("learning +0 pJ");
    }

    /** The same network with digital weights: the same two updates, no device pulse and no device energy. */
    @Test
    void digitalWeightsHaveNoDeviceEnergy() throws Exception {
        Run r = run(assemble("digital", LISTING.replace("DEVICE\n", "")), "1");
        assertThat(stat(r.stats, "chip.learningUpdates")).isEqualTo(2);
        assertThat(stat(r.stats, "chip.devicePulses")).isZero();
        assertThat(stat(r.stats, "chip.deviceWriteFj")).isZero();
        assertThat(stat(r.stats, "energy.device_pj")).isZero();
        assertThat(stat(r.stats, "energy.learning_pj")).isCloseTo(240, within(1e-9));
    }

    /**
     * Eight learning cores on Ag:a-Si (each with its own seeded cycle-to-cycle noise), busy in the same ticks so that
     * the chip steps them in parallel: counts, device energies and per-tick rows are the same on 1 and 2 threads.
     */
    @Test
    void eightDeviceCoresCountTheSameOnOneAndTwoThreads() throws Exception {
        StringBuilder listing = new StringBuilder(".arch loihi\n");
        StringBuilder input = new StringBuilder(".input in\n");
        StringBuilder spikes = new StringBuilder("tick,index\n");
        for (int c = 0; c < 8; c++) {
            String core = LISTING.substring(LISTING.indexOf(".core"), LISTING.indexOf(".input"))
                    .replace(".core 0 0 0", ".core " + c + " 0 0").replace("DEVICE", ".device ag-a-si");
            listing.append(core);
            input.append("  ").append(2 * c).append(": core ").append(c).append(" 0 0 axon 0\n");
            input.append("  ").append(2 * c + 1).append(": core ").append(c).append(" 0 0 axon 1\n");
        }
        for (int k = 0; k < 40; k++) {
            // pre then post for the first 20 pairings, post then pre after: potentiation, then depression
            int first = k < 20 ? 0 : 1;
            for (int c = 0; c < 8; c++) {
                spikes.append(4 * k).append(',').append(2 * c + first).append('\n');
                spikes.append(4 * k + 1).append(',').append(2 * c + 1 - first).append('\n');
            }
        }
        Path nbin = assemble("eight", listing.append(input).toString());
        Run one = run(nbin, "1", spikes.toString(), "160");
        Run two = run(nbin, "2", spikes.toString(), "160");
        assertThat(stat(one.stats, "chip.devicePulses")).isGreaterThan(0);
        assertThat(stat(one.stats, "energy.device_pj")).isGreaterThan(0);
        assertThat(withoutWallClock(two.stats)).isEqualTo(withoutWallClock(one.stats));
        assertThat(two.perTick).isEqualTo(one.perTick);
        assertThat(two.weights).isEqualTo(one.weights);
    }

    /**
     * The memristor sample's runs: the pattern-learning network on Ag:a-Si reports device energy, its pulses' counted
     * fJ / 1000; on digital weights none.
     */
    @Test
    void thePatternLearningSampleOnAgASiShowsDeviceEnergy() throws Exception {
        Path net = samples().resolve("pattern-learning/net.yaml");
        Path ag = dir.resolve("ag.txt");
        Cli.ok("run", net.toString(), "--ticks", "20000", "-q", "--device", "ag-a-si", "--stats", ag.toString());
        String s = Files.readString(ag);
        assertThat(stat(s, "chip.devicePulses")).isGreaterThan(0);
        assertThat(stat(s, "energy.device_pj")).isGreaterThan(0)
                .isCloseTo(stat(s, "chip.deviceWriteFj") / 1000, within(1e-6));
        Path digital = dir.resolve("digital.txt");
        Cli.ok("run", net.toString(), "--ticks", "20000", "-q", "--stats", digital.toString());
        String d = Files.readString(digital);
        assertThat(stat(d, "chip.learningUpdates")).isGreaterThan(0);
        assertThat(stat(d, "chip.devicePulses")).isZero();
        assertThat(stat(d, "energy.device_pj")).isZero();
    }

    private static Path samples() {
        return dev.myelin.tests.Samples.dir();
    }

    private record Run(String stats, Path statsJson, String perTick, String weights) {
    }

    private Path assemble(String name, String listing) throws Exception {
        Path nasm = dir.resolve(name + ".nasm");
        Files.writeString(nasm, listing);
        Path nbin = dir.resolve(name + ".nbin");
        Cli.ok("asm", nasm.toString(), "-o", nbin.toString());
        return nbin;
    }

    private Run run(Path nbin, String threads) throws Exception {
        return run(nbin, threads, "tick,index\n2,0\n5,1\n7,0\n", "8");
    }

    private Run run(Path nbin, String threads, String spikes, String ticks) throws Exception {
        Path out = Files.createTempDirectory(dir, "run");
        Path in = out.resolve("in.csv");
        Files.writeString(in, spikes);
        Path stats = out.resolve("stats.txt");
        Path perTick = out.resolve("tick.csv");
        Path weights = out.resolve("w.csv");
        Cli.ok("run", nbin.toString(), "--ticks", ticks, "-q", "--threads", threads, "--input", "in=" + in,
                "--stats", stats.toString(), "--per-tick", perTick.toString(), "--dump-weights", weights.toString());
        return new Run(Files.readString(stats), out.resolve("stats.json"), Files.readString(perTick),
                Files.readString(weights));
    }

    private static double stat(String stats, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + " +(\\S+)").matcher(stats);
        assertThat(m.find()).as(key).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** The stats without the host's timing (wall clock and what derives from it). */
    private static String withoutWallClock(String stats) {
        return stats.lines().filter(l -> !l.startsWith("sim.wall_seconds") && !l.startsWith("sim.real_time_factor")
                && !l.startsWith("host.")).reduce("", (a, b) -> a + b + "\n");
    }
}
