package dev.myelin.compiler;

import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NetworkBuilder;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.WeightSpec;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.ImageValidator;
import dev.myelin.isa.spi.Stimulus;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompilerTest {
    static final NeuronModel IF = new NeuronModel.If(1, 0, 0, 0);

    @Test
    void trueNorthNeuronWithSeveralTargetCoresGetsCopies() {
        // 'a' (4 neurons, one core) feeds 'b' (12 neurons, 4 per core: 3 cores) all to all: each a-neuron needs
        // 3 targets, so its core holds 4 + 4 * 2 copies = 12 neurons and every neuron has exactly one target
        Network n = NetworkBuilder.network("n").population("a", 4, IF).population("b", 12, IF)
                .project("a", "b", new Connector.AllToAll(true), new WeightSpec.Constant(1), 1)
                .neuronsPerCore("b", 4).build();
        Compiler.Compilation c = Compiler.compile(n, Presets.require("truenorth"));
        ImageValidator.validate(c.emitted().image());
        List<CoreImage> cores = c.emitted().image().cores();
        assertThat(cores).hasSize(4);
        CoreImage a = cores.stream().filter(k -> k.neuronCount() == 12).findFirst().orElseThrow();
        Set<String> targets = new HashSet<>();
        for (int j = 0; j < 12; j++) {
            assertThat(a.targets().countOf(j)).isEqualTo(1);
            int k = a.targets().start()[j];
            targets.add(a.targets().dx()[k] + "," + a.targets().dy()[k] + "," + a.targets().axon()[k]);
        }
        assertThat(targets).hasSize(12);
        assertThat(dev.myelin.compiler.report.ReportData.of(c).neuronCopies()).isEqualTo(4 * 2);
    }

    @Test
    void inputLineReachingTwoCoresBecomesTwoPortLinesOfOneGenerator() {
        Network n = NetworkBuilder.network("n").poisson("in", 3, 100, 4).population("b", 8, IF)
                .project("in", "b", new Connector.AllToAll(true), new WeightSpec.Constant(1), 1)
                .neuronsPerCore("b", 4).build();
        Compiler.Compilation c = Compiler.compile(n, Presets.require("truenorth"));
        Stimulus.Poisson p = (Stimulus.Poisson) c.emitted().stimuli().get(0);
        assertThat(p.lines()).isEqualTo(6);
        assertThat(p.generatorLine()).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(c.emitted().image().inputs().get(0).entries()).hasSize(6);
    }

    @Test
    void spikeArrayIsShiftedByTheProjectionDelay() {
        // a spike listed for tick 5 through a delay-3 projection reaches its target in tick 5 + 3 - 1 = 7
        Network n = NetworkBuilder.network("n").spikes("in", 1, new int[] {5}, new int[] {0}).population("b", 1, IF)
                .project("in", "b", new Connector.OneToOne(), new WeightSpec.Constant(1), 3).build();
        Stimulus.SpikeArray s = (Stimulus.SpikeArray) Compiler.compile(n, Presets.require("loihi"))
                .emitted().stimuli().get(0);
        assertThat(s.tick()).containsExactly(7);
    }

    static NetworkBuilder layered() {
        var b = NetworkBuilder.network("n").poisson("in", 256, 50, 1);
        String prev = "in";
        for (int l = 0; l < 4; l++) {
            b.population("l" + l, 256, IF).project(prev, "l" + l,
                    new Connector.FixedProbability(0.2, l, true, 64), new WeightSpec.Constant(0.5), 1);
            prev = "l" + l;
        }
        return b.neuronsPerCore(64);
    }

    @Test
    void placementBeatsRowMajorOnALayeredNetwork() {
        // 4 chains of 3 links (l0 -> l1 -> l2 -> l3 per block of 64); row-major puts a layer's 4 cores in a row,
        // so each link spans 4 routers; the placer lays each chain along the curve, one hop per link
        Compiler.Compilation c = Compiler.compile(layered().build(), Presets.require("truenorth"));
        assertThat(c.placement().cost()).isLessThan(c.placement().naiveCost() / 2);
        assertThat(c.placement().cost()).isLessThanOrEqualTo(c.placement().initialCost());
    }

    @Test
    void pinnedSlicesStayWhereTheyArePinned() {
        Compiler.Compilation c = Compiler.compile(layered().pin("l3", 0, 64, List.of(new int[] {10, 10, 0})).build(),
                Presets.require("truenorth"));
        int pinned = c.partition().slices().indexOf(new dev.myelin.compiler.partition.Slice(3, 0, 64));
        assertThat(c.placement().core(pinned)).isEqualTo(new dev.myelin.isa.model.CoreId(10, 10, 0));
        assertThat(c.placement().cost()).isLessThan(c.placement().naiveCost());
    }

    @Test
    void compilingTwiceGivesTheSameBytes() {
        byte[] a = dev.myelin.isa.codec.NbinCodec.encode(Compiler.compile(layered().build(),
                Presets.require("truenorth")).emitted().image());
        byte[] b = dev.myelin.isa.codec.NbinCodec.encode(Compiler.compile(layered().build(),
                Presets.require("truenorth")).emitted().image());
        assertThat(b).isEqualTo(a);
    }

    @Test
    void partitionShrinksSlicesToFitAxons() {
        // tiny: 16 axons per core. 'b' neurons each hear 6 of 24 inputs in their own block of 6: a slice of
        // 4 b-neurons (blocks of 6 pre lines, p = 1) needs 6 axons per block it overlaps
        Network n = NetworkBuilder.network("n").poisson("in", 24, 10, 1).population("b", 24, IF)
                .project("in", "b", new Connector.FixedProbability(1, 1, true, 6), new WeightSpec.Constant(1), 1)
                .build();
        Compiler.Compilation c = Compiler.compile(n, Presets.require("tiny"));
        c.routed().cores().forEach(k -> assertThat(k.axons().axons()).isLessThanOrEqualTo(16));
        assertThat(c.routed().cores()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void doesNotFitNamesTheLimitAndTheExcess() {
        Network n = NetworkBuilder.network("n").poisson("in", 20, 10, 1).population("b", 1, IF)
                .project("in", "b", new Connector.AllToAll(true), new WeightSpec.Constant(1), 1).build();
        assertThatThrownBy(() -> Compiler.compile(n, Presets.require("tiny")))
                .isInstanceOf(MyelinInputException.class)
                .hasMessage("population 'b': does not fit: population 'b' neurons [0, 1) need 20 axons on one core but "
                        + "core.axons = 16 (over by 4); reduce the fan-in (fewer or sparser incoming projections, "
                        + "fewer distinct delays), or use an architecture with a larger core.axons");
    }
}
