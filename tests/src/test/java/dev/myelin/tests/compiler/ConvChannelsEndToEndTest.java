package dev.myelin.tests.compiler;

import dev.myelin.compiler.YamlFrontend;
import dev.myelin.isa.spi.CompiledNetwork;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A two-channel convolution, sum pooling and flatten compile and run on TrueNorth with the
 * counts derived by hand in compiler/conv_channels.yaml: 40 ticks of input, each feature
 * neuron reaching 8 mV every second tick (1 mV from channel 0 plus 3 mV from channel 1 per
 * tick), so 20 spikes per feature, pooled and flat neuron. Had the kernel ignored channel 1
 * (1 mV per tick) the features would fire every 8 ticks: 5 spikes.
 */
class ConvChannelsEndToEndTest {
    @Test
    void countsDerivedByHand() throws Exception {
        CompiledNetwork cn = new YamlFrontend().compile(ChipMatchesReferenceTest.resource("conv_channels.yaml"),
                null);
        Map<String, TreeSet<Long>> spikes = ChipRun.run(cn, 50, 2);
        for (String pop : new String[] {"features", "flat"}) {
            int[] count = new int[4];
            spikes.get(pop).forEach(s -> count[(int) (long) s]++);
            assertThat(count).as(pop).containsExactly(20, 20, 20, 20);
        }
        assertThat(spikes.get("pooled")).hasSize(20);
    }
}
