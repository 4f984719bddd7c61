package dev.myelin.tests.cli;

import dev.myelin.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.myelin.tests.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The demo compiles the packaged sample and runs it; a description runs in both timing modes. */
class DemoEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void demoCompilesThePackagedSampleAndPrintsTheSummary() {
        String[] r = run("demo", "--ticks", "200", "-q", "--out", dir.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).doesNotContain("hand-built")
                .contains("net.yaml (the copy bundled with the tool) on truenorth (truenorth: 64 x 64 routers x 1 core of 256 axons x 256 neurons)")
                .containsPattern("hidden +\\d+").containsPattern("readout +\\d+").containsPattern("inhib +\\d+")
                .contains("Energy (modelled, profile truenorth").contains("per inference")
                .containsPattern("Traffic: \\d+ messages, \\d+ hops, busiest link \\(\\d+,\\d+\\) \\w+ \\(\\d+ packets\\)")
                .contains("real-time factor").contains("plots");
        assertThat(dir.resolve("plots/link-traffic.png")).isNotEmptyFile();
    }

    @Test
    void aDescriptionRunsInCycleTimingWithTheSameCountsAsSimple() throws Exception {
        Path sample = dir.resolve("net.yaml");
        try (var in = Main.class.getClassLoader().getResourceAsStream("myelin/samples/demo/net.yaml")) {
            Files.copy(in, sample);
        }
        String[] simple = run("run", sample.toString(), "--ticks", "100", "-q", "--stats",
                dir.resolve("s/stats.txt").toString());
        String[] cycle = run("run", sample.toString(), "--ticks", "100", "-q", "--timing", "cycle", "--stats",
                dir.resolve("c/stats.txt").toString());
        assertThat(simple[0]).as(simple[2]).isEqualTo("0");
        assertThat(cycle[0]).as(cycle[2]).isEqualTo("0");
        String s = Files.readString(dir.resolve("s/stats.txt"));
        String c = Files.readString(dir.resolve("c/stats.txt"));
        for (String key : new String[] {"chip.spikes ", "chip.synEvents ", "network.messages ", "network.hops ",
                "energy.dynamic_pj "}) {
            assertThat(line(c, key)).isEqualTo(line(s, key));
        }
    }

    private static String line(String stats, String key) {
        return stats.lines().filter(l -> l.startsWith(key)).findFirst().orElseThrow();
    }
}
