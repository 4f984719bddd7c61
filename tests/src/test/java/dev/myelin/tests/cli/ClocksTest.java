package dev.myelin.tests.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.myelin.tests.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A run's three clocks through the command line, derived by hand: model time (ticks x dt),
 * chip time (TrueNorth: a fixed 1 ms per tick; Loihi: each tick as long as its modelled
 * latency) and wall time; static energy is paid over chip time, the real-time factor is model
 * time / wall time, and the VCD's time axis is model time.
 */
class ClocksTest {
    @TempDir
    Path dir;

    /** One tonic TrueNorth neuron (leak +1, threshold 10: fires in ticks 9, 19, ...) with dt = 0.1 ms. */
    private Path tonic(String arch) throws Exception {
        Path net = dir.resolve(arch + ".yaml");
        Files.writeString(net, String.join("\n",
                "name: tonic",
                "arch: " + arch,
                "dt: 0.1 ms",
                "populations:",
                "  - {name: tonic, size: 1, model: truenorth, params: {alpha: 10, leak: 1}}",
                "probes:",
                "  - {population: tonic}",
                ""));
        return net;
    }

    private static double stat(Path stats, String key) throws Exception {
        for (String l : Files.readAllLines(stats)) {
            if (l.startsWith(key + " ")) {
                return Double.parseDouble(l.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        throw new AssertionError(key + " not in " + stats);
    }

    @Test
    void trueNorthTicksLastTheirFixedPeriodWhateverDtSays() throws Exception {
        Path stats = dir.resolve("tn/stats.txt");
        Path vcd = dir.resolve("tn/run.vcd");
        Path perTick = dir.resolve("tn/ticks.csv");
        String[] r = run("run", tonic("tiny").toString(), "--ticks", "500", "-q", "--stats", stats.toString(),
                "--vcd", vcd.toString(), "--per-tick", perTick.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        // model time: 500 ticks x 0.1 ms = 0.05 s; chip time: 500 x the tiny preset's fixed 1 ms tick = 0.5 s
        assertThat(stat(stats, "sim.dt_ms")).isEqualTo(0.1);
        assertThat(stat(stats, "sim.model_seconds")).isCloseTo(0.05, within(1e-12));
        assertThat(stat(stats, "sim.chip_seconds")).isCloseTo(0.5, within(1e-12));
        double wall = stat(stats, "sim.wall_seconds");
        assertThat(stat(stats, "sim.real_time_factor")).isCloseTo(0.05 / wall, within(1e-6 * 0.05 / wall));
        // the chip takes 10x the network's own time: 0.05 s of model time in 0.5 s of chip time
        assertThat(stat(stats, "sim.chip_real_time_factor")).isCloseTo(0.1, within(1e-12));
        // static: 4 cores x (65 mW - 2.99 GSOPS x 2.5 pJ) / 4096 per core = 4 x 0.0140442 mW, over 0.5 s of chip time
        double staticMw = 4 * (65.0 - 65e-3 * 46e9 * 2.5e-12 * 1e3) / 4096;
        assertThat(stat(stats, "energy.static_pj")).isCloseTo(staticMw * 0.5e9, within(1e-3));
        // the VCD's axis is model time: dt = 0.1 ms is one "100 us" unit; the first spike (tick 9) rises at #9
        String v = Files.readString(vcd);
        assertThat(v).contains("$timescale 100 us $end").contains("\n#9\n1").contains("\n#19\n");
        assertThat(v).contains("$var real 64").contains("chip_tick_ns").contains("\nr1000000.0 ");
        // per-tick CSV: chip time 1 ms per tick, model time (t + 1) x 0.1 ms at the end of tick t
        List<String> rows = Files.readAllLines(perTick);
        assertThat(rows.get(0)).endsWith(",chip_tick_ns,chip_time_ns,model_time_ms");
        assertThat(rows.get(10)).endsWith(",1000000.0000,10000000.0000,1.0000");
        assertThat(r[1]).contains("Clocks: model 50.0 ms (500 ticks x dt 100 us), chip 500 ms (fixed ticks)");
    }

    @Test
    void loihiTicksRunFreeAndStaticPowerIsPaidOverTheirLatency() throws Exception {
        Path net = dir.resolve("loihi.yaml");
        Files.writeString(net, String.join("\n",
                "name: loihi_clock",
                "arch: loihi",
                "dt: 0.1 ms",
                "populations:",
                "  - {name: p, size: 4, model: loihi_lif, params: {du: 4095, dv: 0, vth: 10, bias_mant: 100, bias_exp: 6}}",
                ""));
        Path profile = dir.resolve("static.yaml");
        Files.writeString(profile, "name: loihi-static\nextends: loihi-calibrated\nstatic:\n  coreMw: 1.0\n");
        Path stats = dir.resolve("l/stats.txt");
        String[] r = run("run", net.toString(), "--ticks", "200", "-q", "--stats", stats.toString(),
                "--energy-profile", profile.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        double chipNs = stat(stats, "sim.chip_seconds") * 1e9;
        // free-running: a tick lasts its modelled latency, so chip time is the timing model's total
        assertThat(chipNs).isCloseTo(stat(stats, "latency.timing_total_ns"), within(1e-6 * chipNs));
        assertThat(chipNs).isLessThan(200 * 1e6);
        assertThat(stat(stats, "sim.model_seconds")).isCloseTo(0.02, within(1e-12));
        // static: the board's 8 x 4 tiles x 4 cores = 128 cores x 1 mW over chip time (mW x ns = pJ)
        assertThat(stat(stats, "energy.static_pj")).isCloseTo(128 * 1.0 * chipNs, within(1e-6 * 128 * chipNs));
        assertThat(r[1]).contains("(free-running ticks)");
    }
}
