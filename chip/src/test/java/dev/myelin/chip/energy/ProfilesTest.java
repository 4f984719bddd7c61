package dev.myelin.chip.energy;

import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;

import static dev.myelin.chip.energy.EnergyParam.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProfilesTest {
    @Test
    void shippedProfilesCarryTheValuesOfTheirSources() {
        EnergyProfile d = Profiles.resolve("loihi-davies2018");
        assertThat(d.get(SYNAPSE_DENSE_PJ)).isEqualTo(23.6);
        // active neuron update 81 pJ / 8.4 ns = access + update
        assertThat(d.get(SOMA_ACCESS_PJ) + d.get(SOMA_UPDATE_PJ)).isCloseTo(81, within(1e-12));
        assertThat(d.get(SOMA_ACCESS_NS) + d.get(SOMA_UPDATE_NS)).isCloseTo(8.4, within(1e-12));
        assertThat(d.get(HOP_NS_PJ)).isEqualTo(4.0);
        assertThat(d.sync().ns(32)).isEqualTo(465);
        assertThat(d.label()).isEqualTo("Loihi, pre-silicon estimate (Davies 2018, 0.75 V)");

        EnergyProfile c = Profiles.resolve("loihi-calibrated");
        assertThat(c.get(AXON_OUT_PJ)).isEqualTo(111);
        assertThat(c.get(HOP_NS_PJ)).isEqualTo(4.2);
        assertThat(c.sync().ns(1)).isEqualTo(600);
        assertThat(c.sync().ns(3)).isEqualTo(1000);
        assertThat(c.sync().ns(28)).isEqualTo(1400);
        assertThat(c.sync().ns(29)).isEqualTo(1800);
        assertThat(c.sync().ns(128)).isEqualTo(1800);

        EnergyProfile t = Profiles.resolve("truenorth");
        assertThat(t.label()).contains("estimate");
        assertThat(t.notes().get(STATIC_CORE_MW)).contains("estimate");
    }

    @Test
    void unknownNameIsAUserError() {
        assertThatThrownBy(() -> Profiles.resolve("loihi2"))
                .isInstanceOf(MyelinInputException.class).hasMessageContaining("loihi-davies2018");
    }

    @Test
    void yamlRoundTripGivesAnEqualProfile() {
        for (String n : Profiles.names()) {
            EnergyProfile p = Profiles.resolve(n);
            assertThat(ProfileYaml.parse("x.yaml", ProfileYaml.toYaml(p)).values()).containsExactly(p.values());
            assertThat(ProfileYaml.parse("x.yaml", ProfileYaml.toYaml(p)).sync()).isEqualTo(p.sync());
        }
    }

    @Test
    void extendsOverridesSelectedValues() {
        EnergyProfile p = ProfileYaml.parse("mine.yaml", """
                name: mine
                extends: loihi-calibrated
                synapse:
                  denseEventPj: 30
                static:
                  coreMw: 0.5
                sync:
                  1: 100
                """);
        assertThat(p.get(SYNAPSE_DENSE_PJ)).isEqualTo(30);
        assertThat(p.get(STATIC_CORE_MW)).isEqualTo(0.5);
        assertThat(p.get(AXON_OUT_PJ)).isEqualTo(111);
        assertThat(p.sync().ns(7)).isEqualTo(100);
        assertThat(p.label()).contains("loihi-calibrated");
    }

    @Test
    void errorsNameFileLineAndColumn() {
        assertThatThrownBy(() -> ProfileYaml.parse("p.yaml", "name: x\nextends: truenorth\nsynapse:\n  denseEventPJ: 3\n"))
                .isInstanceOf(MyelinInputException.class)
                .hasMessageStartingWith("p.yaml:4:3: unknown field synapse.denseEventPJ")
                .hasMessageContaining("did you mean 'synapse.denseEventPj'");
        assertThatThrownBy(() -> ProfileYaml.parse("p.yaml", "name: x\nextends: truenorth\nsoma:\n  accessPj: -1\n"))
                .hasMessageStartingWith("p.yaml:4:13: field soma.accessPj = -1 must be a finite number >= 0");
        assertThatThrownBy(() -> ProfileYaml.parse("p.yaml", "name: x\nsoma:\n  accessPj: 1\n"))
                .hasMessageStartingWith("p.yaml:1:1: field synapse.denseEventPj is missing");
        assertThatThrownBy(() -> ProfileYaml.parse("p.yaml", "name: x\nextends: truenorth\nsync:\n  4: 1\n  2: 3\n"))
                .hasMessageStartingWith("p.yaml:5:3: sync key 2");
        assertThatThrownBy(() -> ProfileYaml.parse("p.yaml", "name: [x\n"))
                .hasMessageStartingWith("p.yaml:").hasMessageContaining("YAML syntax error");
    }
}
