package dev.myelin.compiler.lower;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.source.NetworkReader;
import dev.myelin.isa.arch.Presets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Sizes that cannot fit are refused from the declared numbers, before anything is expanded. */
class CapacityTest {
    static Diagnostics validate(String pops, String projections) {
        return validate("tiny", pops, projections);
    }

    static Diagnostics validate(String arch, String pops, String projections) {
        String text = "name: c\narch: " + arch + "\ndt: 1 ms\npopulations:\n" + pops + "projections:\n" + projections;
        Diagnostics d = new Diagnostics();
        Network n = NetworkReader.parse("c.yaml", text, Path.of("."), d);
        assertThat(d.errors()).isEmpty();
        Validate.run(n, Presets.require(arch), d);
        return d;
    }

    @Test
    void populationsBeyondTheChipAreRefusedBeforeALargeExpansion() {
        // tiny: 2 x 2 routers x 1 core x 16 neurons = 64 neurons; a alone (2000) is over (its size, line 5);
        // all_to_all 2000 x 2000 = 4e6 pairs > 2^20 would be expanded next
        Diagnostics d = validate(pop("a", 2000) + pop("b", 2000),
                "  - {pre: a, post: b, connect: all_to_all, weight: 1 mV}\n");
        assertThat(d.errors()).containsExactly("c.yaml:5:21: does not fit: the populations up to 'a' need 2000 neurons,"
                + " architecture tiny has 64 (4 cores x 16 core.neurons)");
    }

    @Test
    void millionsOfNeuronsAreRefusedBeforeThePartitionerSlicesThem() {
        // 2^20 + 1 neurons without projections: over the 2^20 bound, and over tiny's 64
        Diagnostics d = validate(pop("a", (1 << 20) + 1), "  []\n");
        assertThat(d.errors()).containsExactly("c.yaml:5:21: does not fit: the populations up to 'a' need 1048577 neurons,"
                + " architecture tiny has 64 (4 cores x 16 core.neurons)");
    }

    @Test
    void smallNetworksBeyondTheChipAreLeftToThePartitioner() {
        // 100 x 100 pairs: expanded, and the partitioner names the cores needed and the excess
        assertThat(validate(pop("a", 100) + pop("b", 100),
                "  - {pre: a, post: b, connect: all_to_all, weight: 1 mV}\n").errors()).isEmpty();
    }

    static String pop(String name, int size) {
        return "  - {name: " + name + ", size: " + size + ", model: if, params: {v_thresh: 1 mV}}\n";
    }

    @Test
    void largeAllToAllFromMorePreNeuronsThanACoreHasAxonsDoesNotFit() {
        // loihi: min(core.axons, core.maxFanIn) = 4096; 5000 x 1000 = 5e6 synapses > 2^20, so checked before expansion
        Diagnostics d = validate("loihi", pop("a", 5000) + pop("b", 1000),
                "  - {pre: a, post: b, connect: all_to_all, weight: 1 mV}\n"
                        + "  - {pre: a, post: b, connect: {type: fixed_probability, p: 1}, weight: 1 mV}\n");
        // fixed_probability p = 1 expects 5000 sources, within twice the bound (8192): left to the partitioner
        assertThat(d.errors()).containsExactly("c.yaml:8:32: does not fit: projection 'a->b' gives each post neuron 5000"
                + " sources, a core of architecture loihi receives from at most 4096 (min of core.axons and"
                + " core.maxFanIn); use a sparser connector or fewer pre neurons");
    }

    @Test
    void denseFixedProbabilityFarOverTheFanInDoesNotFit() {
        // 0.9 x 10000 = 9000 expected sources > 2 x 4096
        Diagnostics d = validate("loihi", pop("a", 10000) + pop("b", 1000),
                "  - {pre: a, post: b, connect: {type: fixed_probability, p: 0.9, seed: 1}, weight: 1 mV}\n");
        assertThat(d.errors()).singleElement().asString().startsWith("c.yaml:8:32: does not fit: projection 'a->b'"
                + " gives each post neuron about 9000 sources");
    }

    @Test
    void moreExpectedSynapsesThanTheChipHasSynapticMemoryBitsDoNotFit() {
        // 65536 x 65536 x 0.06 = 257698037.76 expected; loihi: 128 cores x 131072 bytes x 8 = 134217728 bits
        Diagnostics d = validate("loihi", pop("a", 65536) + pop("b", 65536),
                "  - {pre: a, post: b, connect: {type: fixed_probability, p: 0.06, seed: 1}, weight: 1 mV}\n");
        assertThat(d.errors()).containsExactly("c.yaml:8:32: does not fit: the dense projections expect about 257698037"
                + " synapses, architecture loihi holds at most 134217728 (128 cores x 131072 bytes of"
                + " core.synapticMemoryBytes, one bit per synapse at least)");
    }

    @Test
    void smallProjectionsOverTheFanInAreLeftToThePartitioner() {
        // 5000 x 100 = 5e5 synapses <= 2^20: expanded, and the partitioner names the core limit and the excess
        assertThat(validate("loihi", pop("a", 5000) + pop("b", 100),
                "  - {pre: a, post: b, connect: all_to_all, weight: 1 mV}\n").errors()).isEmpty();
    }
}
