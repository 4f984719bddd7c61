package dev.myelin.tests.cli;

import dev.myelin.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input through the real entry point: each case must exit 2 with one line that names where
 * (file:line:col or the option), and no exception class or stack trace. One case per bug found
 * in the audit sweep.
 */
class BadInputTest {
    /** Exit code, stdout and stderr of one command line. */
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Exit 2, a single line on stderr ending with {@code expected}, no Java exception names. */
    static void assertUserError(Outcome o, String expected) {
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err().strip()).doesNotContain("\n").endsWith(expected)
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    static Path sample(String name) {
        return dev.myelin.tests.Samples.of(name);
    }

    /** 0xFF can never start a UTF-8 sequence: two good lines, then a bad byte at column 3 of line 3. */
    static Path notUtf8(Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.write(f, new byte[] {'a', ':', ' ', '1', '\n', '#', '\n', 'b', ':', (byte) 0xff, '\n'});
        return f;
    }

    @Test
    void nonUtf8TextNamesLineColumnAndOffset(@TempDir Path dir) throws Exception {
        Path f = notUtf8(dir);
        // bytes: "a: 1\n" (0-4), "#\n" (5-6), "b:" (7-8), 0xff at offset 9 = line 3, column 3
        String where = f + ":3:3: not UTF-8 text (byte 0xff at byte offset 9)";
        assertUserError(run("arch", f.toString()), where);
        assertUserError(run("compile", f.toString(), "-o", dir.resolve("x.nbin").toString()), where);
        assertUserError(run("energy", "--profile", f.toString(), "--show"), where);
        assertUserError(run("energy", f.toString()), where);
    }

    @Test
    void nonUtf8InputCsvNamesTheLine(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("in.csv");
        Files.write(csv, new byte[] {'0', ',', '1', '\n', '1', ',', (byte) 0xc3, '(', '\n'});
        Outcome o = run("run", "--ticks", "2", "--input", "image=" + csv, sample("conv/net.yaml").toString());
        // line 2 is "1,", 0xc3, "(": 0xc3 starts a two-byte sequence that '(' does not continue
        assertUserError(o, csv + ":2:3: not UTF-8 text (byte 0xc3)");
    }

    @Test
    void missingInputCsvSaysSo(@TempDir Path dir) {
        Path csv = dir.resolve("none.csv");
        assertUserError(run("run", "--ticks", "2", "--input", "image=" + csv, sample("conv/net.yaml").toString()),
                csv + ": no such file");
    }

    @Test
    void aDirectoryIsNotADescription(@TempDir Path dir) {
        assertUserError(run("compile", dir.toString()), dir + ": is a directory, not a network description");
        assertUserError(run("run", "--ticks", "1", dir.toString()), dir + ": is a directory, not a network");
    }

    @Test
    void outOfRangeThreadsAreUsageErrorsNotFailures() {
        String net = sample("demo/net.yaml").toString();
        assertUserError(run("run", "--ticks", "1", "--threads", "0", net), "--threads = 0 is out of range [1, 1024]");
        assertUserError(run("run", "--ticks", "1", "--threads", "5000", net),
                "--threads = 5000 is out of range [1, 1024]");
        assertUserError(run("demo", "--ticks", "1", "--threads", "-1", "-q"),
                "--threads = -1 is out of range [1, 1024]");
    }

    @Test
    void negativeTicksAndSampleTicksAreRefusedByDemoAndRun() {
        String net = sample("demo/net.yaml").toString();
        assertUserError(run("demo", "--ticks", "-1", "-q"), "--ticks = -1 must be >= 0");
        assertUserError(run("demo", "--ticks", "5", "--sample-ticks", "-3", "-q"), "--sample-ticks = -3 must be >= 0");
        assertUserError(run("run", "--ticks", "5", "--sample-ticks", "-1", net), "--sample-ticks = -1 must be >= 0");
    }

    @Test
    void aSweepWithATinyStepIsRefusedInsteadOfRunningForHours() {
        // 0.75 / 1e-7 = 7.5 million simulations
        assertUserError(run("noc", "--sweep", "--step", "0.0000001", "--max", "0.75"),
                "--step 1.0E-7 up to --max 0.75 gives more than 1000 sweep points; use a larger step");
    }

    @Test
    void energyStatsOutputWithoutInputIsAnError(@TempDir Path dir) {
        Path out = dir.resolve("s.txt");
        assertUserError(run("energy", "--stats", out.toString()),
                "--stats " + out + " writes re-priced stats: it needs STATS.json and no --show");
        assertThat(out).doesNotExist();
    }

    @Test
    void unwritableOutputNamesTheMissingDirectory(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        // a regular file where a directory is needed: nothing can be created under it
        Path target = blocker.resolve("sub/out.nbin");
        Outcome o = run("compile", sample("demo/net.yaml").toString(), "-o", target.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).startsWith("myelin compile: error: cannot write " + target + ": " + blocker.resolve("sub"))
                .doesNotContain("Exception");
    }

    @Test
    void anUnmappableAllToAllIsRefusedBeforeItExhaustsMemory(@TempDir Path dir) throws Exception {
        Path net = dir.resolve("big.yaml");
        Files.writeString(net, """
                name: big
                arch: truenorth
                dt: 1 ms
                populations:
                  - {name: a, size: 100000, model: if, params: {v_thresh: 2 mV}}
                  - {name: b, size: 100000, model: if, params: {v_thresh: 2 mV}}
                projections:
                  - {pre: a, post: b, connect: {type: all_to_all}, weight: 1 mV}
                """);
        // 100000 x 100000 = 1e10 synapses (40 GB as ints); a TrueNorth neuron receives on 256 axons
        assertUserError(run("compile", net.toString(), "-o", dir.resolve("big.nbin").toString()),
                net + ":8:32: projection 'a->b': all_to_all makes 10000000000 synapses; its 100000 post neurons"
                        + " can receive at most 256 each (min(core.axons, core.maxFanIn))");
    }

    @Test
    void damagedStatsJsonIsAUserErrorNamingWhatIsWrong(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("stats.txt");
        Outcome ran = run("run", "--ticks", "20", "-q", "--stats", stats.toString(), sample("demo/net.yaml").toString());
        assertThat(ran.code()).as(ran.err()).isZero();
        String json = Files.readString(dir.resolve("stats.json"));
        assertThat(json).contains("\"coreTicks\": [", "\"ticks\": 20");
        Path bad = dir.resolve("bad.json");

        // per-tick counts cut short: re-pricing read past their end (exit 1, ArrayIndexOutOfBoundsException)
        Files.writeString(bad, json.replace("\"coreTicks\": [", "\"coreTicks\": [7, 7], \"was\": ["));
        Outcome cut = run("energy", bad.toString(), "--profile", "truenorth");
        assertThat(cut.code()).as(cut.err()).isEqualTo(2);
        assertThat(cut.err()).containsPattern(java.util.regex.Pattern.quote(bad.toString()) + ":\\d+:\\d+: damaged stats JSON: "
                + "counts.coreTicks: per-tick counts hold 2 values; 20 ticks x ");

        // a negative tick count was re-priced as "-5 ticks" with exit 0
        Files.writeString(bad, json.replaceFirst("\"ticks\": 20", "\"ticks\": -5"));
        Outcome negative = run("energy", bad.toString(), "--profile", "truenorth");
        assertThat(negative.code()).as(negative.out()).isEqualTo(2);
        assertThat(negative.err()).contains("ticks = -5");

        // a missing section was reported as a NullPointerException's text
        Files.writeString(bad, "{\"format\": \"myelin-stats-1\"}");
        assertUserError(run("energy", bad.toString()), bad + ": damaged stats JSON: 'config' is missing or not an object");
    }

    @Test
    void aDirectoryAsOutputFileIsNamedWithoutTheTemporaryFile(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectory(dir.resolve("out.nbin"));
        assertUserError(run("compile", sample("demo/net.yaml").toString(), "-o", out.toString()),
                "cannot write " + out + ": is a directory");
        assertUserError(run("run", "--ticks", "2", "--spikes", out.toString(), sample("demo/net.yaml").toString()),
                "cannot write " + out + ": is a directory");
    }
}
