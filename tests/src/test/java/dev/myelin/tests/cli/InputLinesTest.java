package dev.myelin.tests.cli;

import dev.myelin.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.myelin.tests.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --input PORT=FILE} addresses the description's input lines, on a description and on
 * its compiled binary alike: the binary carries the map from input lines to port lines.
 */
class InputLinesTest {
    @TempDir
    Path dir;

    /**
     * Input {@code in} of 2 lines feeds relays {@code a} (delay 1) and {@code b} (delay 3), one to
     * one; relays fire in the tick their axon is driven. The compiler gives the input 4 port lines
     * (2 per projection), so port line i is not description line i.
     */
    private Path description() throws Exception {
        Files.writeString(dir.resolve("none.csv"), "tick,index\n");
        Path net = dir.resolve("two.yaml");
        Files.writeString(net, String.join("\n",
                "name: two_projections",
                "arch: tiny",
                "dt: 1 ms",
                "populations:",
                "  - {name: a, size: 2, model: truenorth, params: {alpha: 1}}",
                "  - {name: b, size: 2, model: truenorth, params: {alpha: 1}}",
                "inputs:",
                "  - {name: in, type: spike_array, size: 2, file: none.csv}",
                "projections:",
                "  - {pre: in, post: a, connect: one_to_one, weight: 1, delay: 1}",
                "  - {pre: in, post: b, connect: one_to_one, weight: 1, delay: 3}",
                "probes:",
                "  - {population: a}",
                "  - {population: b}",
                ""));
        return net;
    }

    private List<String> spikes(Path net, String name) throws Exception {
        Path csv = dir.resolve("in.csv");
        // description line 1 spikes in tick 2, line 0 in tick 5
        Files.writeString(csv, "tick,index\n2,1\n5,0\n");
        Path out = dir.resolve(name + ".csv");
        ok("run", net.toString(), "--ticks", "10", "-q", "--input", "in=" + csv, "--spikes", out.toString());
        return Files.readAllLines(out).stream().filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void theBinaryDrivesTheDescriptionsLinesWithTheirDelays() throws Exception {
        Path net = description();
        Path nbin = dir.resolve("two.nbin");
        ok("compile", net.toString(), "-o", nbin.toString());
        // a spike on line k in tick t reaches a[k] in tick t (delay 1) and b[k] in tick t + 2 (delay 3)
        List<String> expected = List.of("tick,population,index", "2,a,1", "4,b,1", "5,a,0", "7,b,0");
        assertThat(spikes(nbin, "from-binary")).containsExactlyElementsOf(expected);
        assertThat(spikes(net, "from-description")).containsExactlyElementsOf(expected);
    }

    @Test
    void anIndexBeyondTheDescriptionsLinesIsRefused() throws Exception {
        Path net = description();
        Path nbin = dir.resolve("two.nbin");
        ok("compile", net.toString(), "-o", nbin.toString());
        Path csv = dir.resolve("bad.csv");
        // the port has 4 lines, but the description's input has 2: index 3 is not one of them
        Files.writeString(csv, "tick,index\n1,3\n");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"run", nbin.toString(), "--ticks", "5", "-q", "--input", "in=" + csv},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(csv + ":2:3: index = 3 is out of range [0, 1]");
    }
}
