package dev.myelin.tests.nir;

import dev.myelin.tests.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four NIR example files (test resources nir/, README there) through the command line:
 * compile, run, and nir-check against the double-precision reference; bad uses exit 2 with one line.
 */
class NirExamplesTest {
    static final String[] FILES = {"lif_norse.nir", "two_lif_neurons.nir", "braille_noDelay_bias_zero.nir",
            "tiny_lif_h5py_gzip.nir"};

    static Path resource(String name) {
        try {
            return Path.of(NirExamplesTest.class.getResource("/nir/" + name).toURI());
        } catch (Exception e) {
            throw new AssertionError(name, e);
        }
    }

    @Test
    void allFourCompileAndRun(@TempDir Path dir) throws Exception {
        for (String f : FILES) {
            Path out = dir.resolve(f + ".nbin");
            String line = Cli.ok("compile", resource(f).toString(), "--dt", "1ms", "-o", out.toString());
            assertThat(line).as(f).startsWith("compiled ").contains(" of loihi -> ");
            assertThat(Files.size(out)).as(f).isPositive();
            String run = Cli.ok("run", resource(f).toString(), "--dt", "1ms", "--ticks", "40", "-q");
            assertThat(run).as(f).contains("Spikes per population:");
            // the compiled image runs too (a .nbin carries no stimuli)
            Cli.ok("run", out.toString(), "--ticks", "10", "-q");
        }
    }

    @Test
    void theReportStatesDecaysResetAndQuantisation(@TempDir Path dir) {
        String rep = Cli.ok("compile", resource("braille_noDelay_bias_zero.nir").toString(), "--dt", "1ms", "-o",
                dir.resolve("b.nbin").toString(), "--report", "-");
        // tau_mem 1 ms at dt 1 ms: exp(-1) = 0.367879, dv = round(4096 (1 - 0.367879)) = round(2589.2) = 2589
        assertThat(rep).contains("tau_mem 0.001 s: voltage decay exp(-dt/tau) = 0.367879 -> dv = 2589");
        // tau_syn 0.2 ms (lif2): exp(-5) = 0.00673795, du = round(4096 (1 - 0.00673795)) - 1 = 4068 - 1 = 4067
        assertThat(rep).contains("exp(-dt/tau_syn) = 0.00673795 -> du = 4067");
        assertThat(rep).contains("reset: to v_reset = 0 (the file has no v_reset: 0, as before NIR 1.0)");
        assertThat(rep).containsPattern("weights 'lif1.lif' -> 'lif1.lif': 1444 synapses; quantisation error [0-9.]+%");
        assertThat(rep).containsPattern("threshold 1 above v_reset -> vth = \\d+ \\(x 64 LSB; error [0-9.]+%\\)");
    }

    @Test
    void lifNorseAgreesSpikeForSpike() {
        // one input spike (every third tick, 34 in ticks 0..99) through weight 1 jumps v by (1 - exp(-0.4)) = 0.33
        // > threshold 0.1: the neuron fires in each input's tick, 34 spikes in both simulations
        String out = Cli.ok("nir-check", resource("lif_norse.nir").toString(), "--dt", "1ms", "--input",
                resource("one_line_input.csv").toString());
        assertThat(out).containsPattern("(?m)^1\\s+1\\s+34\\s+34\\s+34\\s+1\\.000\\s+none$");
    }

    @Test
    void recurrentBrailleOnLoihiAgreesWithTheReference() {
        String out = Cli.ok("nir-check", resource("braille_noDelay_bias_zero.nir").toString(), "--dt", "1ms",
                "--input", resource("braille_input.csv").toString(), "--ticks", "150");
        assertThat(out).contains("arch loihi");
        assertThat(agreement(out, "all")).isGreaterThanOrEqualTo(0.99);
        // at dt 0.1 ms (the time step the network was trained for) the weights are larger per tick relative to
        // the threshold resolution and chaos amplifies rounding; the outputs still agree closely
        String fine = Cli.ok("nir-check", resource("braille_noDelay_bias_zero.nir").toString(), "--dt", "0.1ms",
                "--input", resource("braille_input.csv").toString(), "--ticks", "1000");
        assertThat(agreement(fine, "lif1.lif")).isGreaterThanOrEqualTo(0.95);
        assertThat(agreement(fine, "all")).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void runWithInputsGivesTheSpikesNirCheckReportsForTheChip(@TempDir Path dir) throws Exception {
        // nir-check's chip column at 150 ticks (recurrentBrailleOnLoihiAgreesWithTheReference) is the same compiled
        // network run through myelin run: lif1.lif and lif2 must fire as often there
        String check = Cli.ok("nir-check", resource("braille_noDelay_bias_zero.nir").toString(), "--dt", "1ms",
                "--input", resource("braille_input.csv").toString(), "--ticks", "150");
        Path spikes = dir.resolve("spikes.csv");
        Cli.ok("run", resource("braille_noDelay_bias_zero.nir").toString(), "--dt", "1ms", "--ticks", "150", "-q",
                "--input", "input=" + resource("braille_input.csv"), "--spikes", spikes.toString());
        java.util.List<String> rows = Files.readAllLines(spikes);
        for (String node : new String[] {"lif1.lif", "lif2"}) {
            long fromRun = rows.stream().filter(r -> r.contains("," + node + ",")).count();
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(node) + "\\s+\\d+\\s+\\d+\\s+(\\d+)").matcher(check);
            assertThat(m.find()).as(check).isTrue();
            assertThat(fromRun).as(node).isEqualTo(Long.parseLong(m.group(1))).isPositive();
        }
    }

    static double agreement(String out, String node) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(node) + "\\s+(?:\\d+\\s+)?\\d+\\s+\\d+\\s+\\d+\\s+([0-9.]+)")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void badUsesExitTwoWithOneLine(@TempDir Path dir) throws Exception {
        String nir = resource("lif_norse.nir").toString();
        String nbin = dir.resolve("x.nbin").toString();
        oneLine(Cli.run("compile", nir, "-o", nbin), "does not fix the time step; give it with --dt (e.g. --dt 1ms)");
        oneLine(Cli.run("compile", nir, "--dt", "1", "-o", nbin), "--dt: '1' has no unit; expected time (ms, s, us, ns)");
        oneLine(Cli.run("compile", nir, "--dt", "1ms", "--arch", "truenorth", "-o", nbin),
                "NIR networks compile to a Loihi-class architecture (--arch loihi)");
        Path text = dir.resolve("text.nir");
        Files.writeString(text, "not hdf5\n");
        oneLine(Cli.run("compile", text.toString(), "--dt", "1ms", "-o", nbin), "not a readable NIR (HDF5) file: "
                + text.toString().substring(0, 0));
        Path cut = dir.resolve("cut.nir");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(resource("braille_noDelay_bias_zero.nir")), 3000));
        oneLine(Cli.run("run", cut.toString(), "--dt", "1ms", "--ticks", "5"), "");
        oneLine(Cli.run("nir-check", nir, "--dt", "1ms", "--input", "nope=" + resource("one_line_input.csv")),
                "no Input node named 'nope' (inputs: input)");
        assertThat(Files.exists(Path.of(nbin))).isFalse();
    }

    private static void oneLine(String[] r, String contains) {
        assertThat(r[0]).as(r[2]).isEqualTo("2");
        assertThat(r[2].strip()).doesNotContain("\n").contains(contains).doesNotContain("Exception")
                .doesNotContain("\tat ");
    }
}
