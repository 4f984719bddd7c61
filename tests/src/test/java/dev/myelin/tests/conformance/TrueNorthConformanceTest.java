package dev.myelin.tests.conformance;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.OutputSpike;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.chip.neuron.XorShift32Random;
import dev.myelin.tests.reference.ReferenceNetwork;
import dev.myelin.tests.reference.TrueNorthReferenceCore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The bit-accurate TrueNorth datapath and tick engine against the plain reference model:
 * random networks in every mode (fixed seeds) and under both negative-threshold rules, V of
 * every neuron compared after every tick, and the output spikes compared at the end.
 */
class TrueNorthConformanceTest {

    @Test
    void singleCoresInAllModesMatchTheReferenceTickByTick() {
        for (long seed = 1; seed <= 12; seed++) {
            RandomTrueNorthNetworks gen = new RandomTrueNorthNetworks(seed);
            NetworkImage image = gen.network(1, 1, 64, 48);
            compare(image, gen.inputs(16, 2000, 0.2), 2000, seed);
        }
    }

    @Test
    void multiCoreNetworksWithDelaysMatchTheReference() {
        for (long seed = 100; seed < 106; seed++) {
            RandomTrueNorthNetworks gen = new RandomTrueNorthNetworks(seed);
            NetworkImage image = gen.network(3, 2, 32, 32);
            compare(image, gen.inputs(8, 1500, 0.15), 1500, seed);
        }
    }

    @Test
    void inclusiveNegativeThresholdCoresMatchTheReferenceAndTheRuleChangesTheirRun() {
        for (long seed = 200; seed <= 205; seed++) {
            // single cores, all inclusive
            NetworkImage inclusive = new RandomTrueNorthNetworks(seed)
                    .negativeThreshold(c -> NegativeThreshold.INCLUSIVE).network(1, 1, 64, 48);
            List<long[]> in = new RandomTrueNorthNetworks(seed + 1000).inputs(16, 2000, 0.2);
            compare(inclusive, in, 2000, seed);
            // the same core under the strict rule runs differently: the comparison above saw V = -bound cross
            NetworkImage strict = new RandomTrueNorthNetworks(seed).network(1, 1, 64, 48);
            assertThat(vTrace(inclusive, in, 2000, seed)).as("seed %d", seed)
                    .isNotEqualTo(vTrace(strict, in, 2000, seed));
        }
        for (long seed = 300; seed < 304; seed++) {
            // both rules side by side: even cores inclusive, odd cores strict
            RandomTrueNorthNetworks gen = new RandomTrueNorthNetworks(seed)
                    .negativeThreshold(c -> c % 2 == 0 ? NegativeThreshold.INCLUSIVE : NegativeThreshold.STRICT);
            NetworkImage image = gen.network(3, 2, 32, 32);
            compare(image, gen.inputs(8, 1500, 0.15), 1500, seed);
        }
    }

    /** V of every neuron after every tick on the chip, as one array. */
    private static int[] vTrace(NetworkImage image, List<long[]> inputs, int ticks, long seed) {
        int neurons = image.cores().stream().mapToInt(c -> c.neuronCount()).sum();
        int[] v = new int[ticks * neurons];
        try (Chip chip = Chip.load(image, ChipOptions.defaults().withSeed(seed))) {
            for (long[] s : inputs) {
                chip.inject("in", (int) s[0], s[1]);
            }
            int k = 0;
            for (int t = 0; t < ticks; t++) {
                chip.step();
                for (int c = 0; c < image.cores().size(); c++) {
                    for (int j = 0; j < image.cores().get(c).neuronCount(); j++) {
                        v[k++] = chip.v(c, j);
                    }
                }
            }
        }
        return v;
    }

    private static void compare(NetworkImage image, List<long[]> inputs, int ticks, long seed) {
        ReferenceNetwork<TrueNorthReferenceCore> ref = new ReferenceNetwork<>(image,
                c -> new TrueNorthReferenceCore(c, XorShift32Random.forCore(seed, c.id())));
        try (Chip chip = Chip.load(image, ChipOptions.defaults().withSeed(seed))) {
            List<PortEntry> in = image.inputs().get(0).entries();
            for (long[] s : inputs) {
                chip.inject("in", (int) s[0], s[1]);
                ref.injectRaw(in.get((int) s[0]).core(), in.get((int) s[0]).index(), s[1]);
            }
            long fired = 0;
            for (int t = 0; t < ticks; t++) {
                chip.step();
                ref.step();
                for (int c = 0; c < image.cores().size(); c++) {
                    for (int j = 0; j < image.cores().get(c).neuronCount(); j++) {
                        if (chip.v(c, j) != ref.core(c).v(j)) {
                            fail("seed %d tick %d core %d neuron %d: chip V = %d, reference V = %d",
                                    seed, t, c, j, chip.v(c, j), ref.core(c).v(j));
                        }
                    }
                    fired += chip.firedCount(c);
                }
            }
            List<ReferenceNetwork.Out> expected = ref.outputs();
            assertThat(chip.outputSpikes()).as("seed %d", seed).containsExactlyElementsOf(
                    expected.stream().map(o -> new OutputSpike(o.port(), o.line(), o.tick())).toList());
            // a comparison of silent networks would prove little
            assertThat(fired).as("seed %d fired", seed).isGreaterThan(ticks / 10);
        }
    }
}
