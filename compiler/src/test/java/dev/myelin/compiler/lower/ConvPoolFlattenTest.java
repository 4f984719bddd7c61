package dev.myelin.compiler.lower;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NetworkBuilder;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Synapses;
import dev.myelin.compiler.ir.WeightSpec;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.TrueNorthNeurons;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Channels (CHW), stride, padding and bias of conv2d; sum and average pooling; flatten. Expected values by hand. */
class ConvPoolFlattenTest {
    static final NeuronModel IF = new NeuronModel.If(1, 0, 0, 0);

    static Synapses one(Network n) {
        return ExpandConnectivity.run(n).projections().get(0);
    }

    /** Post index -> weight of the synapses of pre neuron {@code i}. */
    static Map<Integer, Float> row(Synapses s, int i) {
        Map<Integer, Float> m = new TreeMap<>();
        for (int k = s.rowStart()[i]; k < s.rowStart()[i + 1]; k++) {
            m.put(s.post()[k], s.weight(k));
        }
        return m;
    }

    @Test
    void channelsMixThroughTheKernelInChwOrder() {
        // 2 x 3 x 3 input, kernel [out 2][in 2][2][2] with k[co][ci][ky][kx] = 1000 co + 100 ci + 10 ky + kx + 1,
        // stride 1: output 2 x 2 x 2. Input (ci 1, row 1, col 1), neuron (1 * 3 + 1) * 3 + 1 = 13, sits at kernel
        // offset (ky, kx) = (1 - y, 1 - x) of every output (y, x) in 0..1: output (co, 0, 0) via k[co][1][1][1], ...
        double[] k = new double[16];
        for (int co = 0; co < 2; co++) {
            for (int ci = 0; ci < 2; ci++) {
                for (int ky = 0; ky < 2; ky++) {
                    for (int kx = 0; kx < 2; kx++) {
                        k[((co * 2 + ci) * 2 + ky) * 2 + kx] = 1000 * co + 100 * ci + 10 * ky + kx + 1;
                    }
                }
            }
        }
        Network n = NetworkBuilder.network("n").population("in", new int[] {2, 3, 3}, IF)
                .population("out", new int[] {2, 2, 2}, IF)
                .project("in", "out", new Connector.Conv2d(2, 2, 2, 2, k, 1, 1, 0, 0, null), new WeightSpec.Given(1), 1)
                .build();
        Synapses s = one(n);
        assertThat(s.count()).isEqualTo(8 * 8); // 8 outputs, each 2 channels x 2 x 2 inputs
        assertThat(row(s, 13)).containsExactlyEntriesOf(new TreeMap<>(Map.of(0, 112f, 1, 111f, 2, 102f, 3, 101f,
                4, 1112f, 5, 1111f, 6, 1102f, 7, 1101f)));
        // input (ci 0, row 0, col 0) is only at offset (0, 0) of output (co, 0, 0)
        assertThat(row(s, 0)).containsExactlyEntriesOf(new TreeMap<>(Map.of(0, 1f, 4, 1001f)));
    }

    @Test
    void strideAndPaddingWindowTheInput() {
        // 4 x 4 input, 3 x 3 ones, stride 2, padding 1: OH = (4 + 2 - 3) / 2 + 1 = 2. Output (0,0) covers rows and
        // columns -1..1 (inputs 0..1 of each: 4), (0,1) rows -1..1 x cols 1..3 (6), (1,0) 6, (1,1) rows 1..3 x 1..3 (9)
        double[] ones = new double[9];
        java.util.Arrays.fill(ones, 1);
        Network n = NetworkBuilder.network("n").population("in", 4, 4, IF).population("out", 2, 2, IF)
                .project("in", "out", new Connector.Conv2d(3, 3, ones, 2, 1), new WeightSpec.Given(1), 1).build();
        Synapses s = one(n);
        int[] fanIn = new int[4];
        for (int p : s.post()) {
            fanIn[p]++;
        }
        assertThat(fanIn).containsExactly(4, 6, 6, 9);
        assertThat(row(s, 0).keySet()).containsExactly(0); // input (0,0): only in output (0,0)'s window
        assertThat(row(s, 5).keySet()).containsExactly(0, 1, 2, 3); // input (1,1): in every window
    }

    @Test
    void sumAndAveragePoolChannelByChannel() {
        // 2 x 4 x 4 -> 2 x 2 x 2 with 2 x 2 windows, stride 2: input (ch 1, row 3, col 2) = neuron (1*4+3)*4+2 = 30
        // lands in output (1, 1, 1) = neuron 7 only; average divides the weight 2 mV by 4
        for (boolean avg : new boolean[] {false, true}) {
            Network n = NetworkBuilder.network("n").population("in", new int[] {2, 4, 4}, IF)
                    .population("out", new int[] {2, 2, 2}, IF)
                    .project("in", "out", new Connector.Pool2d(avg, 2, 2, 2, 2, 0, 0), new WeightSpec.Given(2), 1)
                    .build();
            Synapses s = one(n);
            assertThat(s.count()).isEqualTo(32);
            assertThat(row(s, 30)).containsExactlyEntriesOf(Map.of(7, avg ? 0.5f : 2f));
        }
    }

    @Test
    void flattenIsTheChwNumberingAndNeedsEqualSizes() {
        Network n = NetworkBuilder.network("n").population("in", new int[] {2, 2, 2}, IF).population("flat", 8, IF)
                .project("in", "flat", new Connector.Flatten(), new WeightSpec.Constant(1), 1).build();
        Synapses s = one(n);
        assertThat(s.post()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        Network bad = NetworkBuilder.network("n").population("in", new int[] {2, 2, 2}, IF).population("flat", 7, IF)
                .project("in", "flat", new Connector.Flatten(), new WeightSpec.Constant(1), 1).build();
        assertThatThrownBy(() -> Compiler.compile(bad, Presets.require("truenorth")))
                .hasMessageContaining("flatten needs equal sizes, pre has 8, post has 7");
    }

    @Test
    void biasPerOutputChannelDrivesEachChannelsNeurons() {
        // two output channels of one 1 x 1 kernel of 1 mV; bias 0.5 and 1 mV per tick. TrueNorth: the 1 mV weight
        // sets 1 LSB = 1/255 mV, so the leaks are round(0.5 * 255) = 128 and 255
        Network n = NetworkBuilder.network("n").population("in", 2, 2, IF).population("out", new int[] {2, 2, 2}, IF)
                .project("in", "out", new Connector.Conv2d(2, 1, 1, 1, new double[] {1, 1}, 1, 1, 0, 0,
                        new double[] {0.5, 1}), new WeightSpec.Given(1), 1).build();
        Compiler.Compilation c = Compiler.compile(n, Presets.require("truenorth"));
        TrueNorthNeurons t = (TrueNorthNeurons) c.lowered().of("out").neurons();
        assertThat(t.leak()).containsExactly(128, 128, 128, 128, 255, 255, 255, 255);
    }

    @Test
    void aKernelWhoseInputChannelsDisagreeIsNamed() {
        Network n = NetworkBuilder.network("n").population("in", new int[] {3, 4, 4}, IF)
                .population("out", new int[] {1, 3, 3}, IF)
                .project("in", "out", new Connector.Conv2d(1, 2, 2, 2, new double[8], 1, 1, 0, 0, null),
                        new WeightSpec.Given(1), 1).build();
        assertThatThrownBy(() -> Compiler.compile(n, Presets.require("truenorth")))
                .hasMessageContaining("conv2d kernel takes 2 input channel(s), but pre 'in' has shape 3 x 4 x 4");
    }
}
