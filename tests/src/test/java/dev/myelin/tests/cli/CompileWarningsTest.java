package dev.myelin.tests.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.myelin.tests.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Warnings a user needs when compiling and re-pricing, printed without asking for a report. */
class CompileWarningsTest {
    @TempDir
    Path dir;

    /** The textbook integrate-and-fire neuron: tau_m 10 ms, R_m 10 MOhm, threshold 20 mV above rest, dt 0.1 ms. */
    private Path textbook(double nA) throws Exception {
        Path net = dir.resolve("if-" + nA + ".yaml");
        Files.writeString(net, String.join("\n",
                "name: textbook",
                "arch: truenorth",
                "dt: 0.1 ms",
                "populations:",
                "  - name: cell",
                "    size: 1",
                "    model: lif",
                "    params: {tau_m: 10 ms, v_rest: -70 mV, v_thresh: -50 mV, v_reset: -70 mV, r_m: 10 MOhm, bias: "
                        + nA + " nA}",
                ""));
        return net;
    }

    @Test
    void lifOnTrueNorthSaysTheRateDoubles() throws Exception {
        String[] r = run("compile", textbook(2.5).toString(), "-o", dir.resolve("a.nbin").toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        // x_inf = 10 MOhm x 2.5 nA = 25 mV, a = dt/tau = 0.01: with decay x reaches 20 mV after
        // ln(1 - 20/25) / ln(0.99) = 160.1 -> 161 ticks; the constant leak 25 x 0.01 = 0.25 mV/tick needs 80
        assertThat(r[2]).contains("myelin compile: warning: ").contains("population 'cell': TrueNorth has no "
                + "multiplicative decay").contains("0.250 mV per tick")
                .contains("fires every 80 ticks instead of every 161 (2.01x the rate)");
    }

    @Test
    void aLeakyNeuronThatNeverFiresIsSaidToFireOnTrueNorth() throws Exception {
        String[] r = run("compile", textbook(1.5).toString(), "-o", dir.resolve("b.nbin").toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        // x_inf = 15 mV < 20 mV: never fires with decay; 0.15 mV/tick reaches 20 mV after 133.3 -> 134 ticks
        assertThat(r[2]).contains("fires every 134 ticks, where the leaky neuron never fires (it settles 5.00 mV "
                + "below threshold)");
    }

    @Test
    void runningTheDescriptionPrintsTheSameWarningAsCompile() throws Exception {
        String[] r = run("run", textbook(2.5).toString(), "--ticks", "200", "-q", "--spikes",
                dir.resolve("spikes.csv").toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[2]).contains("myelin run: warning: ").contains("if-2.5.yaml:")
                .contains("fires every 80 ticks instead of every 161 (2.01x the rate)");
        // the constant leak reaches 20 mV at ticks 80 and 160 (reset to v_reset between): the warning is the run's truth
        assertThat(Files.readAllLines(dir.resolve("spikes.csv")).stream().skip(1).map(l -> l.split(",")[0]))
                .containsExactly("79", "159");
        String[] binary = run("compile", textbook(2.5).toString(), "-o", dir.resolve("c.nbin").toString());
        String[] fromBinary = run("run", dir.resolve("c.nbin").toString(), "--ticks", "5", "-q");
        assertThat(binary[2]).contains("warning");
        assertThat(fromBinary[2]).as("a binary carries no compiler warnings").doesNotContain("warning");
    }

    @Test
    void repricingATrueNorthRunWithALoihiProfileSaysSo() throws Exception {
        Path stats = dir.resolve("run/stats.txt");
        String[] r = run("run", textbook(2.5).toString(), "--ticks", "10", "-q", "--stats", stats.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        String[] e = run("energy", dir.resolve("run/stats.json").toString(), "--profile", "loihi-calibrated");
        assertThat(e[0]).as(e[2]).isEqualTo("0");
        assertThat(e[2]).contains("myelin energy: warning: energy profile 'loihi-calibrated' prices loihi-cuba chips, "
                + "but the run is on truenorth (truenorth datapath)");
        String[] same = run("energy", dir.resolve("run/stats.json").toString(), "--profile", "truenorth");
        assertThat(same[2]).doesNotContain("warning");
    }
}
