package dev.myelin.compiler.ir;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.source.NetworkReader;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java builder reaches what a description reaches: receptors, a projection's receptor, the
 * synapse encoding and input delivery give the same binary as the same network written in YAML.
 */
class NetworkBuilderTest {
    private static final String YAML = """
            name: rx
            arch: loihi
            dt: 1 ms
            populations:
              - name: b
                size: 4
                model: cuba_lif
                params: {tau_m: 20 ms, v_rest: -60 mV, v_thresh: -50 mV, refractory: 2 ms}
                receptors: {exc: 5 ms, inh: 10 ms}
            inputs:
              - {name: in, type: poisson, size: 4, rate: 100 Hz, seed: 3}
            projections:
              - {pre: in, post: b, connect: all_to_all, weight: 0.5 nA, receptor: exc}
              - {pre: b, post: b, connect: one_to_one, weight: 0.25 nA, sign: inhibitory, receptor: inh}
            mapping:
              synapse_encoding: {b: dense}
              inputs: {in: on_chip}
            """;

    /** The same network with the builder; the model's tau_syn is unused once receptors are given. */
    private static Network built(SynapseEncoding enc) {
        return NetworkBuilder.network("rx").arch("loihi").dtMs(1)
                .poisson("in", 4, 100, 3)
                .population("b", 4, new NeuronModel.CubaLif(20, 5, -60, -50, -60, -60, 1, 0, 2, 0))
                .receptors("b", new Receptor("exc", 5), new Receptor("inh", 10))
                .project("in", "b", new Connector.AllToAll(true), new WeightSpec.Constant(0.5), 1, false, "exc")
                .project("b", "b", new Connector.OneToOne(), new WeightSpec.Constant(0.25), 1, true, "inh")
                .synapseEncoding("b", enc)
                .inputDelivery("in", InputDelivery.ON_CHIP)
                .build();
    }

    @Test
    void receptorsEncodingAndInputDeliveryGiveTheBinaryTheDescriptionGives(@TempDir Path dir) {
        Diagnostics d = new Diagnostics();
        Network fromYaml = NetworkReader.parse("rx.yaml", YAML, dir, d);
        assertThat(d.errors()).isEmpty();
        NetworkImage y = Compiler.compile(fromYaml, Presets.require("loihi")).emitted().image();
        NetworkImage b = Compiler.compile(built(SynapseEncoding.DENSE), Presets.require("loihi")).emitted().image();
        assertThat(NbinCodec.encode(b)).isEqualTo(NbinCodec.encode(y));
        // and the pieces asked for are there: two compartments per neuron, a dense core, an input core
        CoreImage bc = b.cores().stream().filter(c -> !c.input()).findFirst().orElseThrow();
        assertThat(bc.neuronCount()).as("4 neurons x 2 receptors").isEqualTo(8);
        assertThat(dense(bc)).isTrue();
        assertThat(b.cores()).anyMatch(CoreImage::input);
    }

    @Test
    void theEncodingAskedForIsTheOneStored() {
        NetworkImage s = Compiler.compile(built(SynapseEncoding.SPARSE), Presets.require("loihi")).emitted().image();
        List<CoreImage> cores = s.cores().stream().filter(c -> !c.input()).toList();
        assertThat(cores).singleElement().satisfies(c -> assertThat(dense(c)).isFalse());
        // the builder's default for every population, not only named ones
        Network all = NetworkBuilder.network("d").arch("loihi").dtMs(1)
                .spikes("in", 2, new int[] {0}, new int[] {0})
                .population("p", 2, new NeuronModel.LoihiLif(4095, 0, 100, 0, 0, 0, 0))
                .project("in", "p", new Connector.AllToAll(true), new WeightSpec.Constant(1), 1)
                .synapseEncoding(SynapseEncoding.DENSE).build();
        assertThat(all.hints().encodingOf("p")).isEqualTo(SynapseEncoding.DENSE);
        NetworkImage di = Compiler.compile(all, Presets.require("loihi")).emitted().image();
        assertThat(di.cores()).singleElement().satisfies(c -> assertThat(dense(c)).isTrue());
    }

    private static boolean dense(CoreImage c) {
        return ((dev.myelin.isa.model.SparseRows) c.synapses()).dense();
    }
}
