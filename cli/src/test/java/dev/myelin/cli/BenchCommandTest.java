package dev.myelin.cli;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code myelin bench} runs its loads through the run session and reports consistent figures. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void theIdleChipAndCubaReportTheirSizeTicksAndRatesConsistently() throws Exception {
        Path json = dir.resolve("bench.json");
        String[] r = RunCommandTest.run("bench", "truenorth-idle", "loihi-cuba", "--ticks", "40", "--threads", "1",
                "--json", json.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("Myelin bench: 1 thread, simple timing, 2 warm-up and 1 timed run per load")
                .contains("truenorth-idle:").contains("loihi-cuba:").contains("real_time_factor");
        String text = Files.readString(json);
        // one object per load, keys as printed
        assertThat(text).startsWith("[").contains("\"load\": \"truenorth-idle\"").contains("\"load\": \"loihi-cuba\"");
        var loads = loads(text);
        var idle = loads.get(0);
        assertThat(((Number) idle.get("neurons")).longValue()).isEqualTo(1_048_576L);
        assertThat(((Number) idle.get("ticks")).longValue()).isEqualTo(40L);
        // an idle chip: no spike, no synaptic event, no hop; every neuron of every core is accessed every tick
        assertThat((Double) idle.get("mean_rate_hz")).isZero();
        assertThat((Double) idle.get("synaptic_events_per_second")).isZero();
        double run = (Double) idle.get("run_seconds");
        // the process's processor time over the tick loop: measured (not -1), and at most every processor for the
        // whole loop, give or take the clock's granularity: the operating system may count processor time in 10 ms
        // steps, so a loop this short may read 0
        double cpu = (Double) idle.get("run_cpu_seconds");
        assertThat(cpu).isGreaterThanOrEqualTo(0.0)
                .isLessThanOrEqualTo(run * Runtime.getRuntime().availableProcessors() + 0.05);
        assertThat((Double) idle.get("neuron_updates_per_second")).isCloseTo(1_048_576.0 * 40 / run, within(1e-6 * 1_048_576.0 * 40 / run));
        // 40 ticks of 1 ms over the run time
        assertThat((Double) idle.get("real_time_factor")).isCloseTo(0.040 / run, within(1e-9 / run));
        assertThat((Double) idle.get("ticks_per_second")).isCloseTo(40 / run, within(1e-6 / run));
        // two untimed warm-up runs before the timed one: the first one's (cold) times are reported beside the timed run's
        assertThat(((Number) idle.get("warmup_runs")).intValue()).isEqualTo(2);
        assertThat(((Number) idle.get("runs")).intValue()).isEqualTo(1);
        assertThat((Double) idle.get("cold_run_seconds")).isGreaterThan(0.0);
        assertThat((Double) idle.get("cold_load_seconds")).isGreaterThan(0.0);
        var cuba = loads.get(1);
        assertThat(((Number) cuba.get("neurons")).longValue()).isEqualTo(4000L);
        assertThat((Double) cuba.get("mean_rate_hz")).isGreaterThan(0.0);
        assertThat((Double) cuba.get("synaptic_events_per_second")).isGreaterThan(0.0);
    }

    @Test
    void warmUpRunsAreCountedApartFromTheTimedRuns() throws Exception {
        Path json = dir.resolve("warm.json");
        String[] r = RunCommandTest.run("bench", "loihi-cuba", "--ticks", "20", "--threads", "1", "--warmup", "0",
                "--repeat", "2", "--json", json.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("0 warm-up and 2 timed runs per load");
        var cuba = loads(Files.readString(json)).get(0);
        // no warm-up: no cold figures; the median of the two timed runs lies in their range
        assertThat(cuba).doesNotContainKeys("cold_run_seconds", "cold_load_seconds", "phases_total_us");
        assertThat(((Number) cuba.get("warmup_runs")).intValue()).isZero();
        assertThat(((Number) cuba.get("runs")).intValue()).isEqualTo(2);
        assertThat((Double) cuba.get("run_seconds")).isBetween((Double) cuba.get("run_seconds_min"),
                (Double) cuba.get("run_seconds_max"));
        r = RunCommandTest.run("bench", "noc-50", "--ticks", "200", "--warmup", "2");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).containsPattern("warmup_runs +2").containsPattern("cold_run_seconds +[0-9.e-]+")
                .containsPattern("(?m)^  runs +1$");
    }

    @Test
    void aCornerOfTheTrueNorthChipScalesItsLoads() throws Exception {
        Path json = dir.resolve("mesh.json");
        String[] r = RunCommandTest.run("bench", "--mesh", "3", "--ticks", "30", "--threads", "1", "--warmup", "0",
                "--json", json.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        // with --mesh and no load named, the two TrueNorth loads run on 3 x 3 routers
        assertThat(r[1]).contains("truenorth-idle:").contains("truenorth-full:").doesNotContain("loihi-cuba:")
                .doesNotContain("noc-50:");
        var loads = loads(Files.readString(json));
        var full = loads.get(1);
        assertThat(((Number) full.get("cores")).intValue()).isEqualTo(9);
        assertThat(((Number) full.get("neurons")).longValue()).isEqualTo(9 * 256L);
        assertThat((Double) full.get("mean_rate_hz")).isGreaterThan(0.0);
        double run = (Double) full.get("run_seconds");
        assertThat((Double) full.get("ns_per_core_tick")).isCloseTo(run * 1e9 / (30 * 9), within(1e-6 * run * 1e9 / 270));
        usageError("--mesh applies to the TrueNorth loads only (truenorth-idle, truenorth-full), not to 'loihi-cuba'",
                "loihi-cuba", "--mesh", "3");
        usageError("--mesh = 65 is out of range [1, 64]", "truenorth-full", "--mesh", "65");
    }

    @Test
    void phaseTimesAddUpToTheirTotalWithinTheRunTime() throws Exception {
        Path json = dir.resolve("phases.json");
        String[] r = RunCommandTest.run("bench", "loihi-cuba", "--ticks", "50", "--threads", "1", "--warmup", "0",
                "--phases", "--json", json.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        var cuba = loads(Files.readString(json)).get(0);
        double sum = 0;
        for (String p : new String[] {"inputs", "cores", "routing", "delivery", "timing", "tick_end", "run_path"}) {
            double us = ((Number) cuba.get("phase_" + p + "_us")).doubleValue();
            assertThat(us).as(p).isGreaterThanOrEqualTo(0.0);
            sum += us;
        }
        double total = (Double) cuba.get("phases_total_us");
        assertThat(sum).isCloseTo(total, within(1e-9 * total));
        // every tick did some work in its cores, and the phases are timed inside the timed loop
        assertThat((Double) cuba.get("phase_cores_us")).isPositive();
        double run = (Double) cuba.get("run_seconds");
        assertThat(total * 50).isLessThanOrEqualTo(run * 1e6 * (1 + 1e-9));
    }

    @Test
    void theMeshAloneRunsAtHalfItsIdealSaturationRate() {
        String[] r = RunCommandTest.run("bench", "noc-50", "--ticks", "300");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        // uniform traffic on 64 x 64 routers: ideal saturation 4 / 64 = 0.0625, half of it 0.03125
        assertThat(r[1]).contains("noc-50:").containsPattern("routers +4096")
                .containsPattern("offered_packets_per_node_cycle +0\\.03");
    }

    @Test
    void unknownLoadsAndBadCountsAreUsageErrors() {
        String[] r = RunCommandTest.run("bench", "nope");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).isEqualTo("myelin bench: error: unknown load 'nope' (known: truenorth-idle, loihi-cuba, "
                + "noc-50, truenorth-full)\n");
        r = RunCommandTest.run("bench", "truenorth-full", "--timing", "bogus");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).isEqualTo("myelin bench: error: unknown timing mode 'bogus' (known: cycle, simple)\n");
        usageError("--repeat = 0 is out of range [1, 1000]", "noc-50", "--repeat", "0");
        usageError("--warmup = -1 is out of range [0, 100]", "noc-50", "--warmup", "-1");
    }

    /** {@code myelin bench ARGS} exits with code 2 and says {@code message} on stderr. */
    private static void usageError(String message, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        String[] r = RunCommandTest.run(all);
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains(message);
    }

    /** The JSON array {@code --json} writes: one object per load. */
    @SuppressWarnings("unchecked")
    private static java.util.List<java.util.Map<String, Object>> loads(String json) {
        return (java.util.List<java.util.Map<String, Object>>) new Load(LoadSettings.builder().build()).loadFromString(json);
    }
}
