package dev.myelin.compiler.report;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.InputDelivery;
import dev.myelin.compiler.ir.NetworkBuilder;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.SynapseEncoding;
import dev.myelin.compiler.ir.WeightSpec;
import dev.myelin.isa.arch.Presets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapping report names each core's synapse encoding and the bytes it takes. */
class ReportEncodingTest {
    /** 4 input lines all-to-all onto 4 Loihi neurons: one core of 4 axons, 4 compartments, 16 synapses. */
    private static ReportData report(String arch, SynapseEncoding enc, InputDelivery d) {
        NeuronModel m = arch.equals("loihi") ? new NeuronModel.LoihiLif(4095, 0, 100, 0, 0, 0)
                : new NeuronModel.TrueNorth(0, 0, 10, 0, 0, 0, 0, 0, dev.myelin.isa.model.NegativeThreshold.STRICT);
        var n = NetworkBuilder.network("enc").arch(arch).dtMs(1).poisson("in", 4, 100, 1)
                .population("p", 4, m)
                .project("in", "p", new Connector.AllToAll(true), new WeightSpec.Constant(1), 1)
                .synapseEncoding(enc).inputDelivery(d).build();
        return ReportData.of(Compiler.compile(n, Presets.require(arch)));
    }

    @Test
    void loihiCoresShowTheirEncodingAndItsBytes() {
        // loihi preset: core.weightBits 9, core.neurons 1024 (a compartment index of 10 bits).
        // sparse: 16 synapses x (9 + 10) bits = 304 bits = 38 bytes; dense: 4 axons x 4 compartments x 9 bits
        // = 144 bits = 18 bytes; auto takes the smaller, dense
        ReportData auto = report("loihi", SynapseEncoding.AUTO, InputDelivery.AXONS);
        assertThat(auto.cores()).singleElement().satisfies(c -> {
            assertThat(c.encoding()).isEqualTo("dense");
            assertThat(c.memoryBytes()).isEqualTo(18);
        });
        ReportData sparse = report("loihi", SynapseEncoding.SPARSE, InputDelivery.AXONS);
        assertThat(sparse.cores()).singleElement().satisfies(c -> {
            assertThat(c.encoding()).isEqualTo("sparse");
            assertThat(c.memoryBytes()).isEqualTo(38);
        });
        assertThat(MappingReport.text(sparse)).containsPattern("p +\\[0,4\\) .* 16 sparse +38 ");
        assertThat(JsonReport.json(auto)).contains("\"encoding\": \"dense\", \"memoryBytes\": 18,");
    }

    @Test
    void trueNorthCoresAreCrossbarsAndInputCoresStoreNone() {
        // TrueNorth: 4 axons x ceil(4 neurons / 8) = 4 bytes of crossbar
        ReportData tn = report("truenorth", SynapseEncoding.AUTO, InputDelivery.ON_CHIP);
        assertThat(tn.cores()).hasSize(2);
        assertThat(tn.cores()).filteredOn(c -> c.population().equals("p")).singleElement().satisfies(c -> {
            assertThat(c.encoding()).isEqualTo("crossbar");
            assertThat(c.memoryBytes()).isEqualTo(4);
        });
        assertThat(tn.cores()).filteredOn(c -> c.population().equals("input in")).singleElement().satisfies(c -> {
            assertThat(c.encoding()).isEqualTo("none");
            assertThat(c.memoryBytes()).isZero();
        });
    }
}
