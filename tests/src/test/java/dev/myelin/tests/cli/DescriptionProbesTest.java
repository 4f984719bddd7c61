package dev.myelin.tests.cli;

import dev.myelin.tests.cli.BadInputTest.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.myelin.tests.cli.BadInputTest.run;
import static dev.myelin.tests.cli.BadInputTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probes a description declares ({@code record: [spikes, v]}) reach a probes CSV without
 * any {@code --probe} option: {@code probes.csv} beside the first file output, or in the
 * current directory when the run writes no other file. They used to be dropped unless
 * {@code --probe} or {@code --probe-file} was given.
 */
class DescriptionProbesTest {
    /**
     * hand_tiny's integrator (alpha 12, leak -1 toward 0, weight 8, delay 3) gets the relay's
     * spikes of ticks 2, 4, 10 in ticks 5, 7, 13. By hand: tick 5: V = 0 + 8 - 1 = 7; tick 6:
     * 7 - 1 = 6; tick 7: 6 + 8 - 1 = 13 >= 12, fires, V = 0; tick 13: 0 + 8 - 1 = 7.
     */
    static final String[] INTEGRATOR = {"5,integrator,0,7", "6,integrator,0,6", "7,integrator,0,0",
        "13,integrator,0,7"};

    @Test
    void theDescriptionsProbesGoBesideTheSpikes(@TempDir Path dir) throws Exception {
        Path spikes = dir.resolve("spikes.csv");
        Outcome o = run("run", sample("hand_tiny/net.yaml").toString(), "--ticks", "25", "-q",
                "--spikes", spikes.toString());
        assertThat(o.code()).as(o.err()).isZero();
        Path probes = dir.resolve("probes.csv");
        assertThat(o.out()).contains("Written:", "  " + probes);
        assertThat(Files.readAllLines(probes)).startsWith("tick,population,index,v").contains(INTEGRATOR)
                .hasSize(1 + 25);
    }

    @Test
    void withoutAnyOutputOptionTheyGoToTheCurrentDirectory(@TempDir Path dir) throws Exception {
        Path cwd = Files.createDirectory(dir.resolve("work"));
        ChildMyelin.Result r = ChildMyelin.run(cwd, dir.resolve("logs"), "run",
                sample("hand_tiny/net.yaml").toString(), "--ticks", "25", "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Written:", "  probes.csv");
        assertThat(Files.readAllLines(cwd.resolve("probes.csv"))).contains(INTEGRATOR);
        try (var files = Files.list(cwd)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("probes.csv");
        }
    }

    @Test
    void aBinaryCarriesNoProbesSoItsRunWritesNoProbesFile(@TempDir Path dir) throws Exception {
        Path nbin = dir.resolve("h.nbin");
        assertThat(run("compile", sample("hand_tiny/net.yaml").toString(), "-o", nbin.toString()).code()).isZero();
        Outcome o = run("run", nbin.toString(), "--ticks", "5", "-q", "--spikes", dir.resolve("s.csv").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(dir.resolve("probes.csv")).doesNotExist();
    }
}
