package dev.myelin.isa.arch;

import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchYamlTest {
    @Test
    void everyPresetRoundTripsThroughItsPrintedYaml() {
        for (String name : Presets.names()) {
            Architecture a = Presets.require(name);
            assertThat(ArchYaml.parse(name + ".yaml", ArchYaml.toYaml(a))).isEqualTo(a);
        }
    }

    @Test
    void truenorthPresetHasTheChipsGeometry() {
        Architecture tn = Presets.require("truenorth");
        assertThat(tn.totalCores()).isEqualTo(64 * 64);
        assertThat(tn.totalNeurons()).isEqualTo(1L << 20);
        assertThat(tn.maxDelay()).isEqualTo(15);
    }

    @Test
    void loihiBarrierIsLinearBetweenOneAndThirtyTwoTiles() {
        Architecture l = Presets.require("loihi");
        assertThat(l.barrierNs(1)).isEqualTo(113.0);
        assertThat(l.barrierNs(32)).isCloseTo(465.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void booksimPresetReproducesBookSimsZeroLoadLatency() {
        Architecture b = Presets.require("booksim");
        assertThat(b.meshWidth()).isEqualTo(8);
        assertThat(b.meshHeight()).isEqualTo(8);
        assertThat(b.coresPerRouter()).isEqualTo(1);
        assertThat(b.linkFifoDepth()).isEqualTo(8);
        assertThat(b.hopCyclesEW()).isEqualTo(3);
        assertThat(b.hopCyclesNS()).isEqualTo(3);
        assertThat(b.injectionCycles()).isEqualTo(2);
        // BookSim (noc.md): T0(H) = 2 + (H + 1)(P + 1) with a P = 2 cycle router, for every H on 8 x 8
        for (int h = 0; h <= 14; h++) {
            assertThat(b.injectionCycles() + h * b.hopCyclesEW() + b.ejectionCycles()).isEqualTo(2 + (h + 1) * 3);
        }
    }

    @Test
    void outOfRangeValueNamesLineColumnFieldValueAndRange() {
        String yaml = "extends: tiny\ncore:\n  neurons: 0\n";
        assertThatThrownBy(() -> ArchYaml.parse("my.yaml", yaml))
                .isInstanceOf(MyelinInputException.class)
                .hasMessage("my.yaml:3:12: field core.neurons = 0 is out of range [1, 65536] neurons");
    }

    @Test
    void unknownFieldSuggestsTheClosestKey() {
        String yaml = "extends: tiny\ncore:\n  neuron: 8\n";
        assertThatThrownBy(() -> ArchYaml.parse("my.yaml", yaml))
                .hasMessage("my.yaml:3:3: unknown field core.neuron (did you mean 'core.neurons'?)");
    }

    @Test
    void truenorthDatapathRejectsMoreThanFourAxonTypes() {
        String yaml = "extends: truenorth\ncore:\n  axonTypes: 5\n";
        assertThatThrownBy(() -> ArchYaml.parse("my.yaml", yaml))
                .hasMessage("my.yaml:3:14: field core.axonTypes = 5 is out of range [1, 4] for datapath truenorth"
                        + " (4 weights per neuron)");
    }

    @Test
    void aRuleBetweenFieldsIsLocatedAtTheFieldTheFileSets() {
        // the axon types come from loihi; the datapath line is what broke the rule
        assertThatThrownBy(() -> ArchYaml.parse("my.yaml", "extends: loihi\nname: x\ndatapath: truenorth\n"))
                .hasMessageStartingWith("my.yaml:3:11: field core.axonTypes = 16 is out of range [1, 4]");
        assertThatThrownBy(() -> ArchYaml.parse("my.yaml", "extends: truenorth\ncore:\n  axons: 512\n"))
                .hasMessage("my.yaml:3:10: field core.maxFanIn = 256 is smaller than core.axons = 512");
        assertThatThrownBy(() -> ArchYaml.parse("my.yaml", "extends: truenorth\ncore:\n  axons: 512\n  maxFanIn: 300\n"))
                .hasMessage("my.yaml:4:13: field core.maxFanIn = 300 is smaller than core.axons = 512");
        assertThatThrownBy(() -> ArchYaml.parse("my.yaml", "extends: loihi\nmesh:\n  routersX: 4096\n  routersY: 4096\n"))
                .hasMessage("my.yaml:3:13: the board has 67108864 cores; at most 16777216 are supported");
    }

    @Test
    void missingFieldWithoutExtendsIsReported() {
        assertThatThrownBy(() -> ArchYaml.parse("my.yaml", "name: x\n"))
                .hasMessageStartingWith("my.yaml:1:1: field datapath is missing");
    }
}
