package dev.myelin.compiler.route;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.InputDelivery;
import dev.myelin.compiler.ir.NetworkBuilder;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.WeightSpec;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.model.Targets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Inputs delivered on the chip: how the compiler turns input lines into input neurons, packs them
 * into input cores, places those and points the input's port at them.
 */
class InputCoresTest {
    /**
     * Input "in" of 3 lines feeds p (one_to_one, delay 1) pinned to (0,0,0) and q (all_to_all,
     * delay 3) pinned to (1,0,0). Each line then has two targets: axon (in, i, delay 1) on p's
     * core and axon (in, i, delay 3) on q's core.
     */
    private static NetworkBuilder twoTargets(String arch) {
        NeuronModel m = new NeuronModel.TrueNorth(0, 0, 10, 0, 0, 0, 0, 0, dev.myelin.isa.model.NegativeThreshold.STRICT);
        return NetworkBuilder.network("two").arch(arch)
                .spikes("in", 3, new int[] {0}, new int[] {0})
                .population("p", 3, arch.equals("loihi") ? loihi() : m)
                .population("q", 3, arch.equals("loihi") ? loihi() : m)
                .project("in", "p", new Connector.OneToOne(), new WeightSpec.Constant(1), 1)
                .project("in", "q", new Connector.AllToAll(true), new WeightSpec.Constant(1), 3)
                .pin("p", 0, 3, List.<int[]>of(new int[] {0, 0, 0}))
                .pin("q", 0, 3, List.<int[]>of(new int[] {1, 0, 0}))
                .inputDelivery("in", InputDelivery.ON_CHIP);
    }

    private static NeuronModel loihi() {
        return new NeuronModel.LoihiLif(4095, 0, 100, 0, 0, 0);
    }

    @Test
    void onLoihiEachLineIsOneInputNeuronFanningOutToBothCores() {
        NetworkImage img = Compiler.compile(twoTargets("loihi").build(), Presets.require("loihi")).emitted().image();
        // the median of the targets' routers is (0,0); its free slots 1-3 cost 3 hops each (the three
        // targets on router (1,0)); the lowest slot wins
        CoreImage in = core(img, new CoreId(0, 0, 1));
        assertThat(in.input()).isTrue();
        assertThat(in.neuronCount()).isEqualTo(3);
        assertThat(in.axonCount()).isEqualTo(3);
        assertThat(in.synapses().synapseCount()).isZero();
        Targets t = in.targets();
        for (int j = 0; j < 3; j++) {
            assertThat(t.start()[j + 1] - t.start()[j]).as("targets of input neuron " + j).isEqualTo(2);
        }
        List<Integer> delays = new ArrayList<>();
        for (int k = 0; k < t.count(); k++) {
            delays.add(t.delay()[k]);
        }
        // the projections' delays: the input neuron's message takes them like any neuron's
        assertThat(delays).containsExactlyInAnyOrder(1, 1, 1, 3, 3, 3);
        Port port = img.inputs().get(0);
        assertThat(port.entries()).containsExactly(new PortEntry(in.id(), 0), new PortEntry(in.id(), 1),
                new PortEntry(in.id(), 2));
        assertThat(port.identity()).as("line i drives input neuron i without lead").isTrue();
        Symbol s = img.symbols().stream().filter(x -> x.population().equals("in")).findFirst().orElseThrow();
        assertThat(s.ranges()).containsExactly(new Symbol.Range(in.id(), 0, 3, 0));
    }

    @Test
    void onTrueNorthEachTargetIsOneInputNeuronAndThePortMapsLinesOntoThem() {
        NetworkImage img = Compiler.compile(twoTargets("truenorth").build(), Presets.require("truenorth")).emitted()
                .image();
        CoreImage in = img.cores().stream().filter(CoreImage::input).findFirst().orElseThrow();
        // one target per TrueNorth neuron: 3 lines x 2 target cores
        assertThat(in.neuronCount()).isEqualTo(6);
        assertThat(in.targets().count()).isEqualTo(6);
        Port port = img.inputs().get(0);
        assertThat(port.sourceLines()).isEqualTo(3);
        assertThat(port.line()).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(port.lead()).containsOnly(0);
        for (int i = 0; i < 6; i++) {
            assertThat(port.entries().get(i)).isEqualTo(new PortEntry(in.id(), i));
        }
        // the first input neuron of each line is named, the second (a copy) is not
        Symbol s = img.symbols().stream().filter(x -> x.population().equals("in")).findFirst().orElseThrow();
        assertThat(s.ranges()).containsExactly(new Symbol.Range(in.id(), 0, 1, 0), new Symbol.Range(in.id(), 2, 1, 1),
                new Symbol.Range(in.id(), 4, 1, 2));
    }

    @Test
    void axonsDeliveryMakesNoInputCore() {
        NetworkImage img = Compiler.compile(twoTargets("loihi").inputDelivery("in", InputDelivery.AXONS).build(),
                Presets.require("loihi")).emitted().image();
        assertThat(img.cores()).noneMatch(CoreImage::input).hasSize(2);
        assertThat(img.inputs().get(0).entries()).extracting(PortEntry::core)
                .containsOnly(new CoreId(0, 0, 0), new CoreId(1, 0, 0));
    }

    @Test
    void aBoardWithNoFreeCoreForTheInputIsADoesNotFitError() {
        NeuronModel m = new NeuronModel.TrueNorth(0, 0, 10, 0, 0, 0, 0, 0, dev.myelin.isa.model.NegativeThreshold.STRICT);
        NetworkBuilder b = NetworkBuilder.network("full").arch("tiny").spikes("in", 1, new int[] {0}, new int[] {0})
                .inputDelivery(InputDelivery.ON_CHIP);
        int k = 0;
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                b.population("p" + k, 1, m).pin("p" + k, 0, 1, List.<int[]>of(new int[] {x, y, 0}))
                        .project("in", "p" + k, new Connector.OneToOne(), new WeightSpec.Constant(1), 1);
                k++;
            }
        }
        assertThatThrownBy(() -> Compiler.compile(b.build(), Presets.require("tiny")))
                .isInstanceOf(MyelinInputException.class)
                .hasMessageContaining("input 'in': does not fit: input 'in' on the chip needs another input core"
                        + " and every core of the board is used");
    }

    @Test
    void aPoissonInputOnTheChipMayHaveAnyDelay() {
        NeuronModel m = new NeuronModel.TrueNorth(0, 0, 10, 0, 0, 0, 0, 0, dev.myelin.isa.model.NegativeThreshold.STRICT);
        NetworkBuilder b = NetworkBuilder.network("p").arch("tiny").poisson("noise", 2, 100, 1)
                .population("a", 2, m)
                .project("noise", "a", new Connector.OneToOne(), new WeightSpec.Constant(1), 4);
        assertThatThrownBy(() -> Compiler.compile(b.build(), Presets.require("tiny")))
                .hasMessageContaining("must have delay 1");
        NetworkImage img = Compiler.compile(b.inputDelivery("noise", InputDelivery.ON_CHIP).build(),
                Presets.require("tiny")).emitted().image();
        CoreImage in = img.cores().stream().filter(CoreImage::input).findFirst().orElseThrow();
        assertThat(in.targets().delay()).containsOnly(4);
    }

    /**
     * A pin naming an input on the chip puts its input core on the listed core, far from the one
     * the search would choose ((0,0,1), see the first test), and the placer keeps that core free:
     * p is not pinned here and would otherwise be placed first on the curve's first core.
     */
    @Test
    void aPinnedInputCoreGoesOnTheListedCore() {
        NeuronModel m = loihi();
        NetworkBuilder b = NetworkBuilder.network("pinned").arch("loihi")
                .spikes("in", 3, new int[] {0}, new int[] {0})
                .population("p", 3, m)
                .project("in", "p", new Connector.OneToOne(), new WeightSpec.Constant(1), 1)
                .pin("in", 0, -1, List.<int[]>of(new int[] {0, 0, 0}))
                .inputDelivery("in", InputDelivery.ON_CHIP);
        NetworkImage img = Compiler.compile(b.build(), Presets.require("loihi")).emitted().image();
        assertThat(core(img, new CoreId(0, 0, 0)).input()).isTrue();
        assertThat(img.cores().stream().filter(c -> !c.input()).map(CoreImage::id)).doesNotContain(new CoreId(0, 0, 0));
        Port port = img.inputs().get(0);
        assertThat(port.entries()).extracting(PortEntry::core).containsOnly(new CoreId(0, 0, 0));
    }

    @Test
    void pinningAnInputInjectedIntoAxonsOrWithASliceIsAnError() {
        NeuronModel m = loihi();
        NetworkBuilder axons = NetworkBuilder.network("x").arch("loihi")
                .spikes("in", 3, new int[] {0}, new int[] {0})
                .population("p", 3, m)
                .project("in", "p", new Connector.OneToOne(), new WeightSpec.Constant(1), 1)
                .pin("in", 0, -1, List.<int[]>of(new int[] {2, 0, 0}));
        assertThatThrownBy(() -> Compiler.compile(axons.build(), Presets.require("loihi")))
                .isInstanceOf(MyelinInputException.class)
                .hasMessageContaining("pin names input 'in', which is injected into axons");
        NetworkBuilder slice = NetworkBuilder.network("s").arch("loihi")
                .spikes("in", 3, new int[] {0}, new int[] {0})
                .population("p", 3, m)
                .project("in", "p", new Connector.OneToOne(), new WeightSpec.Constant(1), 1)
                .pin("in", 1, 2, List.<int[]>of(new int[] {2, 0, 0}))
                .inputDelivery(InputDelivery.ON_CHIP);
        assertThatThrownBy(() -> Compiler.compile(slice.build(), Presets.require("loihi")))
                .hasMessageContaining("a pin of input 'in' takes no slice");
        NetworkBuilder twice = NetworkBuilder.network("t").arch("loihi")
                .spikes("in", 3, new int[] {0}, new int[] {0})
                .population("p", 3, m)
                .project("in", "p", new Connector.OneToOne(), new WeightSpec.Constant(1), 1)
                .pin("in", 0, -1, List.<int[]>of(new int[] {2, 0, 0}))
                .pin("p", 0, 3, List.<int[]>of(new int[] {2, 0, 0}))
                .inputDelivery(InputDelivery.ON_CHIP);
        assertThatThrownBy(() -> Compiler.compile(twice.build(), Presets.require("loihi")))
                .hasMessageContaining("core (2,0,0) is pinned twice");
    }

    private static CoreImage core(NetworkImage img, CoreId id) {
        return img.cores().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no core " + id + " in " + img.cores().stream()
                        .map(CoreImage::id).toList()));
    }
}
