package dev.myelin.chip.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The chip module has no description compiler on its class path: the demo runs its hand-built network. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void withoutACompilerTheDemoRunsTheHandBuiltNetworkAndSaysSo() throws Exception {
        String[] r = RunCommandTest.run("demo", "--ticks", "200", "--sample-ticks", "50", "-q", "--out",
                dir.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("running the hand-built demo network")
                .contains("Spikes per population:").contains("hidden").contains("mid").contains("out")
                .contains("Energy (modelled, profile truenorth")
                .contains("per inference").contains("over 4 samples")
                .containsPattern("Traffic: \\d+ messages, \\d+ hops, busiest link \\(0,0\\) east")
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
