package dev.myelin.tests.compiler;

import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NetworkBuilder;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.WeightSpec;

/**
 * Large layered networks built with the Java builder API: {@code layers} layers of
 * {@code size} integrate-and-fire neurons fed by {@code size} Poisson lines, each block of 256
 * neurons feeding the same block of the next layer with probability 1/16 (16 inputs per
 * neuron). On TrueNorth every neuron then has one target core and every core 256 axons:
 * 4 layers of 262,144 neurons fill the 4,096 cores of the truenorth preset exactly.
 */
public final class LayeredNetworks {
    private LayeredNetworks() {
    }

    public static Network blocks(int layers, int size) {
        NetworkBuilder b = NetworkBuilder.network("layered" + layers + "x" + size).arch("truenorth")
                .poisson("in", size, 20, 1);
        String prev = "in";
        for (int l = 1; l <= layers; l++) {
            b.population("l" + l, size, new NeuronModel.If(4, 0, 0, -0.05))
                    .project(prev, "l" + l, new Connector.FixedProbability(1.0 / 16, 10 + l, true, 256),
                            new WeightSpec.Constant(1), 1);
            prev = "l" + l;
        }
        return b.build();
    }
}
