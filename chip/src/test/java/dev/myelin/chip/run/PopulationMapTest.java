package dev.myelin.chip.run;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.testing.RunSample;
import dev.myelin.chip.testing.TnNet;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Symbol;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which cores a run may count per population at once: those whose neurons all share one population (or none). */
class PopulationMapTest {
    private static PopulationMap map(NetworkImage image) {
        try (Chip chip = Chip.load(image, ChipOptions.defaults())) {
            return new PopulationMap(image, chip.layout());
        }
    }

    @Test
    void aCoreOfOnePopulationIsCountedWhole() {
        // RunSample: core 0 holds src[0..1] (both its neurons), core 1 holds dst[0] (its one neuron)
        NetworkImage image = RunSample.image();
        PopulationMap m = map(image);
        assertThat(m.names()).containsExactly("src", "dst");
        assertThat(m.corePopulation(0)).isZero();
        assertThat(m.corePopulation(1)).isEqualTo(1);
    }

    @Test
    void aCoreSplitBetweenPopulationsOrPartlyUnnamedIsLookedUpPerNeuron() {
        TnNet net = new TnNet();
        net.core(0, 1, 3);
        net.core(1, 1, 2);
        net.core(2, 1, 2);
        // core 0: a[0] on neuron 0, b[0] on neuron 1, neuron 2 unnamed; core 1: neuron 1 of a alone; core 2: none
        net.symbols.add(new Symbol("a", 2, List.of(new Symbol.Range(new CoreId(0, 0, 0), 0, 1, 0),
                new Symbol.Range(new CoreId(1, 0, 0), 1, 1, 1))));
        net.symbols.add(new Symbol("b", 1, List.of(new Symbol.Range(new CoreId(0, 0, 0), 1, 1, 0))));
        NetworkImage image = net.image();
        PopulationMap m = map(image);
        assertThat(m.corePopulation(0)).isEqualTo(PopulationMap.MIXED);
        assertThat(m.corePopulation(1)).isEqualTo(PopulationMap.MIXED);  // neuron 0 unnamed, neuron 1 a's
        assertThat(m.corePopulation(2)).isEqualTo(-1);                   // no neuron in a population
        assertThat(m.population(1, 1)).isZero();
        assertThat(m.population(1, 0)).isEqualTo(-1);
    }
}
