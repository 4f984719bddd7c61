package dev.myelin.tests.golden;

import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.tests.reference.LoihiReferenceCore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference model itself against Lava's golden traces: checks the model the conformance
 * tests trust. Lava step t is the reference's t-th step; the source's raster column t-2
 * (emitted at step t-1) is active at step t.
 */
class LoihiGoldenReferenceTest {
    @Test
    void goldenCasesAreThere() {
        assertThat(LoihiGoldenCase.load()).extracting(LoihiGoldenCase::name)
                .contains("c1_subthreshold", "c3_bias_driven");
    }

    @Test
    void effectiveWeightsMatchLava() {
        for (LoihiGoldenCase c : LoihiGoldenCase.load()) {
            SynapseFormat f = LoihiGoldenImages.format(c);
            for (int j = 0; j < c.neurons(); j++) {
                for (int i = 0; i < c.inputs(); i++) {
                    assertThat(LoihiReferenceCore.effectiveWeight(c.weights()[j][i], f))
                            .as("%s w[%d][%d]", c.name(), j, i).isEqualTo(c.effective()[j][i]);
                }
            }
        }
    }

    @Test
    void referenceReproducesEveryStep() {
        for (LoihiGoldenCase c : LoihiGoldenCase.load()) {
            CoreImage core = LoihiGoldenImages.core(c);
            LoihiReferenceCore ref = new LoihiReferenceCore(core);
            List<List<Integer>> spikeSteps = new ArrayList<>();
            for (int j = 0; j < c.neurons(); j++) {
                spikeSteps.add(new ArrayList<>());
            }
            for (int t = 1; t <= c.steps(); t++) {
                boolean[] active = new boolean[c.inputs()];
                for (int i = 0; i < c.inputs(); i++) {
                    active[i] = t >= 2 && c.raster()[i][t - 2] != 0;
                }
                boolean[] s = ref.step(active);
                for (int j = 0; j < c.neurons(); j++) {
                    String at = c.name() + " step " + t + " neuron " + j;
                    assertThat(ref.aIn(j)).as(at + " a_in").isEqualTo(c.aIn()[t - 1][j]);
                    assertThat(ref.u(j)).as(at + " u").isEqualTo(c.u()[t - 1][j]);
                    assertThat(ref.v(j)).as(at + " v").isEqualTo(c.v()[t - 1][j]);
                    assertThat(s[j]).as(at + " s").isEqualTo(c.spiked()[t - 1][j]);
                    if (s[j]) {
                        spikeSteps.get(j).add(t);
                    }
                }
            }
            assertThat(spikeSteps).as(c.name() + " spike steps").isEqualTo(c.spikeSteps());
        }
    }
}
