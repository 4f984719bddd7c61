package dev.myelin.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo compiles and runs the bundled sample: from the class path when no repository is
 * beside the tool (as here: tests have no MYELIN_HOME), and writes every output.
 */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void theDemoRunsTheBundledSampleAndWritesEveryOutput() throws Exception {
        String[] r = RunCommandTest.run("demo", "--ticks", "200", "--sample-ticks", "50", "-q", "--out",
                dir.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("Myelin demo: firmware-samples/samples/demo/net.yaml (the copy bundled with the tool) on truenorth")
                .contains("Spikes per population:").contains("hidden").contains("readout").contains("inhib")
                .contains("Energy (modelled, profile truenorth")
                .contains("per inference").contains("over 4 samples")
                .containsPattern("Traffic: \\d+ messages, \\d+ hops, busiest link \\(\\d+,\\d+\\) (east|west|north|south) \\(\\d+ packets\\)")
                .contains("real-time factor");
        for (String f : new String[] {"spikes.csv", "probes.csv", "run.vcd", "stats.txt", "stats.json",
                "stats.config.ini", "ticks.csv", "plots/raster.png", "plots/potentials.png",
                "plots/core-activity.png", "plots/link-traffic.png", "plots/latency-histogram.png"}) {
            assertThat(dir.resolve(f)).as(f).isNotEmptyFile();
        }
        // PNG signature
        assertThat(Files.readAllBytes(dir.resolve("plots/raster.png"))).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
}
