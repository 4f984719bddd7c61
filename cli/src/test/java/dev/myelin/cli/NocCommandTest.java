package dev.myelin.cli;

import dev.myelin.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NocCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void printsBookSimLabels() {
        assertThat(run("noc", "--mesh", "4x4", "--traffic", "uniform", "--rate", "0.1", "--cycles", "500",
                "--seed", "3")).isZero();
        String s = out.toString();
        // 4 x 4 booksim timing: uniform mean distance 2(16 - 1)/12 = 2.5 links, T0 = 3 x 2.5 + 5
        assertThat(s).contains("zero-load latency average = 12.5000 cycles", "Packet latency average = ",
                "\tminimum = ", "\tmaximum = ", "Network latency average = ", "Accepted packet rate average = ",
                "Time taken is ");
    }

    @Test
    void saturatedRunSaysSoInsteadOfALatency() {
        assertThat(run("noc", "--mesh", "8x8", "--traffic", "transpose", "--rate", "0.5", "--cycles", "400")).isZero();
        assertThat(out.toString()).contains("Simulation unstable: network saturated")
                .doesNotContain("Packet latency average");
    }

    @Test
    void sweepWritesACsvFile(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("sweep.csv");
        assertThat(run("noc", "--mesh", "4x4", "--traffic", "hotspot", "--sweep", "--cycles", "300", "-o",
                csv.toString())).isZero();
        String text = Files.readString(csv);
        assertThat(text).contains("offered_rate,accepted_rate,packet_latency_avg");
        // hotspot on 4 x 4: ideal 4/16 = 0.25, step 0.025 up to 0.375
        assertThat(text).contains("\n0.0250,");
    }

    @Test
    void badMeshIsAOneLineUsageError() {
        assertThat(run("noc", "--mesh", "8by8")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("myelin noc: error: --mesh '8by8' is not WIDTHxHEIGHT (e.g. 8x8)");
        assertThat(run("noc", "--rate", "1.5")).isEqualTo(2);
        assertThat(err.toString()).contains("--rate 1.5 is out of range [0, 1]");
    }
}
