package dev.myelin.tests.cli;

import dev.myelin.tests.cli.BadInputTest.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.myelin.tests.cli.BadInputTest.run;
import static dev.myelin.tests.cli.BadInputTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs stopped from outside, in a JVM of their own: Ctrl-C (SIGINT) pressed two or three times
 * and SIGKILL. A second Ctrl-C used to halt the JVM at once, leaving the VCD, probes and stats
 * missing and their hidden temporary files behind; a killed run's temporary files stayed for
 * good.
 */
class InterruptTest {
    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        children.forEach(Process::destroyForcibly);
    }

    /** A run of the demo for a very long time, every output asked for, in {@code dir/out}. */
    private Process longRun() throws Exception {
        Path out = dir.resolve("out");
        Process p = ChildMyelin.start(dir, dir.resolve("logs"), "run", sample("demo/net.yaml").toString(),
                "--ticks", "1000000000", "-q", "--spikes", out.resolve("spikes.csv").toString(),
                "--vcd", out.resolve("run.vcd").toString(), "--stats", out.resolve("stats.txt").toString(),
                "--per-tick", out.resolve("ticks.csv").toString(), "--plots", out.resolve("plots").toString());
        children.add(p);
        return p;
    }

    /**
     * Waits until a spike list's temporary file other than {@code others} holds flushed bytes: the
     * child's tick loop runs. Returns that file.
     */
    private Path ticking(Process p, Path... others) throws Exception {
        Path out = dir.resolve("out");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.isDirectory(out)) {
                try (var files = Files.list(out)) {
                    Path tmp = files.filter(f -> f.getFileName().toString().startsWith(".spikes.csv."))
                            .filter(f -> !List.of(others).contains(f)).findFirst().orElse(null);
                    if (tmp != null && Files.size(tmp) > 0) {
                        return tmp;
                    }
                } catch (java.nio.file.NoSuchFileException renamed) {
                    // looked at between listing and size: look again
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child did not start its tick loop: " + Files.readString(dir.resolve("logs/stderr")));
    }

    /**
     * SIGINT to the child, as Ctrl-C sends it (nothing once it has ended); skips the test where the
     * child ignores SIGINT.
     */
    private static void ctrlC(Process p) throws Exception {
        String status;
        try {
            status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
        } catch (java.nio.file.NoSuchFileException ended) {
            return;
        }
        String ignored = status.lines().filter(l -> l.startsWith("SigIgn:")).findFirst().orElse("SigIgn: 0").substring(7).strip();
        assumeTrue((Long.parseUnsignedLong(ignored, 16) & 0b10) == 0, "SIGINT is ignored in this environment");
        Process kill = new ProcessBuilder("sh", "-c", "kill -INT " + p.pid()).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -INT").isTrue();
    }

    private List<String> hiddenFiles() throws Exception {
        try (var all = Files.walk(dir.resolve("out"))) {
            return all.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    private static String lastLine(Path f) throws Exception {
        List<String> lines = Files.readAllLines(f);
        return lines.get(lines.size() - 1);
    }

    @Test
    void aSecondCtrlCStillPublishesTheRecordedFilesAndLeavesNoTemporaryFile() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc");
        Process p = longRun();
        ticking(p);
        ctrlC(p);
        Thread.sleep(100);
        ctrlC(p);
        ChildMyelin.Result r = ChildMyelin.finish(p, dir.resolve("logs"));
        assertThat(r.code()).as(r.err()).isEqualTo(130);
        Path out = dir.resolve("out");
        for (String csv : new String[] {"spikes.csv", "probes.csv", "ticks.csv"}) {
            assertThat(lastLine(out.resolve(csv))).as(csv).startsWith("# partial run: stopped after ");
        }
        assertThat(Files.readString(out.resolve("run.vcd"))).contains("$comment partial run: stopped after tick ");
        assertThat(Files.readString(out.resolve("stats.txt"))).containsPattern("(?m)^sim\\.partial +1 ");
        assertThat(Files.readString(out.resolve("stats.json"))).contains("\"sim.partial\": 1");
        assertThat(out.resolve("stats.config.ini")).isNotEmptyFile();
        assertThat(hiddenFiles()).isEmpty();
        assertThat(r.err()).contains("writing the recorded files without pictures");
    }

    @Test
    void aThirdCtrlCQuitsAtOnceAndLeavesNoTemporaryFile() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc");
        Process p = longRun();
        ticking(p);
        for (int i = 0; i < 3; i++) {
            ctrlC(p);
            Thread.sleep(5);
        }
        ChildMyelin.Result r = ChildMyelin.finish(p, dir.resolve("logs"));
        assertThat(r.code()).as(r.err()).isEqualTo(130);
        assertThat(hiddenFiles()).isEmpty();
    }

    @Test
    void aKilledRunsTemporaryFilesGoAtTheNextRunButARunningRunsStay() throws Exception {
        Process killed = longRun();
        Path stale = ticking(killed);
        killed.destroyForcibly();
        assertThat(killed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(stale).as("SIGKILL runs no code: the temporary file is there").exists();
        assertThat(stale.getFileName().toString()).as("named after the target and the process")
                .startsWith(".spikes.csv." + killed.pid() + ".").endsWith(".tmp");
        Process running = longRun();
        Path live = ticking(running, stale);

        Path spikes = dir.resolve("out/spikes.csv");
        Outcome o = run("run", sample("demo/net.yaml").toString(), "--ticks", "5", "-q", "--spikes", spikes.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(spikes).isNotEmptyFile();
        assertThat(stale).as("the killed run's temporary file").doesNotExist();
        assertThat(live).as("the running run's temporary file").exists();
    }
}
