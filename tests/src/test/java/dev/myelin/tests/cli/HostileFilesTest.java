package dev.myelin.tests.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.myelin.tests.cli.BadInputTest.assertUserError;
import static dev.myelin.tests.cli.BadInputTest.run;
import static dev.myelin.tests.cli.BadInputTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Files that never end or never start: {@code /dev/zero} (reached through a symbolic link with
 * the extension each command expects) and a FIFO with no writer, given wherever a command reads
 * a file. Each must be refused at once with exit 2 and one line naming the file; before, they
 * ran out of memory after about 30 s, failed with NegativeArraySizeException, or blocked for
 * ever in open(2). The timeout runs the test in its own thread, so a blocked open fails it
 * instead of hanging the build.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileFilesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void devZeroExists() {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero on this platform");
    }

    /** {@code dir/name} linked to /dev/zero. */
    private Path zero(String name) throws Exception {
        return Files.createSymbolicLink(dir.resolve(name), Path.of("/dev/zero"));
    }

    /** A FIFO {@code dir/name} that nobody writes; skips the test where mkfifo is missing. */
    private Path fifo(String name) throws Exception {
        Path p = dir.resolve(name);
        int code;
        try {
            Process pr = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
            assertThat(pr.waitFor(10, TimeUnit.SECONDS)).isTrue();
            code = pr.exitValue();
        } catch (java.io.IOException e) {
            code = -1;
        }
        assumeTrue(code == 0 && Files.exists(p), "mkfifo is not available");
        return p;
    }

    /** Runs one command, which must end within a second of CPU-light work (generous for a shared machine). */
    private static BadInputTest.Outcome quick(String... args) {
        long t0 = System.nanoTime();
        BadInputTest.Outcome o = run(args);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).as("milliseconds for " + String.join(" ", args)).isLessThan(5_000);
        return o;
    }

    @Test
    void binaries() throws Exception {
        Path z = zero("zero.nbin");
        Path f = fifo("pipe.nbin");
        assertUserError(quick("disasm", z.toString()), z + ": is a character device, not a network binary");
        assertUserError(quick("disasm", f.toString()), f + ": is a named pipe (FIFO), not a network binary");
        assertUserError(quick("run", "--ticks", "1", z.toString()), z + ": is a character device, not a network");
        assertUserError(quick("run", "--ticks", "1", f.toString()), f + ": is a named pipe (FIFO), not a network");
    }

    @Test
    void descriptionsAndListings() throws Exception {
        Path z = zero("zero.yaml");
        Path f = fifo("pipe.yaml");
        assertUserError(quick("compile", z.toString()), z + ": is a character device, not a network description");
        assertUserError(quick("compile", f.toString()), f + ": is a named pipe (FIFO), not a network description");
        assertUserError(quick("run", "--ticks", "1", f.toString()), f + ": is a named pipe (FIFO), not a network");
        Path zl = zero("zero.nasm");
        Path fl = fifo("pipe.nasm");
        assertUserError(quick("asm", zl.toString()), zl + ": is a character device, not a listing");
        assertUserError(quick("asm", fl.toString()), fl + ": is a named pipe (FIFO), not a listing");
    }

    @Test
    void inputCsv() throws Exception {
        String net = sample("conv/net.yaml").toString();
        Path z = zero("zero.csv");
        Path f = fifo("pipe.csv");
        assertUserError(quick("run", "--ticks", "2", "--input", "image=" + z, net),
                z + ": is a character device, not an input file");
        assertUserError(quick("run", "--ticks", "2", "--input", "image=" + f, net),
                f + ": is a named pipe (FIFO), not an input file");
    }

    @Test
    void statsJsonAndProfiles() throws Exception {
        Path z = zero("zero.json");
        Path f = fifo("pipe.json");
        assertUserError(quick("energy", z.toString()), z + ": is a character device, not a stats file");
        assertUserError(quick("energy", f.toString()), f + ": is a named pipe (FIFO), not a stats file");
        Path zp = zero("zero-profile.yaml");
        Path fp = fifo("pipe-profile.yaml");
        assertUserError(quick("energy", "--show", "--profile", zp.toString()),
                zp + ": is a character device, not an energy profile");
        assertUserError(quick("energy", "--show", "--profile", fp.toString()),
                fp + ": is a named pipe (FIFO), not an energy profile");
    }

    @Test
    void architectureFiles() throws Exception {
        Path z = zero("zero-arch.yaml");
        Path f = fifo("pipe-arch.yaml");
        assertUserError(quick("arch", z.toString()), z + ": is a character device, not an architecture file");
        assertUserError(quick("arch", f.toString()), f + ": is a named pipe (FIFO), not an architecture file");
        String net = sample("demo/net.yaml").toString();
        assertUserError(quick("compile", net, "-o", dir.resolve("x.nbin").toString(), "--arch", f.toString()),
                "--arch: " + f + ": is a named pipe (FIFO), not an architecture file");
    }

    /** Files a description names, each reported at the value naming it (column 50: the value of {@code file:}). */
    @Test
    void filesADescriptionNames() throws Exception {
        fifo("pipe-arch.yaml");
        Path csv = fifo("spikes.csv");
        Path net = dir.resolve("net.yaml");
        Files.writeString(net, """
                name: n
                arch: pipe-arch.yaml
                dt: 1 ms
                populations:
                  - {name: a, size: 2, model: if, params: {v_thresh: 2 mV}}
                """);
        assertUserError(quick("compile", net.toString()), net + ":2:7: " + dir.toAbsolutePath().resolve("pipe-arch.yaml")
                + ": is a named pipe (FIFO), not an architecture file");
        Files.writeString(net, """
                name: n
                arch: truenorth
                dt: 1 ms
                populations:
                  - {name: a, size: 2, model: if, params: {v_thresh: 2 mV}}
                inputs:
                  - {name: in, type: spike_array, size: 2, file: spikes.csv}
                projections:
                  - {pre: in, post: a, connect: one_to_one, weight: 1 mV}
                """);
        assertUserError(quick("compile", net.toString()), net + ":7:50: " + csv
                + ": is a named pipe (FIFO), not a data file");
    }
}
