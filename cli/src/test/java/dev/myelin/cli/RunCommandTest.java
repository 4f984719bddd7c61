package dev.myelin.cli;

import dev.myelin.chip.testing.RunSample;
import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.trace.StatsFiles;
import dev.myelin.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RunCommandTest {
    @TempDir
    Path dir;

    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    private Path runSample(String profile) {
        Path net = RunSample.write(dir);
        Path stats = dir.resolve(profile + "/stats.txt");
        String[] r = run("run", net.toString(), "--ticks", "30", "-q", "--energy-profile", profile,
                "--stats", stats.toString(), "--spikes", dir.resolve(profile + "/spikes.csv").toString(),
                "--per-tick", dir.resolve(profile + "/ticks.csv").toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        return stats;
    }

    @Test
    void countsOfTheSampleAreThoseDerivedByHand() throws Exception {
        Path stats = runSample("loihi-calibrated");
        StatsFiles.Loaded l = StatsFiles.read(StatsFiles.jsonPath(stats));
        var c = l.counts();
        assertThat(c.ticks()).isEqualTo(30);
        assertThat(c.total(Activity.SPIKES)).isEqualTo(8);
        assertThat(c.total(Activity.MESSAGES_OUT)).isEqualTo(8);
        assertThat(c.total(Activity.MESSAGES_IN)).isEqualTo(8);
        assertThat(c.hopsEastWest()).isEqualTo(8);
        assertThat(c.hopsNorthSouth()).isZero();
        // SANA-FE's attribution: the two messages of tick 29 count their lookups in tick 29
        assertThat(c.total(Activity.SYN_EVENTS)).isEqualTo(8);
        assertThat(c.total(Activity.NEURONS)).isEqualTo(3 * 30);
        List<String> spikes = Files.readAllLines(stats.resolveSibling("spikes.csv"));
        assertThat(spikes).startsWith("tick,population,index", "5,src,1", "9,src,0", "11,src,1").hasSize(9);
        String text = Files.readString(stats);
        assertThat(text).contains("---------- Begin Simulation Statistics ----------")
                .containsPattern("chip\\.core_1_0_0\\.synEvents +8 # synaptic events")
                .containsPattern("population\\.src\\.spikes +8 #")
                .containsPattern("energy\\.total_pj .* # total energy, pJ \\(modelled, profile loihi-calibrated\\)");
        assertThat(Files.readString(StatsFiles.configPath(stats))).contains("[arch]\nname=truenorth")
                .contains("timing.hopCyclesEW=2").contains("synapse.denseEventPj=35.5");
    }

    @Test
    void energyAndLatencyRecomputedByHandFromTheCounters() throws Exception {
        Path stats = runSample("loihi-calibrated");
        StatsFiles.Loaded l = StatsFiles.read(StatsFiles.jsonPath(stats));
        var c = l.counts();
        Map<String, Object> s = l.stats();
        long updated = c.total(Activity.UPDATED);
        // loihi-calibrated: synapse 35.5 pJ (dense crossbars); soma access 51.2, update 21.6, spike 69.3;
        // axon out 111, in 0; east-west hop 3.0
        assertThat(num(s, "energy.synapse_pj")).isCloseTo(8 * 35.5, within(1e-9));
        assertThat(num(s, "energy.neuron_pj")).isCloseTo(90 * 51.2 + updated * 21.6 + 8 * 69.3, within(1e-9));
        assertThat(num(s, "energy.network_pj")).isCloseTo(8 * 111 + 8 * 3.0, within(1e-9));
        assertThat(num(s, "energy.static_pj")).isZero();
        assertThat(num(s, "energy.total_pj")).isCloseTo(8 * 35.5 + 90 * 51.2 + updated * 21.6 + 8 * 69.3 + 912,
                within(1e-9));
        // SANA-FE simple latency, tick by tick: max over cores of max(generation, receive) + 1.0 us (2 tiles)
        long[] ct = c.coreTicks();
        int k = Activity.COUNT;
        double expected = 0;
        for (int t = 0; t < 30; t++) {
            double worst = 0;
            for (int core = 0; core < 2; core++) {
                int b = (t * 2 + core) * k;
                double gen = ct[b + Activity.NEURONS.ordinal()] * 6.0 + ct[b + Activity.UPDATED.ordinal()] * 3.7
                        + ct[b + Activity.SPIKES.ordinal()] * 30 + ct[b + Activity.MESSAGES_OUT.ordinal()] * 5.1;
                double recv = ct[b + Activity.MESSAGES_IN.ordinal()] * 16 + ct[b + Activity.SYN_EVENTS.ordinal()] * 3.8;
                worst = Math.max(worst, Math.max(gen, recv));
            }
            expected += worst + 1000;
        }
        assertThat(num(s, "latency.profile_simple_ns")).isCloseTo(expected, within(1e-6));
        // the timing model (truenorth preset: 4 ns per neuron update, no barrier): a quiet tick of core 0 is 2 x 4 ns
        assertThat(num(s, "latency.tick_max_ns")).isGreaterThanOrEqualTo(8.0);
    }

    @Test
    void truenorthStaticPowerIsPaidOverTheTickPeriod() throws Exception {
        Path stats = runSample("truenorth");
        Map<String, Object> s = StatsFiles.read(StatsFiles.jsonPath(stats)).stats();
        // 4096 cores x 14.044 uW = 57.525 mW over 30 ticks of 1 ms; mW x ns = pJ
        assertThat(num(s, "energy.static_pj")).isCloseTo(57.525 * 30e6, within(1.0));
        assertThat(num(s, "energy.synapse_pj")).isCloseTo(8 * 2.5, within(1e-9));
    }

    @Test
    void repricingEqualsAFreshRunWithTheOtherProfile() throws Exception {
        Path calibrated = runSample("loihi-calibrated");
        Path davies = runSample("loihi-davies2018");
        Path repriced = dir.resolve("repriced/stats.txt");
        String[] r = run("energy", StatsFiles.jsonPath(calibrated).toString(), "--profile", "loihi-davies2018",
                "--stats", repriced.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        Map<String, Object> fresh = StatsFiles.read(StatsFiles.jsonPath(davies)).stats();
        Map<String, Object> again = StatsFiles.read(StatsFiles.jsonPath(repriced)).stats();
        for (String key : fresh.keySet()) {
            if (key.startsWith("energy.") || key.startsWith("latency.profile")) {
                assertThat(again.get(key)).as(key).isEqualTo(fresh.get(key));
            }
        }
        assertThat(r[1]).contains("loihi-davies2018").contains("Loihi, pre-silicon estimate (Davies 2018, 0.75 V)");
    }

    @Test
    void perTickCsvHasARowPerTickWhoseEnergiesAddUpToTheTotal() throws Exception {
        Path stats = runSample("loihi-calibrated");
        List<String> rows = Files.readAllLines(stats.resolveSibling("ticks.csv"));
        assertThat(rows.get(0)).startsWith("tick,spikes,updated_neurons,synaptic_events,messages,hops,energy_synapse_pj");
        assertThat(rows).hasSize(31);
        int totalColumn = List.of(rows.get(0).split(",")).indexOf("energy_total_pj");
        double sum = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            sum += Double.parseDouble(f[totalColumn]);
        }
        double total = num(StatsFiles.read(StatsFiles.jsonPath(stats)).stats(), "energy.total_pj");
        assertThat(sum).isCloseTo(total, within(0.001 * 30));
        // tick 5: neuron 1 fires, one message, one hop
        assertThat(rows.get(6)).startsWith("5,1,").contains(",1,1,");
    }

    static double num(Map<String, Object> s, String key) {
        return ((Number) s.get(key)).doubleValue();
    }

    @Test
    void meshModelAgreesWithTheSanaFeCountsAndReportsZeroLoadLatencies() throws Exception {
        Path net = RunSample.write(dir);
        for (String timing : List.of("simple", "cycle")) {
            Path stats = dir.resolve(timing + "/stats.txt");
            String[] r = run("run", net.toString(), "--ticks", "30", "--timing", timing, "--stats", stats.toString());
            assertThat(r[0]).as(r[2]).isEqualTo("0");
            Map<String, Object> s = StatsFiles.read(StatsFiles.jsonPath(stats)).stats();
            // the energy record's SANA-FE counts are the mesh's, read in both timing modes; the figures
            // are the sample's: 8 messages, each over the one link (0,0) east
            assertThat(num(s, "noc.messages")).isEqualTo(num(s, "network.messages")).isEqualTo(8);
            assertThat(num(s, "noc.hops")).isEqualTo(num(s, "network.hops")).isEqualTo(8);
            // each message crosses one east-west link of the truenorth preset and none meet another:
            // zero-load latency = injection 2 + 1 hop x 2 + ejection 1 = 5 cycles, every time
            assertThat(num(s, "noc.packet_latency.min")).isEqualTo(5);
            assertThat(num(s, "noc.packet_latency.max")).isEqualTo(5);
            assertThat(num(s, "noc.late")).isZero();
            assertThat(num(s, "noc.dropped")).isZero();
            assertThat(num(s, "noc.link_0_0_east.packets")).isEqualTo(8);
            assertThat(r[1]).contains("Mesh (" + timing + " timing): Packet latency average = 5.00 cycles"
                    + " (min 5, max 5, p99 5); stalls 0; late 0, dropped 0");
        }
    }

    @Test
    void anInputPortThatNothingDrivesIsPointedOutUnlessQuiet() throws Exception {
        Path net = RunSample.write(dir);
        String[] idle = run("run", net.toString(), "--ticks", "3");
        assertThat(idle[0]).isEqualTo("0");
        assertThat(idle[2]).contains("myelin run: note: nothing drives input port in (give --input PORT=FILE.csv");
        assertThat(run("run", net.toString(), "--ticks", "3", "-q")[2]).doesNotContain("nothing drives");
        Path csv = dir.resolve("in.csv");
        Files.writeString(csv, "tick,index\n0,0\n");
        String[] driven = run("run", net.toString(), "--ticks", "3", "--input", "in=" + csv);
        assertThat(driven[0]).as(driven[2]).isEqualTo("0");
        assertThat(driven[2]).doesNotContain("nothing drives");
    }

    /** Exit 2 and one line on stderr that ends with {@code expected}; nothing written. */
    private void assertUsageError(String[] r, String expected) {
        assertThat(r[0]).as(r[2]).isEqualTo("2");
        assertThat(r[2].strip()).doesNotContain("\n").isEqualTo("myelin run: error: " + expected);
    }

    @Test
    void phasesArePrintedPerTickOnlyWhenAskedAndNotForAPartitionedRun() {
        Path net = RunSample.write(dir);
        String[] r = run("run", net.toString(), "--ticks", "30", "-q", "--phases");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).containsPattern("Phases \\(host time per tick\\): inputs [0-9.,]+ us, cores [0-9.,]+ us, "
                + "routing [0-9.,]+ us, delivery [0-9.,]+ us, timing [0-9.,]+ us, tick end [0-9.,]+ us, "
                + "run path [0-9.,]+ us; total [0-9.,]+ us\n");
        r = run("run", net.toString(), "--ticks", "30", "-q");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).doesNotContain("Phases");
        assertUsageError(run("run", net.toString(), "--ticks", "30", "-q", "--phases", "--local-partitions", "2"),
                "--phases times a run on one machine: it does not apply to a partitioned run");
    }

    @Test
    void aBadPlotWindowIsAOneLineUsageError() throws Exception {
        Path net = RunSample.write(dir);
        Path plots = dir.resolve("plots");
        String ticks = "--ticks";
        assertUsageError(run("run", net.toString(), ticks, "30", "-q", "--plots", plots.toString(), "--plot-ticks", "9:3"),
                "--plot-ticks 9:3: the first tick, 9, is after the last, 3 (expected A:B with A <= B)");
        assertUsageError(run("run", net.toString(), ticks, "30", "-q", "--plots", plots.toString(), "--plot-ticks", "9"),
                "--plot-ticks 9: expected A:B, the first and last tick to draw (whole numbers from 0, A <= B), e.g. 100:199");
        assertUsageError(run("run", net.toString(), ticks, "30", "-q", "--plot-ticks", "1:2"),
                "--plot-ticks 1:2 chooses the ticks of the pictures: give --plots DIR too");
        assertUsageError(run("run", net.toString(), ticks, "30", "-q", "--plots", plots.toString(), "--plot-ticks", "30:40"),
                "--plot-ticks 30:40 starts after the run's last tick, 29");
        assertThat(plots).doesNotExist();
    }

    @Test
    void aPlotWindowWithinTheRunDrawsEveryPicture() throws Exception {
        Path net = RunSample.write(dir);
        Path plots = dir.resolve("plots");
        String[] r = run("run", net.toString(), "--ticks", "30", "-q", "--plots", plots.toString(), "--probe", "src",
                "--probe-file", dir.resolve("probes.csv").toString(), "--plot-ticks", "29:100");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        for (String f : new String[] {"raster.png", "potentials.png", "core-activity.png", "link-traffic.png",
                "latency-histogram.png"}) {
            assertThat(plots.resolve(f)).as(f).isNotEmptyFile();
        }
    }

    @Test
    void unknownPortAndPopulationAreUserErrorsWithExitCode2() {
        Path net = RunSample.write(dir);
        String[] r = run("run", net.toString(), "--ticks", "3", "-q", "--input",
                "nope=" + dir.resolve("x.csv"));
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("no input port named 'nope' (ports: in)");
        r = run("run", net.toString(), "--ticks", "3", "-q", "--probe", "dsx");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("no population named 'dsx' (known: src, dst)");
    }
}
