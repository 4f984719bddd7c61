package dev.myelin.compiler.lower;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NetworkBuilder;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.ParamSpec;
import dev.myelin.compiler.ir.WeightSpec;
import dev.myelin.compiler.report.JsonReport;
import dev.myelin.compiler.report.MappingReport;
import dev.myelin.compiler.report.ReportData;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.TrueNorthNeurons;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Neurons of one population with their own parameters, lowered neuron by neuron onto shared cores. */
class PerNeuronLoweringTest {
    /** 'in' (1 line) -> 'p' (4 if-neurons, thresholds 1..4 mV, 2 per core) with 1 mV synapses. */
    static Network thresholds(String arch) {
        return NetworkBuilder.network("n").arch(arch).spikes("in", 1, new int[] {0}, new int[] {0})
                .population("p", 4, new NeuronModel.If(1, 0, 0, 0))
                .perNeuron("p", "v_thresh", new ParamSpec.Values(1, 2, 3, 4))
                .project("in", "p", new Connector.AllToAll(true), new WeightSpec.Constant(1), 1)
                .neuronsPerCore("p", 2).build();
    }

    static List<CoreImage> cores(Compiler.Compilation c) {
        return c.emitted().image().cores().stream().filter(k -> k.neuronCount() > 0)
                .sorted(Comparator.comparing(CoreImage::id)).toList();
    }

    @Test
    void trueNorthCoresHoldEachNeuronsOwnThreshold() {
        Compiler.Compilation c = Compiler.compile(thresholds("truenorth"), Presets.require("truenorth"));
        // one LSB for the population: the 1 mV weight takes the 9-bit weight's 255, so 1 LSB = 1/255 mV and
        // a threshold of k mV is alpha = 255 k, exactly
        assertThat(c.lowered().of("p").lsbMv()).isEqualTo(1.0 / 255);
        int[] alphas = cores(c).stream().flatMapToInt(k -> java.util.Arrays.stream(
                ((TrueNorthNeurons) k.neurons()).alpha())).toArray();
        assertThat(alphas).containsExactlyInAnyOrder(255, 510, 765, 1020);
        assertThat(cores(c)).hasSize(2);
        LowerNeurons.ParamError thr = c.lowered().of("p").errors().get(0);
        assertThat(thr.param()).isEqualTo("threshold");
        assertThat(thr.neurons()).isEqualTo(4);
        assertThat(thr.maxRelError()).isEqualTo(0);
    }

    @Test
    void loihiThresholdsAreQuantisedPerNeuronAndTheirErrorReported() {
        Network n = NetworkBuilder.network("n").arch("loihi").spikes("in", 1, new int[] {0}, new int[] {0})
                .population("p", 3, new NeuronModel.If(1, 0, 0, 0))
                .perNeuron("p", "v_thresh", new ParamSpec.Values(1, 2, 3))
                .project("in", "p", new Connector.AllToAll(true), new WeightSpec.Constant(1), 1).build();
        Compiler.Compilation c = Compiler.compile(n, Presets.require("loihi"));
        LowerNeurons.Pop p = c.lowered().of("p");
        // the largest threshold sets the LSB: q = 3 mV / 2^22; vth = round(thr / q / 64) = round(thr * 65536 / 3)
        assertThat(p.lsbMv()).isEqualTo(3.0 / (1 << 22));
        LoihiNeurons l = (LoihiNeurons) cores(c).get(0).neurons();
        assertThat(l.vth()).containsExactly(21845, 43691, 65536);
        // errors: 1 mV -> 21845 * 64 * q = 0.99998474 mV (1/65536 relative), 2 mV -> 43691: +0.5/43690.67
        double e1 = (65536.0 / 3 - 21845) / (65536.0 / 3);
        double e2 = (43691 - 2 * 65536.0 / 3) / (2 * 65536.0 / 3);
        LowerNeurons.ParamError thr = p.errors().get(0);
        assertThat(thr.maxRelError()).isCloseTo(Math.max(e1, e2), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(thr.meanRelError()).isCloseTo((e1 + e2) / 3, org.assertj.core.data.Offset.offset(1e-12));
        ReportData r = ReportData.of(c);
        assertThat(MappingReport.text(r)).contains("threshold mV per neuron (3 neurons): error max 0.002%");
        assertThat(JsonReport.json(r)).contains("\"paramErrors\": [{\"param\": \"threshold\", \"unit\": \"mV\", "
                + "\"neurons\": 3, \"maxRelError\": ");
    }

    @Test
    void perNeuronInitialStateReachesTheCores() {
        Network n = NetworkBuilder.network("n").arch("loihi")
                .population("p", 3, new NeuronModel.LoihiLif(0, 0, 100, 0, 0, 0))
                .perNeuron("p", "v_init", new ParamSpec.Values(-5, 0, 7))
                .perNeuron("p", "u_init", new ParamSpec.Values(1, 2, 3)).build();
        Compiler.Compilation c = Compiler.compile(n, Presets.require("loihi"));
        LoihiNeurons l = (LoihiNeurons) cores(c).get(0).neurons();
        assertThat(l.v0()).containsExactly(-5, 0, 7);
        assertThat(l.u0()).containsExactly(1, 2, 3);
        assertThat(l.vth()).containsExactly(100, 100, 100);
    }

    @Test
    void cubaNeuronsWithTheirOwnTauMScaleTheirSynapsesApart() {
        // a current jump of W nA moves v by W * r_m * dt / tau_m: with tau_m 10 and 20 ms the same
        // synapse weight must be stored twice as large for the first neuron
        Network n = NetworkBuilder.network("n").arch("loihi").spikes("in", 1, new int[] {0}, new int[] {0})
                .population("p", 2, new NeuronModel.CubaLif(10, 5, 0, 10, 0, 0, 1, 0, 0))
                .perNeuron("p", "tau_m", new ParamSpec.Values(10, 20))
                .project("in", "p", new Connector.AllToAll(true), new WeightSpec.Constant(1), 1).build();
        Compiler.Compilation c = Compiler.compile(n, Presets.require("loihi"));
        var q = c.quantised().projections().get(0);
        assertThat(q.weight(0)).isEqualTo(2 * q.weight(1));
        LoihiNeurons l = (LoihiNeurons) cores(c).get(0).neurons();
        assertThat(l.dv()).containsExactly(410, 205); // round(4096 / 10), round(4096 / 20)
    }

    @Test
    void aNeuronWhoseTimeConstantTheDatapathCannotHoldIsNamed() {
        Network n = NetworkBuilder.network("n").arch("loihi")
                .population("p", 3, new NeuronModel.Lif(10, 0, 10, 0, 0, 1, 0, 0))
                .perNeuron("p", "tau_m", new ParamSpec.Values(10, 0.5, 10)).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Compiler.compile(n, Presets.require("loihi")))
                .hasMessageContaining("population 'p' neuron 1: dt/tau_m = 2.0 gives dv = 8192");
    }
}
