package dev.myelin.compiler.nir;

import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Population;
import dev.myelin.compiler.ir.Projection;
import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.myelin.compiler.nir.NirFiles.d;
import static dev.myelin.compiler.nir.NirFiles.graph;
import static dev.myelin.compiler.nir.NirFiles.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One small NIR file per supported node type, written with jhdf, read back and lowered to the IR. */
class NirImportTest {
    @TempDir
    Path dir;

    private static final double DT_MS = 1;

    /** Input(2) -> LIF "out_lif" (threshold 1, tau 1 ms) -> Output, with {@code mid} spliced in before the LIF. */
    private NirFiles.Graph around(String midType, int outSize, Object... params) {
        return graph()
                .node("in", "Input", "shape", shape(2))
                .node("mid", midType, params)
                .node("lif", "LIF", "tau", rep(0.001, outSize), "r", rep(1, outSize), "v_leak", rep(0, outSize),
                        "v_threshold", rep(1, outSize))
                .node("out", "Output", "shape", shape(outSize))
                .edge("lif", "out").edge("mid", "lif").edge("in", "mid");
    }

    private static double[] rep(double v, int n) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private NirModel model(NirFiles.Graph g, String version) {
        return NirModel.of(NirReader.read(g.write(dir.resolve("t.nir"), version)), DT_MS);
    }

    private static NirModel.Link link(NirModel m, String from, String to) {
        return m.links().stream().filter(l -> l.source().equals(from) && l.target().equals(to)).findFirst()
                .orElseThrow();
    }

    /** The link's weights as a dense (out, in) matrix, for comparison with hand-derived ones. */
    private static double[][] dense(NirModel.Link l, int out, int in) {
        double[][] w = new double[out][in];
        for (int k = 0; k < l.count(); k++) {
            w[l.out()[k]][l.in()[k]] += l.w()[k];
        }
        return w;
    }

    @Test
    void affineWeightsAreOutByInAndItsBiasBecomesAConstantInput() {
        NirModel m = model(around("Affine", 2, "weight", new double[][] {{1, 2}, {3, 4}}, "bias", d(0.5, 0)), "0.2.0");
        assertThat(dense(link(m, "in", "lif"), 2, 2)).isEqualTo(new double[][] {{1, 2}, {3, 4}});
        assertThat(m.bias().get("lif")).containsExactly(0.5, 0);
        NirImport.Result r = NirImport.lower(m, "t", "loihi", Map.of());
        assertThat(r.network().population("lif.bias")).isPresent();
        assertThat(r.network().projections()).extracting(Projection::pre).contains("in", "lif.bias");
    }

    @Test
    void linearThenScaleCompose() {
        NirFiles.Graph g = graph()
                .node("in", "Input", "shape", shape(2))
                .node("lin", "Linear", "weight", new double[][] {{1, 2}, {3, 4}})
                .node("sc", "Scale", "scale", d(2, -1))
                .node("lif", "LIF", "tau", d(0.001, 0.001), "r", d(1, 1), "v_leak", d(0, 0), "v_threshold", d(1, 1))
                .node("out", "Output", "shape", shape(2))
                .edge("sc", "lif").edge("lin", "sc").edge("in", "lin").edge("lif", "out");
        NirModel m = model(g, "0.2.0");
        // diag(2, -1) . [[1, 2], [3, 4]]
        assertThat(dense(link(m, "in", "lif"), 2, 2)).isEqualTo(new double[][] {{2, 4}, {-3, -4}});
        assertThat(m.bias()).isEmpty();
    }

    @Test
    void lifDecaysAreExpOfMinusDtOverTauInTwelveBits() {
        // tau = 2.5 ms, dt = 1 ms: a = exp(-0.4) = 0.67032, dv = round(4096 (1 - a)) = round(1350.4) = 1350
        NirFiles.Graph g = graph()
                .node("in", "Input", "shape", shape(1))
                .node("lif", "LIF", "tau", d(0.0025), "r", d(1), "v_leak", d(0), "v_threshold", d(0.1))
                .node("out", "Output", "shape", shape(1))
                .edge("in", "lif").edge("lif", "out");
        NirImport.Result r = NirImport.lower(model(g, "0.1.1"), "t", "loihi", Map.of());
        NeuronModel.LoihiLif p = (NeuronModel.LoihiLif) r.network().population("lif").orElseThrow().model();
        assertThat(p.dv()).isEqualTo(1350);
        assertThat(p.du()).isEqualTo(4095);
        assertThat(r.report()).anyMatch(s -> s.contains("exp(-dt/tau) = 0.67032 -> dv = 1350"));
        assertThat(r.report()).anyMatch(s -> s.contains("the file has no v_reset: 0"));
        // the one input weight 1 jumps v by (1 - a) r = 0.32968; the threshold 0.1 sits near 2^22 LSB unless the
        // jump needs a coarser LSB: q = max(0.1 / 2^22, 0.32968 / (255 * 2^13))
        double q = Math.max(0.1 / (1 << 22), (1 - Math.exp(-0.4)) / (255.0 * (1 << 13)));
        assertThat(p.vth()).isEqualTo((int) Math.round(0.1 / q / 64));
    }

    @Test
    void theJsonReportCarriesTheImportPerNodeAndLink() {
        // as cubaLifCurrentDecayHasLavasOffset: du 741 keeps (4095 - 741)/4096 of u, dv 390 keeps (4096 - 390)/4096 of v
        NirFiles.Graph g = graph()
                .node("in", "Input", "shape", shape(1))
                .node("c", "CubaLIF", "tau_syn", d(0.005), "tau_mem", d(0.01), "r", d(1), "v_leak", d(0),
                        "w_in", d(1), "v_threshold", d(1), "v_reset", d(0))
                .node("out", "Output", "shape", shape(1))
                .edge("in", "c").edge("c", "out");
        var compiled = dev.myelin.compiler.NirFrontend.compile(g.write(dir.resolve("j.nir"), "1.0.0"), DT_MS, null,
                Map.of());
        NirImport.Result r = compiled.imported();
        NirImport.NodeFacts f = r.nodes().get(0);
        assertThat(f.node()).isEqualTo("c");
        assertThat(f.dv()).isEqualTo(new NirImport.Range(390, 390));
        assertThat(f.du()).isEqualTo(new NirImport.Range(741, 741));
        assertThat(f.voltageDecayError()).isCloseTo(Math.abs((4096 - 390) / 4096.0 - Math.exp(-0.1)) / Math.exp(-0.1),
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(f.currentDecayError()).isCloseTo(Math.abs((4095 - 741) / 4096.0 - Math.exp(-0.2)) / Math.exp(-0.2),
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(f.resetMode()).isEqualTo("to_v_reset");
        assertThat(f.vResetGiven()).isTrue();
        assertThat(r.links()).singleElement().satisfies(l -> {
            assertThat(l.source()).isEqualTo("in");
            assertThat(l.target()).isEqualTo("c");
            assertThat(l.synapses()).isEqualTo(1);
            assertThat(l.maxDelayTicks()).isEqualTo(1);
        });
        String json = dev.myelin.compiler.report.JsonReport.json(
                dev.myelin.compiler.report.ReportData.of(compiled.compilation()), r);
        assertThat(json).contains("\"nir\": {\"dtMs\": 1, \"nodes\": [")
                .contains("{\"node\": \"c\", \"type\": \"CubaLIF\", \"neurons\": 1, \"population\": \"c\"")
                .contains("\"dv\": [390, 390]").contains("\"du\": [741, 741]")
                .contains("\"resetMode\": \"to_v_reset\"").contains("\"vResetGiven\": true")
                .contains("{\"source\": \"in\", \"target\": \"c\", \"synapses\": 1, \"maxDelayTicks\": 1");
        // a description's report has no such section
        assertThat(dev.myelin.compiler.report.JsonReport.json(
                dev.myelin.compiler.report.ReportData.of(compiled.compilation()))).doesNotContain("\"nir\"");
    }

    @Test
    void cubaLifCurrentDecayHasLavasOffset() {
        // tau_syn = 5 ms: a = exp(-0.2) = 0.81873, du = round(4096 * 0.18127) - 1 = 742 - 1 = 741
        // tau_mem = 10 ms: a = exp(-0.1) = 0.90484, dv = round(4096 * 0.09516) = 390
        NirFiles.Graph g = graph()
                .node("in", "Input", "shape", shape(1))
                .node("c", "CubaLIF", "tau_syn", d(0.005), "tau_mem", d(0.01), "r", d(1), "v_leak", d(0),
                        "w_in", d(1), "v_threshold", d(1), "v_reset", d(0))
                .node("out", "Output", "shape", shape(1))
                .edge("in", "c").edge("c", "out");
        NirImport.Result r = NirImport.lower(model(g, "1.0.0"), "t", "loihi", Map.of());
        NeuronModel.LoihiLif p = (NeuronModel.LoihiLif) r.network().population("c").orElseThrow().model();
        assertThat(p.du()).isEqualTo(741);
        assertThat(p.dv()).isEqualTo(390);
    }

    @Test
    void nonSpikingAndStatelessNodesMapAndAreProbed() {
        for (String type : List.of("LI", "CubaLI", "Integrator", "I", "IF", "Threshold")) {
            Object[] params = switch (type) {
                case "LI" -> new Object[] {"tau", d(0.01), "r", d(1), "v_leak", d(0)};
                case "CubaLI" -> new Object[] {"tau_syn", d(0.005), "tau_mem", d(0.01), "r", d(1), "v_leak", d(0),
                        "w_in", d(1)};
                case "Integrator", "I" -> new Object[] {"r", d(2)};
                case "IF" -> new Object[] {"r", d(1), "v_threshold", d(1)};
                default -> new Object[] {"threshold", d(0.5)};
            };
            NirFiles.Graph g = graph()
                    .node("in", "Input", "shape", shape(1))
                    .node("n", type, params)
                    .node("out", "Output", "shape", shape(1))
                    .edge("in", "n").edge("n", "out");
            NirImport.Result r = NirImport.lower(model(g, "1.0.0"), "t", "loihi", Map.of());
            Population p = r.network().population("n").orElseThrow();
            NeuronModel.LoihiLif lif = (NeuronModel.LoihiLif) p.model();
            boolean spiking = type.equals("IF") || type.equals("Threshold");
            assertThat(r.network().probes()).as(type).anyMatch(pr -> pr.population().equals("n")
                    && pr.spikes() == spiking && pr.v() == !spiking);
            switch (type) {
                case "Integrator", "I", "IF" -> assertThat(lif.dv()).as(type).isZero();
                case "Threshold" -> assertThat(lif.dv()).isEqualTo(4095);
                default -> assertThat(lif.dv()).as(type).isEqualTo(390); // tau 10 ms, as above
            }
            assertThat(lif.du()).as(type).isEqualTo(type.equals("CubaLI") ? 741 : 4095);
            if (!spiking) {
                assertThat(lif.vth()).as(type).isEqualTo(dev.myelin.compiler.lower.LoihiLowering.VTH_MAX);
            }
        }
    }

    @Test
    void delayNodeAddsTicks() {
        // 2 ms and 3 ms at dt 1 ms: 2 and 3 ticks on top of the one every spike takes
        NirModel m = model(around("Delay", 2, "delay", d(0.002, 0.003)), "1.0.0");
        NirModel.Link l = link(m, "in", "lif");
        assertThat(l.delay()).containsExactly(2, 3);
        NirImport.Result r = NirImport.lower(m, "t", "loihi", Map.of());
        Connector.FromList c = (Connector.FromList) r.network().projections().get(0).connector();
        assertThat(c.delay()).containsExactly(3, 4);
    }

    @Test
    void conv1dIsPyTorchStyle() {
        // input (1, 5), kernel [1, 2, 3], stride 2, padding 1: padded x' = [0, x0..x4, 0], out length (5 + 2 - 3) / 2 + 1 = 3
        // out0 = 2 x0 + 3 x1 (pad, x0, x1); out1 = x1 + 2 x2 + 3 x3; out2 = x3 + 2 x4 (x3, x4, pad)
        NirFiles.Graph g = graph()
                .node("in", "Input", "shape", shape(1, 5))
                .node("c", "Conv1d", "weight", new double[][][] {{{1, 2, 3}}}, "stride", shape(2), "padding", shape(1),
                        "dilation", shape(1), "groups", 1L, "bias", d(0))
                .node("lif", "LIF", "tau", rep(0.001, 3), "r", rep(1, 3), "v_leak", rep(0, 3), "v_threshold", rep(1, 3))
                .edge("in", "c").edge("c", "lif");
        NirModel m = model(g, "1.0.0");
        assertThat(dense(link(m, "in", "lif"), 3, 5)).isEqualTo(new double[][] {
                {2, 3, 0, 0, 0}, {0, 1, 2, 3, 0}, {0, 0, 0, 1, 2}});
    }

    @Test
    void conv2dThenSumPoolThenFlatten() {
        // input (1, 3, 3) = x[r][c] at index 3 r + c; kernel [[1, 0], [0, 1]] (valid): out (1, 2, 2),
        // o[i][j] = x[i][j] + x[i+1][j+1]; sum-pool 2x2 stride 2 -> one value, the sum of the four
        NirFiles.Graph g = graph()
                .node("in", "Input", "shape", shape(1, 3, 3))
                .node("c", "Conv2d", "weight", new double[][][][] {{{{1, 0}, {0, 1}}}}, "stride", shape(1, 1),
                        "padding", "valid", "dilation", shape(1, 1), "groups", 1L, "bias", d(0.25),
                        "input_shape", shape(1, 3, 3))
                .node("p", "SumPool2d", "kernel_size", shape(2, 2), "stride", shape(2, 2), "padding", shape(0, 0))
                .node("f", "Flatten", "start_dim", 0L, "end_dim", -1L)
                .node("lif", "LIF", "tau", d(0.001), "r", d(1), "v_leak", d(0), "v_threshold", d(1))
                .edge("f", "lif").edge("p", "f").edge("c", "p").edge("in", "c");
        NirModel m = model(g, "1.0.0");
        // x00 + x11, x01 + x12, x10 + x21, x11 + x22 summed: x00, x01, x10 once, x11 twice, x12, x21, x22 once
        assertThat(dense(link(m, "in", "lif"), 1, 9)[0]).containsExactly(1, 1, 0, 1, 2, 1, 0, 1, 1);
        // the conv bias 0.25 on each of 4 outputs, summed by the pool
        assertThat(m.bias().get("lif")).containsExactly(1.0);
    }

    @Test
    void avgPoolDividesByTheWindow() {
        NirFiles.Graph g = graph()
                .node("in", "Input", "shape", shape(1, 2, 2))
                .node("p", "AvgPool2d", "kernel_size", shape(2, 2), "stride", shape(2, 2), "padding", shape(0, 0))
                .node("lif", "LIF", "tau", d(0.001), "r", d(1), "v_leak", d(0), "v_threshold", d(1))
                .edge("in", "p").edge("p", "lif");
        assertThat(dense(link(model(g, "1.0.0"), "in", "lif"), 1, 4)[0]).containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void nestedGraphsAreInlinedUnderTheirName() {
        NirFiles.Graph inner = graph()
                .node("input", "Input", "shape", shape(1))
                .node("lif", "LIF", "tau", d(0.001), "r", d(1), "v_leak", d(0), "v_threshold", d(1))
                .node("output", "Output", "shape", shape(1))
                .edge("input", "lif").edge("lif", "output");
        NirFiles.Graph g = graph()
                .node("in", "Input", "shape", shape(1))
                .node("w", "Linear", "weight", new double[][] {{2}})
                .sub("block.0", inner)
                .node("out", "Output", "shape", shape(1))
                .edge("block.0", "out").edge("w", "block.0").edge("in", "w");
        NirModel m = model(g, "1.0.0");
        assertThat(m.states()).containsKey("block.0.lif");
        assertThat(dense(link(m, "in", "block.0.lif"), 1, 1)[0]).containsExactly(2.0);
        assertThat(m.outputs()).containsEntry("out", "block.0.lif");
    }

    @Test
    void neuronsWithDifferentParametersShareAPopulationWithPerNeuronValues() {
        // tau 1 ms and 2 ms at dt 1 ms: dv = round(4096 (1 - exp(-1))) = 2589 and round(4096 (1 - exp(-0.5))) = 1612
        NirFiles.Graph g = graph()
                .node("in", "Input", "shape", shape(3))
                .node("lif", "LIF", "tau", d(0.001, 0.002, 0.001), "r", d(1, 1, 1), "v_leak", d(0, 0, 0),
                        "v_threshold", d(1, 1, 1))
                .edge("in", "lif");
        NirImport.Result r = NirImport.lower(model(g, "1.0.0"), "t", "loihi", Map.of());
        assertThat(r.network().populations()).extracting(Population::name).containsExactly("lif");
        Population p = r.network().population("lif").orElseThrow();
        assertThat(p.perNeuron()).containsKey("dv").doesNotContainKey("du");
        assertThat(p.resolvePerNeuron().get("dv")).containsExactly(2589, 1612, 2589);
        assertThat(r.report()).anyMatch(s -> s.contains("tau 0.001..0.002 s") && s.contains("dv = 1612..2589"));
    }

    @Test
    void unsupportedTypesAreNamedAndRefused() {
        NirFiles.Graph g = graph()
                .node("in", "Input", "shape", shape(1))
                .node("odd.7", "Flipflop", "x", d(1))
                .edge("in", "odd.7");
        assertThatThrownBy(() -> model(g, "1.0.0")).isInstanceOf(MyelinInputException.class)
                .hasMessageContaining("/node/nodes/odd.7/type: node 'odd.7' has type 'Flipflop'")
                .hasMessageContaining("nothing was compiled");
    }

    @Test
    void aMissingParameterIsLocatedAtItsDataset() {
        NirFiles.Graph g = graph()
                .node("in", "Input", "shape", shape(1))
                .node("lif", "LIF", "r", d(1), "v_leak", d(0), "v_threshold", d(1))
                .edge("in", "lif");
        assertThatThrownBy(() -> model(g, "1.0.0")).isInstanceOf(MyelinInputException.class)
                .hasMessageContaining("t.nir: /node/nodes/lif/tau: node 'lif' (LIF): parameter 'tau' is missing");
    }

    @Test
    void aCycleOfStatelessNodesIsRefusedButARecurrentNeuronIsNot() {
        NirFiles.Graph bad = graph()
                .node("in", "Input", "shape", shape(1))
                .node("a", "Linear", "weight", new double[][] {{1}})
                .node("b", "Linear", "weight", new double[][] {{1}})
                .edge("in", "a").edge("a", "b").edge("b", "a");
        assertThatThrownBy(() -> model(bad, "1.0.0")).hasMessageContaining("cycle of stateless nodes only");
        NirFiles.Graph ok = graph()
                .node("in", "Input", "shape", shape(1))
                .node("lif", "LIF", "tau", d(0.001), "r", d(1), "v_leak", d(0), "v_threshold", d(1))
                .node("rec", "Linear", "weight", new double[][] {{-0.5}})
                .edge("rec", "lif").edge("lif", "rec").edge("in", "lif");
        assertThat(dense(link(model(ok, "1.0.0"), "lif", "lif"), 1, 1)[0]).containsExactly(-0.5);
    }

    @Test
    void notAnHdf5FileIsOneLocatedLine() throws Exception {
        Path f = dir.resolve("text.nir");
        Files.writeString(f, "this is not HDF5\n");
        assertThatThrownBy(() -> NirReader.read(f)).isInstanceOf(MyelinInputException.class)
                .hasMessageStartingWith(f + ": not a readable NIR (HDF5) file");
    }

    @Test
    void anUnknownFormatVersionIsRefused() {
        NirFiles.Graph g = graph().node("in", "Input", "shape", shape(1));
        assertThatThrownBy(() -> NirReader.read(g.write(dir.resolve("v.nir"), "7.0")))
                .hasMessageContaining("/version: '7.0' is not a NIR format version");
    }

    @Test
    void anEdgeToAnUnknownNodeIsLocatedAtItsRow() {
        NirFiles.Graph g = graph().node("in", "Input", "shape", shape(1)).edge("in", "nowhere");
        assertThatThrownBy(() -> NirReader.read(g.write(dir.resolve("e.nir"), "1.0.0")))
                .hasMessageContaining("/node/edges[0][1]: no node named 'nowhere'");
    }

    @Test
    void referenceLifFollowsTheDiscretisation() {
        // tau = dt / ln 2: a = 1/2. Input 1 every tick, r = 1: v = v/2 + 1/2 -> 0.5, 0.75, 0.875 > 0.8 fires
        // in tick 2 and resets to 0; the cycle repeats every 3 ticks: spikes in ticks 2, 5, 8
        double tau = 0.001 / Math.log(2);
        NirFiles.Graph g = graph()
                .node("in", "Input", "shape", shape(1))
                .node("lif", "LIF", "tau", d(tau), "r", d(1), "v_leak", d(0), "v_threshold", d(0.8))
                .edge("in", "lif");
        int[] ticks = new int[10];
        for (int t = 0; t < 10; t++) {
            ticks[t] = t;
        }
        NirReference.Run run = NirReference.run(model(g, "1.0.0"), Map.of("in", new int[][] {ticks, new int[10]}), 10);
        int[][] s = run.spikes().get("lif");
        for (int t = 0; t < 10; t++) {
            assertThat(s[t].length).as("tick " + t).isEqualTo(t % 3 == 2 ? 1 : 0);
        }
    }
}
