package dev.myelin.tests.cli;

import dev.myelin.tests.cli.BadInputTest.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.myelin.tests.cli.BadInputTest.run;
import static dev.myelin.tests.cli.BadInputTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Outputs that are not plain files are written through, and a write that fails is one line. An
 * output used to be written to a temporary file beside it and renamed over it whatever it was:
 * {@code --spikes /dev/stdout} (with stdout redirected to a file) and {@code /dev/null} were
 * replaced by regular files, a symbolic link by a file, and a full disk ended in an
 * UncheckedIOException's text with the temporary file left behind.
 */
class WriteThroughTest {
    @TempDir
    Path dir;

    private static String net() {
        return sample("demo/net.yaml").toString();
    }

    /** The spike list of a 20-tick demo run, written to a plain file: what every other target must receive. */
    private byte[] reference() throws Exception {
        Path f = dir.resolve("reference/spikes.csv");
        Outcome o = run("run", net(), "--ticks", "20", "-q", "--spikes", f.toString());
        assertThat(o.code()).as(o.err()).isZero();
        return Files.readAllBytes(f);
    }

    private static List<String> hidden(Path d) throws Exception {
        try (var files = Files.list(d)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    private static boolean isDevice(Path p) throws Exception {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
    }

    @Test
    void aFullDiskIsOneLineNamingTheFileWithExit1AndNoTemporaryFile() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full");
        for (String option : new String[] {"--spikes", "--vcd", "--per-tick", "--stats", "--probe-file"}) {
            Path out = Files.createDirectories(dir.resolve(option.substring(2)));
            Outcome o = run("run", net(), "--ticks", "20", "-q", option, "/dev/full",
                    "--plots", out.resolve("plots").toString(),
                    option.equals("--spikes") ? "--per-tick" : "--spikes", out.resolve("other.csv").toString());
            assertThat(o.code()).as(option + ": " + o.err()).isEqualTo(1);
            assertThat(o.err().strip()).as(option).isEqualTo("myelin run: failed: cannot write /dev/full: "
                    + "No space left on device");
            assertThat(hidden(out)).as(option + ": temporary files").isEmpty();
            assertThat(isDevice(Path.of("/dev/full"))).isTrue();
        }
        assertThat(Path.of("/dev/full.json")).as("no JSON twin beside a device").doesNotExist();
        assertThat(Path.of("/dev/probes.csv")).as("no default probes file beside a device").doesNotExist();
    }

    @Test
    void devNullStaysTheNullDevice() throws Exception {
        Path nul = Path.of("/dev/null");
        assumeTrue(Files.exists(nul) && isDevice(nul), "no /dev/null device");
        Outcome o = run("run", net(), "--ticks", "20", "-q", "--spikes", "/dev/null", "--vcd", "/dev/null",
                "--stats", "/dev/null", "--per-tick", "/dev/null", "--probe-file", "/dev/null");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("Written:\n  /dev/null\n");
        Outcome c = run("compile", net(), "-o", "/dev/null");
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(isDevice(nul)).as("/dev/null is still a device").isTrue();
        assertThat(Path.of("/dev/null.json")).doesNotExist();
        assertThat(Path.of("/dev/null.config.ini")).doesNotExist();
    }

    @Test
    void aFifoReceivesTheSpikesAndStaysAFifo() throws Exception {
        byte[] expected = reference();
        Path fifo = dir.resolve("spikes.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo is not available");
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Outcome o = run("run", net(), "--ticks", "20", "-q", "--spikes", fifo.toString(),
                "--probe-file", dir.resolve("probes.csv").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(read.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
        assertThat(isDevice(fifo)).as("still a FIFO").isTrue();
        assertThat(hidden(dir)).isEmpty();
    }

    @Test
    void aSymbolicLinkStaysALinkAndItsTargetGetsTheFile() throws Exception {
        byte[] expected = reference();
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("spikes.csv"), Path.of("real/target.csv"));
        for (int round = 0; round < 2; round++) { // the target missing, then there
            Outcome o = run("run", net(), "--ticks", "20", "-q", "--spikes", link.toString());
            assertThat(o.code()).as(o.err()).isZero();
            assertThat(Files.isSymbolicLink(link)).as("still a link").isTrue();
            assertThat(Files.readAllBytes(real.resolve("target.csv"))).isEqualTo(expected);
            assertThat(hidden(dir)).isEmpty();
            assertThat(hidden(real)).isEmpty();
        }
    }

    @Test
    void devStdoutWritesIntoTheProcesssOwnOutput() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/stdout")), "no /dev/stdout");
        byte[] expected = reference();
        boolean link = Files.isSymbolicLink(Path.of("/dev/stdout"));
        // the child's stdout is a regular file: the case in which the rename replaced /dev/stdout
        ChildMyelin.Result r = ChildMyelin.run(dir, dir.resolve("logs"), "run", net(), "--ticks", "20", "-q",
                "--spikes", "/dev/stdout");
        assertThat(r.code()).as(r.err()).isZero();
        String spikes = new String(expected, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(r.out()).startsWith(spikes).contains(": 20 ticks in ", "Written:\n  /dev/stdout\n  probes.csv\n");
        assertThat(Files.isSymbolicLink(Path.of("/dev/stdout"))).as("/dev/stdout unchanged").isEqualTo(link);
        // the demo records v: with no file output, its probes go to the current directory, not to /dev
        assertThat(dir.resolve("probes.csv")).isNotEmptyFile();
        assertThat(Path.of("/dev/probes.csv")).doesNotExist();
    }
}
