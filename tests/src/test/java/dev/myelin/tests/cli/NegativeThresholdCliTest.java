package dev.myelin.tests.cli;

import dev.myelin.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.myelin.tests.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The negative-threshold rule end to end through the command line, from a description and from
 * a listing. One neuron, no input: leak -1, beta 5, R 3, reset mode 0, alpha far away. V steps
 * -1, -2, -3, -4, -5 in ticks 0-4. Strict (V &lt; -5): -5 stays, tick 5 gives -6, reset to -R = -3,
 * then -4, -5, -6 -> -3 again: period 3. Inclusive (V &lt;= -5): -5 already resets in tick 4, then
 * -4, -5 -> -3: period 2.
 */
class NegativeThresholdCliTest {
    static final List<Integer> STRICT = List.of(-1, -2, -3, -4, -5, -3, -4, -5, -3, -4);
    static final List<Integer> INCLUSIVE = List.of(-1, -2, -3, -4, -3, -4, -3, -4, -3, -4);

    @TempDir
    Path dir;

    private Path description(String params) throws Exception {
        Path net = dir.resolve("net.yaml");
        Files.writeString(net, String.join("\n",
                "name: minus_beta",
                "arch: tiny",
                "dt: 1 ms",
                "populations:",
                "  - {name: n, size: 1, model: truenorth, params: {alpha: 1000, beta: 5, leak: -1, reset_v: 3"
                        + params + "}}",
                ""));
        return net;
    }

    /** V of neuron n[0] after each of 10 ticks of {@code network}, from the probe CSV. */
    private List<Integer> vTrace(Path network) throws Exception {
        Path probes = dir.resolve("probes.csv");
        Files.deleteIfExists(probes);
        ok("run", network.toString(), "--ticks", "10", "-q", "--probe", "n", "--probe-file", probes.toString(),
                "--spikes", dir.resolve("spikes.csv").toString());
        return Files.readAllLines(probes).stream().filter(l -> !l.startsWith("#") && !l.startsWith("tick"))
                .map(l -> l.split(","))
                .filter(f -> f[1].equals("n") && f[2].equals("0"))
                .map(f -> Integer.parseInt(f[3].trim())).toList();
    }

    @Test
    void aDescriptionIsStrictByDefaultAndInclusiveWhenItSaysSo() throws Exception {
        assertThat(vTrace(description(""))).isEqualTo(STRICT);
        assertThat(vTrace(description(", negative_threshold: strict"))).isEqualTo(STRICT);
        assertThat(vTrace(description(", negative_threshold: inclusive"))).isEqualTo(INCLUSIVE);
    }

    @Test
    void theCompiledBinaryCarriesTheRuleAndItsListingSaysIt() throws Exception {
        Path nbin = dir.resolve("net.nbin");
        ok("compile", description(", negative_threshold: inclusive").toString(), "-o", nbin.toString());
        assertThat(vTrace(nbin)).isEqualTo(INCLUSIVE);
        Path listing = dir.resolve("net.nasm");
        ok("disasm", nbin.toString(), "-o", listing.toString());
        assertThat(Files.readString(listing)).contains("\n.negative_threshold inclusive ");
        Path again = dir.resolve("again.nbin");
        ok("asm", listing.toString(), "-o", again.toString());
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(nbin));
    }

    private Path listing(String directive) throws Exception {
        Path nasm = dir.resolve("hand.nasm");
        Files.writeString(nasm, String.join("\n",
                ".arch tiny",
                ".core 0 0 0",
                directive,
                "n0: alpha=1000 beta=5 lambda=-1 R=3",
                ".symbol n size=1",
                "  core 0 0 0 neuron=0 count=1 pop=0",
                ""));
        Path nbin = dir.resolve("hand.nbin");
        ok("asm", nasm.toString(), "-o", nbin.toString());
        return nbin;
    }

    @Test
    void aListingIsStrictByDefaultAndInclusiveWithTheDirective() throws Exception {
        assertThat(vTrace(listing(""))).isEqualTo(STRICT);
        assertThat(vTrace(listing(".negative_threshold strict"))).isEqualTo(STRICT);
        Path inclusive = listing(".negative_threshold inclusive");
        assertThat(vTrace(inclusive)).isEqualTo(INCLUSIVE);
        // disassembled and assembled again: the same bytes
        Path copy = dir.resolve("copy.nasm");
        ok("disasm", inclusive.toString(), "-o", copy.toString());
        Path copyBin = dir.resolve("copy.nbin");
        ok("asm", copy.toString(), "-o", copyBin.toString());
        assertThat(Arrays.equals(Files.readAllBytes(copyBin), Files.readAllBytes(inclusive))).isTrue();
    }

    @Test
    void aBadRuleInADescriptionIsOneLocatedLineWithExitCode2() throws Exception {
        Path net = description(", negative_threshold: below");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"compile", net.toString(), "-o", dir.resolve("x.nbin").toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        String line5 = Files.readAllLines(net).get(4);
        assertThat(err.toString().strip()).isEqualTo("myelin compile: error: " + net + ":5:"
                + (line5.indexOf("below") + 1)
                + ": 'negative_threshold' = below is not one of strict, inclusive");
    }

    @Test
    void aBadRuleInAListingIsOneLocatedLineWithExitCode2() throws Exception {
        Path nasm = dir.resolve("bad.nasm");
        Files.writeString(nasm, ".arch tiny\n.core 0 0 0\n.negative_threshold below\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"asm", nasm.toString(), "-o", dir.resolve("bad.nbin").toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).endsWith(nasm + ":3:21: unknown negative-threshold rule 'below' "
                + "(known: strict, V < -beta, TrueNorth's; inclusive, V <= -beta, RANC's)");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }
}
