package dev.myelin.tests.cli;

import dev.myelin.tests.cli.BadInputTest.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static dev.myelin.tests.cli.BadInputTest.assertUserError;
import static dev.myelin.tests.cli.BadInputTest.run;
import static dev.myelin.tests.cli.BadInputTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every output path is checked before anything runs: one line, exit 2, nothing written. Before,
 * {@code run NET.yaml --spikes NET.yaml} replaced the description by the spike list, two options
 * on one file let the last writer win, and a stats twin that was a directory failed only after the
 * whole run, with the text file already written.
 */
class OutputPathsTest {
    @TempDir
    Path dir;

    /** hand_tiny copied into {@code dir}: net.yaml naming input.csv. */
    private Path handTiny() throws Exception {
        Files.copy(sample("hand_tiny/input.csv"), dir.resolve("input.csv"));
        return Files.copy(sample("hand_tiny/net.yaml"), dir.resolve("net.yaml"));
    }

    /** Every file under {@code dir} with its bytes, to show that a refused command wrote nothing. */
    private List<String> snapshot() throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.map(p -> {
                try {
                    return dir.relativize(p) + (Files.isRegularFile(p) ? " " + java.util.Arrays.hashCode(Files.readAllBytes(p)) : "/");
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).sorted().toList();
        }
    }

    /** Runs, expects exit 2 and one line ending with {@code expected}, and nothing under {@code dir} changed. */
    private void refused(String expected, String... args) throws Exception {
        List<String> before = snapshot();
        assertUserError(run(args), expected);
        assertThat(snapshot()).as("files after myelin " + String.join(" ", args)).isEqualTo(before);
    }

    @Test
    void anOutputOnAFileTheRunReadsIsRefused() throws Exception {
        Path net = handTiny();
        Path csv = dir.resolve("input.csv");
        refused("--spikes " + net + " would overwrite the network description " + net + ", which this command reads",
                "run", net.toString(), "--ticks", "5", "--spikes", net.toString());
        // the same file under another name: a symbolic link, a hard link
        Path soft = Files.createSymbolicLink(dir.resolve("soft.yaml"), net);
        Path hard = Files.createLink(dir.resolve("hard.yaml"), net);
        refused("--vcd " + soft + " would overwrite the network description " + net + ", which this command reads",
                "run", net.toString(), "--ticks", "5", "--vcd", soft.toString());
        refused("--per-tick " + hard + " would overwrite the network description " + net + ", which this command reads",
                "run", net.toString(), "--ticks", "5", "--per-tick", hard.toString());
        // the data file the description names
        refused("--stats " + csv + " would overwrite the file " + csv + " that " + net + " names, which this command reads",
                "run", net.toString(), "--ticks", "5", "--stats", csv.toString());
        // an input CSV given on the command line
        Path extra = Files.writeString(dir.resolve("extra.csv"), "tick,index\n1,0\n");
        refused("--spikes " + extra + " would overwrite --input in=" + extra + ", which this command reads",
                "run", net.toString(), "--ticks", "5", "--input", "in=" + extra, "--spikes", extra.toString());
    }

    @Test
    void twoOutputsOnOneFileAreRefusedTheStatsTwinsAndDefaultsIncluded() throws Exception {
        Path net = handTiny();
        Path a = dir.resolve("a.csv");
        refused("--spikes " + a + " and --per-tick " + a + " are the same file; give each output its own",
                "run", net.toString(), "--ticks", "5", "--spikes", a.toString(), "--per-tick", a.toString());
        Path stats = dir.resolve("s.txt");
        Path twin = dir.resolve("s.json");
        refused("--stats " + stats + "'s twin " + twin + " and --per-tick " + twin + " are the same file; give each "
                + "output its own", "run", net.toString(), "--ticks", "5", "--stats", stats.toString(),
                "--per-tick", twin.toString());
        // hand_tiny records the integrator's v: its probes go to probes.csv beside --spikes by default
        Path probes = dir.resolve("probes.csv");
        refused("--spikes " + probes + " and the probes file " + probes + " (by default beside the other outputs; "
                + "choose another with --probe-file) are the same file; give each output its own",
                "run", net.toString(), "--ticks", "5", "--spikes", probes.toString());
        Path plots = dir.resolve("plots");
        refused("--spikes " + plots.resolve("raster.png") + " and --plots " + plots + "'s raster.png are the same file; "
                + "give each output its own", "run", net.toString(), "--ticks", "5", "--spikes",
                plots.resolve("raster.png").toString(), "--plots", plots.toString());
    }

    @Test
    void aDirectoryWhereAFileGoesIsRefusedBeforeTheRunTwinsIncluded() throws Exception {
        Path net = handTiny();
        Path twin = Files.createDirectory(dir.resolve("s.json"));
        refused("cannot write " + twin + ": is a directory", "run", net.toString(), "--ticks", "5",
                "--stats", dir.resolve("s.txt").toString());
        Path file = Files.writeString(dir.resolve("file"), "x");
        refused("cannot write " + file.resolve("run.vcd") + ": " + file + " is not a directory",
                "run", net.toString(), "--ticks", "5", "--vcd", file.resolve("run.vcd").toString());
        refused("cannot write " + file.resolve("raster.png") + ": " + file + " is not a directory",
                "run", net.toString(), "--ticks", "5", "--plots", file.toString());
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsRefused() throws Exception {
        Path net = handTiny();
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(ro), "this user may write anywhere (root)");
            refused("cannot write " + ro.resolve("s.csv") + ": " + ro + ": permission denied",
                    "run", net.toString(), "--ticks", "5", "--spikes", ro.resolve("s.csv").toString());
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void statsNamedDotJsonIsTheJsonWithTheTextBesideIt() throws Exception {
        Path net = handTiny();
        Path json = dir.resolve("stats.json");
        Outcome o = run("run", net.toString(), "--ticks", "25", "-q", "--stats", json.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(Files.readString(json)).startsWith("{").contains("\"format\": \"myelin-stats-1\"");
        assertThat(Files.readString(dir.resolve("stats.txt"))).contains("sim.ticks");
        assertThat(dir.resolve("stats.config.ini")).isNotEmptyFile();
        assertThat(run("energy", json.toString(), "--profile", "truenorth").code()).isZero();
        // re-priced stats may not replace the JSON they are read from
        refused("--stats " + dir.resolve("stats.txt") + "'s twin " + json + " would overwrite the stats JSON " + json
                + ", which this command reads", "energy", json.toString(), "--profile", "loihi-calibrated",
                "--stats", dir.resolve("stats.txt").toString());
    }

    @Test
    void compileAsmAndDisasmRefuseToOverwriteTheirInput() throws Exception {
        Path net = handTiny();
        refused("-o " + net + " would overwrite the network description " + net + ", which this command reads",
                "compile", net.toString(), "-o", net.toString());
        Path nbin = dir.resolve("x.nbin");
        refused("-o " + nbin + " and --report " + nbin + " are the same file; give each output its own",
                "compile", net.toString(), "-o", nbin.toString(), "--report", nbin.toString());
        assertThat(run("compile", net.toString(), "-o", nbin.toString()).code()).isZero();
        refused("-o " + nbin + " would overwrite the binary " + nbin + ", which this command reads",
                "disasm", nbin.toString(), "-o", nbin.toString());
        Path nasm = dir.resolve("x.nasm");
        assertThat(run("disasm", nbin.toString(), "-o", nasm.toString()).code()).isZero();
        refused("-o " + nasm + " would overwrite the listing " + nasm + ", which this command reads",
                "asm", nasm.toString(), "-o", nasm.toString());
    }
}
