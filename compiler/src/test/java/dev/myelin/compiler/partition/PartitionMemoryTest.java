package dev.myelin.compiler.partition;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Synaptic memory per core, by hand from each encoding's bit counts. */
class PartitionMemoryTest {
    private final Architecture loihi = Presets.require("loihi");
    private final Architecture truenorth = Presets.require("truenorth");

    @Test
    void loihiSparseChargesWeightAndIndexPerSynapse() {
        // 9 weight bits + ceil(log2 1024) = 10 index bits = 19 bits per synapse; 5% of 400 x 100: 2,000 synapses
        assertThat(Partition.loihiSparseBytes(loihi, 2_000)).isEqualTo((2_000L * 19 + 7) / 8);
        assertThat(Partition.memoryBytes(loihi, 400, 100, 2_000)).isEqualTo(4_750);
    }

    @Test
    void aFullyConnectedCoreUsesTheDenseEncoding() {
        // 200 inputs all-to-all onto 500 compartments: sparse 100,000 x 19 bits = 237,500 bytes, more than the
        // 131,072 of a core; dense 100,000 x 9 bits = 112,500 bytes, which fits
        long sparse = Partition.loihiSparseBytes(loihi, 100_000);
        long dense = Partition.loihiDenseBytes(loihi, 200, 500);
        assertThat(sparse).isEqualTo(237_500);
        assertThat(dense).isEqualTo(112_500);
        assertThat(Partition.memoryBytes(loihi, 200, 500, 100_000)).isEqualTo(112_500)
                .isLessThanOrEqualTo(loihi.synapticMemoryBytes());
    }

    @Test
    void theDensestCaseMatchesLoihisOneMillionOneBitSynapsesPerCore() {
        // 128 KB = 1,048,576 bits: with 1-bit weights, 1,024 axons x 1,024 compartments exactly fill it
        Architecture oneBit = loihi.toBuilder().set(dev.myelin.isa.arch.ArchParam.WEIGHT_BITS, 1).build("test");
        assertThat(Partition.memoryBytes(oneBit, 1_024, 1_024, 1_024 * 1_024)).isEqualTo(131_072);
    }

    @Test
    void trueNorthIsTheCrossbar() {
        assertThat(Partition.memoryBytes(truenorth, 256, 256, 10)).isEqualTo(256 * 32);
        assertThat(Partition.memoryBytes(truenorth, 3, 9, 27)).isEqualTo(3 * 2);
    }
}
