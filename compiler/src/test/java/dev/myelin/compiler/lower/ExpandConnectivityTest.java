package dev.myelin.compiler.lower;

import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NetworkBuilder;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Synapses;
import dev.myelin.compiler.ir.WeightSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpandConnectivityTest {
    static final NeuronModel IF = new NeuronModel.If(1, 0, 0, 0);

    static Synapses one(Network n) {
        return ExpandConnectivity.run(n).projections().get(0);
    }

    @Test
    void allToAllWithoutAutapsesAndOneToOne() {
        Synapses s = one(NetworkBuilder.network("n").population("a", 5, IF)
                .project("a", "a", new Connector.AllToAll(false), new WeightSpec.Constant(2), 1).build());
        assertThat(s.count()).isEqualTo(5 * 4);
        assertThat(s.rowStart()).containsExactly(0, 4, 8, 12, 16, 20);
        Synapses o = one(NetworkBuilder.network("n").population("a", 3, IF).population("b", 3, IF)
                .project("a", "b", new Connector.OneToOne(), new WeightSpec.Constant(1), 2, true).build());
        assertThat(o.post()).containsExactly(0, 1, 2);
        assertThat(o.weight(1)).isEqualTo(-1f);
        assertThat(o.delay(2)).isEqualTo(2);
    }

    @Test
    void fixedProbabilityMeanAndBlocks() {
        // 200 x 200 pairs at p = 0.1: mean 4000, sigma = sqrt(40000 * 0.1 * 0.9) = 60
        Synapses s = one(NetworkBuilder.network("n").population("a", 200, IF).population("b", 200, IF)
                .project("a", "b", new Connector.FixedProbability(0.1, 7, true, 0), new WeightSpec.Constant(1), 1)
                .build());
        assertThat((double) s.count()).isBetween(4000 - 4 * 60.0, 4000 + 4 * 60.0);
        Synapses b = one(NetworkBuilder.network("n").population("a", 200, IF).population("b", 200, IF)
                .project("a", "b", new Connector.FixedProbability(0.5, 7, true, 50), new WeightSpec.Constant(1), 1)
                .build());
        for (int i = 0; i < 200; i++) {
            for (int k = b.rowStart()[i]; k < b.rowStart()[i + 1]; k++) {
                assertThat(b.post()[k] / 50).isEqualTo(i / 50);
            }
        }
    }

    @Test
    void conv2dConnectsEachInputToTheOutputsWhoseWindowCoversIt() {
        // 4 x 4 input, 3 x 3 kernel, stride 1: 2 x 2 output; input (0,0) only feeds output (0,0) with kernel[0][0];
        // input (1,1) feeds all four outputs: (0,0) via kernel[1][1], (0,1) via [1][0], (1,0) via [0][1], (1,1) via [0][0]
        double[] k = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Network n = NetworkBuilder.network("n").population("in", 4, 4, IF).population("out", 2, 2, IF)
                .project("in", "out", new Connector.Conv2d(3, 3, k, 1, 0), new WeightSpec.Given(1), 1).build();
        Synapses s = one(n);
        assertThat(s.count()).isEqualTo(4 * 9);
        assertThat(s.rowStart()[1] - s.rowStart()[0]).isEqualTo(1);
        assertThat(s.post()[0]).isZero();
        assertThat(s.weight(0)).isEqualTo(1f);
        int in11 = 1 * 4 + 1;
        java.util.Map<Integer, Float> got = new java.util.TreeMap<>();
        for (int j = s.rowStart()[in11]; j < s.rowStart()[in11 + 1]; j++) {
            got.put(s.post()[j], s.weight(j));
        }
        assertThat(got).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of(0, 5f, 1, 4f, 2, 2f, 3, 1f)));
    }

    @Test
    void listIsSortedByPreKeepingWeightsAndDelays() {
        var l = new Connector.FromList(new int[] {2, 0, 2}, new int[] {1, 1, 0}, new double[] {3, 4, 5},
                new int[] {2, 3, 4});
        Synapses s = one(NetworkBuilder.network("n").population("a", 3, IF).population("b", 2, IF)
                .project("a", "b", l, new WeightSpec.Given(1), 1).build());
        assertThat(s.rowStart()).containsExactly(0, 1, 1, 3);
        assertThat(s.post()).containsExactly(1, 1, 0);
        assertThat(s.weight()).containsExactly(4f, 3f, 5f);
        assertThat(s.delay()).containsExactly(3, 2, 4);
    }
}
