package dev.myelin.compiler.source;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.ParamSpec;
import dev.myelin.compiler.ir.Population;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-neuron parameters in the description language: every way of writing them, and their errors. */
class PerNeuronParamsTest {
    /** A description with one population of {@code size} neurons of {@code model} and these params. */
    static String net(int size, String model, String params) {
        return "name: t\narch: loihi\ndt: 1 ms\nseed: 11\npopulations:\n  - name: p\n    size: " + size + "\n    model: " + model
                + "\n    params:\n" + params;
    }

    static Population read(String text, Path dir, Diagnostics d) {
        Network n = NetworkReader.parse("t.yaml", text, dir, d);
        return n == null || n.populations().isEmpty() ? null : n.populations().get(0);
    }

    /** The errors of compiling {@code text} for loihi (reading and validation). */
    static String compileError(String text, Path dir) throws Exception {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, text);
        try {
            Compiler.compileFile(f, null);
        } catch (MyelinInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("compiled without error");
    }

    @Test
    void inlineListGivesOneValuePerNeuronAndTheModelTheirMean(@TempDir Path dir) {
        Diagnostics d = new Diagnostics();
        Population p = read(net(3, "if", "      v_thresh: [1 mV, 2 mV, 4.5 mV]\n"), dir, d);
        assertThat(d.errors()).isEmpty();
        assertThat(p.perNeuron().get("v_thresh").values(3)).containsExactly(1, 2, 4.5);
        assertThat(((NeuronModel.If) p.model()).vThreshMv()).isEqualTo(2.5); // (1 + 2 + 4.5) / 3
        assertThat(((NeuronModel.If) p.modelOf(p.resolvePerNeuron(), 2)).vThreshMv()).isEqualTo(4.5);
    }

    @Test
    void csvGzipAndNpyFilesAreReadInRowMajorOrderWithTheirUnit(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("thr.csv"), "# thresholds\n1, 2\n3, 4\n");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("5\n6\n7\n8\n".getBytes());
        }
        Files.write(dir.resolve("thr.csv.gz"), gz.toByteArray());
        ByteBuffer b = ByteBuffer.allocate(4 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 4; i++) {
            b.putFloat(0.01f * (i + 1)); // volts: 10, 20, 30, 40 mV
        }
        Files.write(dir.resolve("thr.npy"), DataFilesTest.npy("<f4", "(4,)", b.array()));
        Diagnostics d = new Diagnostics();
        assertThat(read(net(4, "if", "      v_thresh: {file: thr.csv, unit: mV}\n"), dir, d).perNeuron()
                .get("v_thresh").values(4)).containsExactly(1, 2, 3, 4);
        assertThat(read(net(4, "if", "      v_thresh: {file: thr.csv.gz}\n"), dir, d).perNeuron()
                .get("v_thresh").values(4)).containsExactly(5, 6, 7, 8);
        double[] v = read(net(4, "if", "      v_thresh: {file: thr.npy, unit: V}\n"), dir, d).perNeuron()
                .get("v_thresh").values(4);
        assertThat(d.errors()).isEmpty();
        for (int i = 0; i < 4; i++) {
            assertThat(v[i]).isCloseTo(10.0 * (i + 1), org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void distributionsAreSeededFromTheDescriptionAndReproducible(@TempDir Path dir) {
        String params = "      v_thresh: 10 mV\n      v_init: {uniform: [0 mV, 5 mV]}\n"
                + "      bias: {normal: [1 mV, 2 mV], clip: [0 mV, 3 mV], seed: 4}\n";
        Diagnostics d = new Diagnostics();
        Population a = read(net(500, "if", params), dir, d);
        Population b = read(net(500, "if", params), dir, d);
        Population c = read(net(500, "if", params).replace("seed: 11", "seed: 12"), dir, d);
        assertThat(d.errors()).isEmpty();
        double[] va = a.perNeuron().get("v_init").values(500);
        assertThat(va).containsExactly(b.perNeuron().get("v_init").values(500));
        assertThat(va).isNotEqualTo(c.perNeuron().get("v_init").values(500));
        assertThat(java.util.Arrays.stream(va).allMatch(x -> x >= 0 && x < 5)).isTrue();
        // the bias has its own seed: the description's seed does not change it
        double[] bias = a.perNeuron().get("bias").values(500);
        assertThat(bias).containsExactly(c.perNeuron().get("bias").values(500));
        assertThat(java.util.Arrays.stream(bias).allMatch(x -> x >= 0 && x <= 3)).isTrue();
        assertThat(bias).contains(0.0, 3.0); // 500 draws of N(1, 2): some below 0 and above 3, clipped
        assertThat(((ParamSpec.Normal) a.perNeuron().get("bias")).seed()).isEqualTo(4);
    }

    @Test
    void normalDrawsHaveTheirMeanAndDeviation() {
        double[] v = new ParamSpec.Normal(-60, 5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1)
                .values(20000);
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length);
        // standard error of the mean 5 / sqrt(20000) = 0.035; of the sd about 5 / sqrt(40000) = 0.025
        assertThat(mean).isBetween(-60.15, -59.85);
        assertThat(sd).isBetween(4.9, 5.1);
    }

    @Test
    void lengthMismatchIsLocatedAtTheList(@TempDir Path dir) throws Exception {
        String text = net(3, "if", "      v_thresh: [1 mV, 2 mV]\n");
        assertThat(compileError(text, dir)).contains("t.yaml:10:17: ")
                .contains("parameter 'v_thresh': 2 values given for 3 neurons");
    }

    @Test
    void badDistributionsAreLocated(@TempDir Path dir) throws Exception {
        assertThat(compileError(net(3, "if", "      v_thresh: {normal: [1 mV, -1 mV]}\n"), dir))
                .contains("t.yaml:10:17: ").contains("normal needs a finite mean and a finite sd >= 0");
        assertThat(compileError(net(3, "if", "      v_thresh: {uniform: [1 mV]}\n"), dir))
                .contains("t.yaml:10:27: ").contains("'uniform' is [low, high): two values");
        assertThat(compileError(net(3, "if", "      v_thresh: {uniform: [1 mV, 2 mV], fil: x.csv}\n"), dir))
                .contains("unknown key 'fil'").contains("did you mean 'file'");
        assertThat(compileError(net(3, "if", "      v_thresh: {uniform: [1 mV, 2 mV], file: x.csv}\n"), dir))
                .contains("t.yaml:10:17: 'v_thresh' per neuron takes one of 'file', 'uniform' or 'normal'");
        assertThat(compileError(net(3, "if", "      v_thresh: [1 mV, 2 mv, 3 mV]\n"), dir))
                .contains("t.yaml:10:24: 'v_thresh':").contains("did you mean 'mV'");
    }

    @Test
    void aValueTheModelRefusesIsLocatedAtItsCsvCell(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("vth.csv"), "100\n2.5\n300\n");
        String text = net(3, "loihi_lif", "      du: 1\n      dv: 2\n      vth: {file: vth.csv}\n");
        assertThat(compileError(text, dir)).contains("vth.csv:2:1: population 'p' neuron 1: vth = 2.5 is not an "
                + "integer (raw model loihi_lif)");
        Files.writeString(dir.resolve("vth.csv"), "100\n200000\n300\n");
        assertThat(compileError(text, dir)).contains("vth.csv:2:1: population 'p' neuron 1: vth = 200000.0 is out of "
                + "range [0, 131071]");
        String thr = net(2, "if", "      v_reset: 0 mV\n      v_thresh: [1 mV, -1 mV]\n");
        assertThat(compileError(thr, dir)).contains("t.yaml:11:17: population 'p' neuron 1: v_thresh (-1.0 mV) must be "
                + "above v_reset (0.0 mV)");
    }

    @Test
    void aParameterTheModelDoesNotHaveIsAnErrorFromTheBuilderToo() {
        Network n = dev.myelin.compiler.ir.NetworkBuilder.network("n").arch("loihi")
                .population("p", 2, new NeuronModel.If(1, 0, 0, 0))
                .perNeuron("p", "tau_m", new ParamSpec.Values(1, 2)).build();
        assertThatThrownBy(() -> Compiler.compile(n, Presets.require("loihi")))
                .hasMessageContaining("population 'p': model if has no parameter 'tau_m' (its parameters: v_thresh,"
                        + " v_reset, v_init, bias)");
    }
}
