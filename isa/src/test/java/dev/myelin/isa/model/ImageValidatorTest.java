package dev.myelin.isa.model;

import dev.myelin.isa.testing.SampleImages;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageValidatorTest {
    @Test
    void everySampleIsValid() {
        SampleImages.all().forEach((name, image) ->
                assertThatCode(() -> ImageValidator.validate(image)).as(name).doesNotThrowAnyException());
    }

    @Test
    void anInputCoreHoldsNoSynapsesAndNoParameters() {
        NetworkImage tn = SampleImages.trueNorthInputCore();
        CoreImage in = tn.cores().get(1);
        ((Crossbar) in.synapses()).set(1, 0);
        assertThatThrownBy(() -> ImageValidator.validate(tn)).isInstanceOf(ImageViolation.class)
                .hasMessage("core (1,0,0): synapses=1 must be 0 on an input core");
        NetworkImage loihi = SampleImages.loihiInputCore();
        ((LoihiNeurons) loihi.cores().get(2).neurons()).vth()[0] = 1;
        assertThatThrownBy(() -> ImageValidator.validate(loihi)).isInstanceOf(ImageViolation.class)
                .hasMessage("core (0,0,2): neurons: every neuron parameter of an input core must be 0 (input neurons"
                        + " have no state)");
        NetworkImage types = SampleImages.trueNorthInputCore();
        types.cores().get(1).axonType()[1] = 2;
        assertThatThrownBy(() -> ImageValidator.validate(types))
                .hasMessage("core (1,0,0): axon[1].type=2 must be 0 on an input core");
    }

    @Test
    void trueNorthThresholdIsEighteenBitsUnsigned() {
        NetworkImage img = SampleImages.trueNorthOneCore();
        ((TrueNorthNeurons) img.cores().get(0).neurons()).alpha()[2] = 1 << 18;
        assertThatThrownBy(() -> ImageValidator.validate(img)).isInstanceOf(ImageViolation.class)
                .hasMessage("core (0,0,0): neuron[2].alpha=262144 is out of range [0, 262143]");
    }

    @Test
    void trueNorthWeightsFollowTheArchitecturesWeightBits() {
        NetworkImage img = SampleImages.trueNorthOneCore();
        ((TrueNorthNeurons) img.cores().get(0).neurons()).weights()[4 * 2 + 3] = -257;
        assertThatThrownBy(() -> ImageValidator.validate(img))
                .hasMessage("core (0,0,0): neuron[2].weight[3]=-257 is out of range [-256, 255]");
    }

    @Test
    void loihiDecay4096NeedsTheNxsdkMode() {
        NetworkImage img = SampleImages.loihiSparse();
        CoreImage c = img.cores().get(1);
        ((LoihiNeurons) c.neurons()).du()[1] = 4096;
        assertThatThrownBy(() -> ImageValidator.validate(img))
                .hasMessage("core (0,0,1): neuron[1].du=4096 is out of range [0, 4095]");
    }

    @Test
    void aDendriteNeedsACompartmentAfterItAndHoldsNoRefractoryDelay() {
        NetworkImage last = SampleImages.loihiCompartments();
        ((LoihiNeurons) last.cores().get(0).neurons()).join()[2] = LoihiNeurons.JOIN_ADD;
        assertThatThrownBy(() -> ImageValidator.validate(last)).hasMessage("core (0,0,0): neuron[2].join=add on the"
                + " core's last compartment: a dendrite joins the compartment after it, and there is none");
        NetworkImage held = SampleImages.loihiCompartments();
        ((LoihiNeurons) held.cores().get(0).neurons()).refractory()[0] = 3;
        assertThatThrownBy(() -> ImageValidator.validate(held)).hasMessage("core (0,0,0): neuron[0].refractory=3"
                + " on a dendrite (join=add): a dendrite has no voltage to hold; give the refractory delay to its soma");
        NetworkImage join = SampleImages.loihiCompartments();
        ((LoihiNeurons) join.cores().get(0).neurons()).join()[1] = 2;
        assertThatThrownBy(() -> ImageValidator.validate(join))
                .hasMessage("core (0,0,0): neuron[1].join=2 is out of range [0, 1]");
        NetworkImage refr = SampleImages.loihiCompartments();
        ((LoihiNeurons) refr.cores().get(0).neurons()).refractory()[1] = 256;
        assertThatThrownBy(() -> ImageValidator.validate(refr))
                .hasMessage("core (0,0,0): neuron[1].refractory=256 is out of range [0, 255]");
    }

    @Test
    void aDenseRowHoldsEveryCompartmentInOrder() {
        NetworkImage swapped = SampleImages.loihiDense();
        SparseRows s = (SparseRows) swapped.cores().get(0).synapses();
        s.post()[4] = 2;
        s.post()[5] = 1;
        assertThatThrownBy(() -> ImageValidator.validate(swapped)).hasMessage(
                "core (0,0,0): axon[1].synapse[1].post=2 in a dense row, whose synapse i is compartment i");
        NetworkImage shortRow = SampleImages.loihiDense();
        CoreImage c = shortRow.cores().get(0);
        CoreImage cut = new CoreImage(c.id(), c.axonType(), c.neurons(), new SparseRows(2, new int[] {0, 3, 5},
                new int[] {0, 1, 2, 0, 1}, new int[] {5, 0, -7, 0, 0}, true), c.formats(), c.targets(), c.learning());
        assertThatThrownBy(() -> ImageValidator.validate(new NetworkImage(shortRow.arch(), 0, List.of(cut), List.of(),
                List.of(), List.of()))).hasMessage(
                "core (0,0,0): axon[1] holds 2 synapses; a dense row has one per compartment (3)");
    }

    @Test
    void weightSignMustAgreeWithTheAxonsFormat() {
        NetworkImage img = SampleImages.loihiSparse();
        ((SparseRows) img.cores().get(0).synapses()).weight()[1] = -1;
        assertThatThrownBy(() -> ImageValidator.validate(img)).hasMessage(
                "core (0,0,0): axon[0].synapse[1].weight=-1 contradicts sign mode excitatory of axon type 0");
    }

    @Test
    void targetsMustLandOnAnAxonOfAUsedCore() {
        NetworkImage two = SampleImages.trueNorthTwoCores();
        NetworkImage one = new NetworkImage(two.arch(), 0, List.of(two.cores().get(0)), List.of(), List.of(), List.of());
        assertThatThrownBy(() -> ImageValidator.validate(one)).hasMessage(
                "core (0,0,0): neuron[0].target[0] (dx=1, dy=1, slot=0) lands on core (1,1,0), which is not in the image");
        NetworkImage img = SampleImages.trueNorthOneCore();
        img.cores().get(0).targets().axon()[0] = 2;
        assertThatThrownBy(() -> ImageValidator.validate(img)).hasMessage(
                "core (0,0,0): neuron[0].target[0].axon=2 exceeds 1 (core (0,0,0) uses 2 axons)");
    }

    @Test
    void trueNorthNeuronsHaveOneTarget() {
        NetworkImage img = SampleImages.trueNorthOneCore();
        CoreImage c = img.cores().get(0);
        Targets two = new Targets(new int[] {0, 2, 2, 2}, new int[2], new int[2], new int[2], new int[] {0, 1},
                new int[] {1, 1});
        NetworkImage bad = withCore(img, new CoreImage(c.id(), c.axonType(), c.neurons(), c.synapses(), c.formats(),
                two, c.learning()));
        assertThatThrownBy(() -> ImageValidator.validate(bad))
                .hasMessage("core (0,0,0): neuron[0].targetCount=2 exceeds core.targetsPerNeuron=1");
    }

    @Test
    void coresAreUniqueAndOnTheBoard() {
        NetworkImage img = SampleImages.trueNorthOneCore();
        CoreImage c = img.cores().get(0);
        NetworkImage twice = new NetworkImage(img.arch(), 0, List.of(c, c), List.of(), List.of(), List.of());
        assertThatThrownBy(() -> ImageValidator.validate(twice)).hasMessage("core (0,0,0): id=(0,0,0) is used twice");
        NetworkImage off = withCore(img, new CoreImage(new CoreId(2, 0, 0), c.axonType(), c.neurons(), c.synapses(),
                c.formats(), Targets.none(3), c.learning()));
        assertThatThrownBy(() -> ImageValidator.validate(off))
                .hasMessage("core (2,0,0): id=(2,0,0) is not on the 2x2x1 board of tiny");
    }

    @Test
    void portsAndSymbolsNameUsedCoresAxonsAndNeurons() {
        NetworkImage img = SampleImages.withPortsAndSymbols();
        NetworkImage badPort = new NetworkImage(img.arch(), 0, img.cores(),
                List.of(new Port("in", List.of(new PortEntry(new CoreId(1, 0, 0), 0)))), img.outputs(), img.symbols());
        assertThatThrownBy(() -> ImageValidator.validate(badPort))
                .hasMessage("input port 'in': port[0].entry[0].core=(1,0,0) is not a core of the image");
        NetworkImage badLine = new NetworkImage(img.arch(), 0, img.cores(), img.inputs(),
                List.of(new Port("out", List.of(new PortEntry(new CoreId(0, 0, 0), 16)))), img.symbols());
        assertThatThrownBy(() -> ImageValidator.validate(badLine))
                .hasMessage("output port 'out': port[0].entry[0].neuron=16 is not one of the 16 neurons used by core (0,0,0)");
        NetworkImage badRange = new NetworkImage(img.arch(), 0, img.cores(), img.inputs(), img.outputs(),
                List.of(new Symbol("pop", 8, List.of(new Symbol.Range(new CoreId(0, 0, 0), 10, 8, 0)))));
        assertThatThrownBy(() -> ImageValidator.validate(badRange)).hasMessage(
                "symbol 'pop': symbol[0].range[0].neuronStart=10 + count=8 exceeds the 16 neurons used by core (0,0,0)");
        NetworkImage badName = new NetworkImage(img.arch(), 0, img.cores(), img.inputs(), img.outputs(),
                List.of(new Symbol("my pop", 0, List.of())));
        assertThatThrownBy(() -> ImageValidator.validate(badName)).hasMessage(
                "symbol 0: symbol[0].name='my\\x20pop' must be 1-255 printable ASCII characters without spaces");
    }

    @Test
    void theDatapathDecidesTheNeuronAndSynapseKinds() {
        NetworkImage tn = SampleImages.trueNorthOneCore();
        NetworkImage loihi = SampleImages.loihiSparse();
        NetworkImage mixed = new NetworkImage(tn.arch(), 0, List.of(loihi.cores().get(1)), List.of(), List.of(),
                List.of());
        assertThatThrownBy(() -> ImageValidator.validate(mixed)).hasMessage(
                "core (0,0,1): id=(0,0,1) is not on the 2x2x1 board of tiny");
        CoreImage l = loihi.cores().get(1);
        NetworkImage wrongKind = new NetworkImage(tn.arch(), 0, List.of(new CoreImage(new CoreId(0, 0, 0),
                l.axonType(), l.neurons(), l.synapses(), l.formats(), l.targets(), l.learning())), List.of(), List.of(),
                List.of());
        assertThatThrownBy(() -> ImageValidator.validate(wrongKind)).hasMessage(
                "core (0,0,0): neurons are Loihi compartments; datapath truenorth needs TrueNorth neurons");
    }

    @Test
    void headerFlagsAreReserved() {
        NetworkImage img = SampleImages.noCores();
        NetworkImage flagged = new NetworkImage(img.arch(), 4, img.cores(), img.inputs(), img.outputs(), img.symbols());
        assertThatThrownBy(() -> ImageValidator.validate(flagged)).hasMessage("image: flags=4 must be 0 (reserved)");
    }

    private static NetworkImage withCore(NetworkImage img, CoreImage c) {
        return new NetworkImage(img.arch(), img.flags(), List.of(c), img.inputs(), img.outputs(), img.symbols());
    }
}
