package dev.myelin.chip.sim;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.testing.TnNet;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.Symbol;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tick engine's timing, merging, counting, late policy and boundary checks. */
class ChipTest {

    /** Core 0 relays input axon 0 through neuron 0 to axon 0 of core 1 with delay d; core 1 neuron 0 fires on it. */
    private static TnNet relay(int d) {
        TnNet net = new TnNet();
        TnNet.TnCore a = net.core(0, 2, 2);
        TnNet.TnCore b = net.core(1, 1, 1);
        for (TnNet.TnCore c : new TnNet.TnCore[] {a, b}) {
            c.p.alpha()[0] = 1;
            c.p.weights()[0] = 1;
            c.connect(0, 0, 0);
        }
        a.target(0, 1, 0, d);
        net.input("in", a.id, 0).output("out", b.id, 0).output("relay", a.id, 0);
        return net;
    }

    @Test
    void aSpikeFiredInTickTWithDelayDIsActiveInTickTPlusD() {
        for (int d : new int[] {1, 7, 15}) {
            try (Chip chip = Chip.load(relay(d).image(), ChipOptions.defaults())) {
                chip.inject("in", 0, 3);
                chip.run(3 + d + 2);
                assertThat(chip.outputSpikes()).containsExactly(
                        new OutputSpike("relay", 0, 3), new OutputSpike("out", 0, 3 + d));
            }
        }
    }

    @Test
    void sameTickSpikesOnOneAxonMergeIntoOneEvent() {
        TnNet net = relay(2);
        TnNet.TnCore a = net.cores.get(0);
        a.p.alpha()[1] = 1;
        a.p.weights()[4] = 1;
        a.connect(0, 0, 1).target(1, 1, 0, 2);
        try (Chip chip = Chip.load(net.image(), ChipOptions.defaults())) {
            chip.inject("in", 0, 0);
            chip.injectRaw(a.id, 0, 0);
            chip.run(4);
            CounterSet k = chip.counters();
            assertThat(k.get(0, Counter.SPIKES_INJECTED)).isEqualTo(2);
            assertThat(k.get(0, Counter.SPIKES_MERGED)).isEqualTo(1);
            assertThat(k.get(0, Counter.AXON_EVENTS)).isEqualTo(1);
            assertThat(k.get(0, Counter.SYNAPTIC_EVENTS)).isEqualTo(2);
            assertThat(k.get(0, Counter.NEURONS_FIRED)).isEqualTo(2);
            assertThat(k.get(0, Counter.SPIKES_OUT)).isEqualTo(2);
            assertThat(k.get(1, Counter.SPIKES_IN)).isEqualTo(2);
            assertThat(k.get(1, Counter.SPIKES_MERGED)).isEqualTo(1);
            assertThat(k.get(1, Counter.AXON_EVENTS)).isEqualTo(1);
            assertThat(k.get(1, Counter.NEURONS_FIRED)).isEqualTo(1);
            // the merged event waits in core 1's buffer at the end of ticks 0 and 1
            assertThat(k.get(1, Counter.DELAY_OCCUPANCY_SUM)).isEqualTo(2);
            assertThat(k.get(1, Counter.DELAY_OCCUPANCY_MAX)).isEqualTo(1);
        }
    }

    @Test
    void idleCoresAreSkippedAndCountedAsInactiveUpdates() {
        try (Chip chip = Chip.load(relay(1).image(), ChipOptions.defaults())) {
            chip.inject("in", 0, 5);
            chip.run(10);
            CounterSet k = chip.counters();
            // core 0 works in tick 5 only, core 1 in tick 6 only
            assertThat(k.get(0, Counter.TICKS_STEPPED)).isEqualTo(1);
            assertThat(k.get(0, Counter.TICKS_SKIPPED)).isEqualTo(9);
            assertThat(k.get(1, Counter.TICKS_STEPPED)).isEqualTo(1);
            assertThat(k.get(0, Counter.NEURON_UPDATES_ACTIVE) + k.get(0, Counter.NEURON_UPDATES_INACTIVE))
                    .isEqualTo(2 * 10);
            assertThat(k.get(0, Counter.NEURON_UPDATES_ACTIVE)).isEqualTo(1);
            assertThat(k.total(Counter.NEURON_UPDATES_INACTIVE)).isEqualTo(2 * 10 + 10 - 2);
        }
    }


    @Test
    void lateSpikesAreDeliveredAfterArrivalOrDroppedByPolicy() {
        try (Chip chip = Chip.load(relay(2).latePolicy("deliver-late").image(),
                ChipOptions.defaults().withNetwork(ChipTestNetworks.LATE))) {
            chip.inject("in", 0, 0);
            chip.run(6);
            // due in tick 2, arrives during tick 2, delivered in tick 3
            assertThat(chip.outputSpikes()).contains(new OutputSpike("out", 0, 3));
            assertThat(chip.counters().get(1, Counter.SPIKES_LATE)).isEqualTo(1);
            assertThat(chip.counters().get(1, Counter.SPIKES_DROPPED)).isZero();
        }
        try (Chip chip = Chip.load(relay(2).latePolicy("drop").image(), ChipOptions.defaults().withNetwork(ChipTestNetworks.LATE))) {
            chip.inject("in", 0, 0);
            chip.run(6);
            assertThat(chip.outputSpikes()).containsExactly(new OutputSpike("relay", 0, 0));
            assertThat(chip.counters().get(1, Counter.SPIKES_LATE)).isEqualTo(1);
            assertThat(chip.counters().get(1, Counter.SPIKES_DROPPED)).isEqualTo(1);
        }
    }

    @Test
    void boundaryMisuseIsAUserErrorNamingTheValue() {
        try (Chip chip = Chip.load(relay(1).image(), ChipOptions.defaults())) {
            assertThatThrownBy(() -> chip.inject("nope", 0, 0)).isInstanceOf(MyelinInputException.class)
                    .hasMessageContaining("no input port named 'nope'");
            assertThatThrownBy(() -> chip.inject("in", 1, 0)).isInstanceOf(MyelinInputException.class)
                    .hasMessageContaining("line 1 is out of range [0, 0]");
            assertThatThrownBy(() -> chip.injectRaw(new CoreId(0, 0, 0), 2, 0))
                    .hasMessageContaining("axon = 2 is out of range [0, 1]");
            assertThatThrownBy(() -> chip.injectRaw(new CoreId(5, 0, 0), 0, 0))
                    .hasMessageContaining("core (5,0,0) is not in the image");
            assertThatThrownBy(() -> chip.probe("pop", 0)).hasMessageContaining("no population named 'pop'");
            chip.run(2);
            assertThatThrownBy(() -> chip.inject("in", 0, 1)).hasMessageContaining("tick 1 has already run");
        }
    }

    /** A population index the symbol table does not place is named as such, not as out of its range. */
    @Test
    void probingAnIndexNoRangePlacesSaysSo() {
        TnNet net = relay(1);
        CoreId a = net.cores.get(0).id;
        net.symbols.add(new Symbol("pop", 4, List.of(new Symbol.Range(a, 0, 2, 0))));
        try (Chip chip = Chip.load(net.image(), ChipOptions.defaults())) {
            assertThat(chip.probe("pop", 1)).isNotNull();
            assertThatThrownBy(() -> chip.probe("pop", 3)).isInstanceOf(MyelinInputException.class)
                    .hasMessage("probe: index 3 of population 'pop' is not placed on any neuron "
                            + "(the symbol table places 0..1)");
            assertThatThrownBy(() -> chip.probe("pop", 4)).isInstanceOf(MyelinInputException.class)
                    .hasMessage("probe: index 4 is out of range [0, 3] of population 'pop'");
        }
    }

    @Test
    void aTargetOutsideTheImageIsRejectedAtLoad() {
        TnNet net = relay(1);
        net.cores.get(0).target(1, 3, 0, 1);
        assertThatThrownBy(() -> Chip.load(net.image(), ChipOptions.defaults()))
                .isInstanceOf(MyelinInputException.class)
                .hasMessageContaining("core (0,0,0): neuron[1].target[0]")
                .hasMessageContaining("lands on core (3,0,0), which is not in the image");
        TnNet far = relay(16);
        assertThatThrownBy(() -> Chip.load(far.image(), ChipOptions.defaults()))
                .hasMessage("core (0,0,0): neuron[0].target[0].delay=16 is out of range [1, 15]");
    }

    @Test
    void badNeuronParametersAreRejectedAtLoad() {
        TnNet net = relay(1);
        net.cores.get(1).p.thresholdMaskBits()[0] = 9;
        assertThatThrownBy(() -> Chip.load(net.image(), ChipOptions.defaults()))
                .isInstanceOf(MyelinInputException.class)
                .hasMessage("core (1,0,0): neuron[0].thresholdMaskBits=9 is out of range [0, 8]");
    }

    @Test
    void theNetworkSeesEachTicksPacketsAndOperationCounts() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        SpikeNetwork.Factory spy = layout -> (tick, spikes, sink) -> {
            for (int c = 0; c < spikes.cores(); c++) {
                for (int k = 0; k < spikes.packets(c); k++) {
                    seen.add(tick + ": " + layout.core(c) + " n" + spikes.sourceNeuron(c, k) + " -> "
                            + layout.core(spikes.targetCore(c, k)) + " a" + spikes.targetAxon(c, k)
                            + " d" + spikes.delay(c, k) + " syn " + spikes.tickCounters().get(c, Counter.SYNAPTIC_EVENTS));
                }
            }
            DirectNetwork.FACTORY.create(layout).route(tick, spikes, sink);
        };
        try (Chip chip = Chip.load(relay(3).image(), ChipOptions.defaults().withNetwork(spy))) {
            chip.inject("in", 0, 1);
            chip.run(2);
            assertThat(seen).containsExactly("1: (0,0,0) n0 -> (1,0,0) a0 d3 syn 1");
            assertThat(chip.lastTickCounters().get(0, Counter.SPIKES_OUT)).isEqualTo(1);
            assertThat(chip.lastTickCounters().get(1, Counter.SPIKES_IN)).isEqualTo(1);
            chip.step();
            // the last tick alone: nothing happened in tick 2
            assertThat(chip.lastTickCounters().get(0, Counter.SPIKES_OUT)).isZero();
            assertThat(chip.counters().get(0, Counter.SPIKES_OUT)).isEqualTo(1);
        }
    }

    @Test
    void aClearedProbeForgetsWhatItStreamedAndGoesOnFromTheNextTick() {
        // tonic neuron (truenorth.md): lambda +1, alpha 10, V0 0 -> V after tick t is t + 1, reset to 0 in tick 9
        TnNet net = new TnNet();
        TnNet.TnCore a = net.core(0, 1, 1);
        a.p.leak()[0] = 1;
        a.p.alpha()[0] = 10;
        try (Chip chip = Chip.load(net.image(), ChipOptions.defaults())) {
            Probe p = chip.probeRaw(a.id, 0);
            chip.run(4);
            assertThat(p.vTrace()).containsExactly(1, 2, 3, 4);
            p.clear();
            assertThat(p.ticks()).isZero();
            assertThat(p.firstTick()).isEqualTo(4);
            chip.run(6);
            assertThat(p.firstTick()).isEqualTo(4);
            assertThat(p.vTrace()).containsExactly(5, 6, 7, 8, 9, 0);
        }
    }
}
