package dev.myelin.tests.compiler;

import dev.myelin.compiler.YamlFrontend;
import dev.myelin.isa.spi.CompiledNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A description whose neurons take their thresholds from a CSV file compiles and runs with
 * the spike counts derived by hand (compiler/per_neuron.yaml): one input line fires in ticks
 * 0..59 onto the four neurons of 'p' with 1 mV, and neuron k has threshold k + 1 mV, lowered
 * exactly (TrueNorth: 1 LSB = 1/255 mV, alpha = 255 (k + 1), weight 255; Loihi: vth << 6 =
 * (k + 1) 2^20, weight 128 << 13 = 2^20). A TrueNorth neuron fires when V >= alpha, so after
 * every k + 1 inputs: floor(60 / (k + 1)) = 60, 30, 20, 15 spikes. A Loihi neuron fires when
 * v > threshold, after k + 2 inputs: floor(60 / (k + 2)) = 30, 20, 15, 12. Both reset to 0.
 */
class PerNeuronParamsEndToEndTest {
    static final int TICKS = 80;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"truenorth, 60 30 20 15", "loihi, 30 20 15 12"})
    void thresholdsFromAnArrayGiveTheHandDerivedCounts(String arch, String expected) throws Exception {
        Path p = ChipMatchesReferenceTest.resource("per_neuron.yaml");
        CompiledNetwork cn = new YamlFrontend().compile(p, arch);
        // two neurons per core: the thresholds 1, 2 | 3, 4 mV share cores
        assertThat(cn.image().cores().stream().filter(c -> c.neuronCount() == 2).count()).isGreaterThanOrEqualTo(2);
        Map<String, TreeSet<Long>> spikes = ChipRun.run(cn, TICKS, 2);
        int[] count = new int[4];
        for (long s : spikes.get("p")) {
            count[(int) s]++;
        }
        String[] want = expected.split(" ");
        for (int k = 0; k < 4; k++) {
            assertThat(count[k]).as("spikes of neuron %d (threshold %d mV) on %s", k, k + 1, arch)
                    .isEqualTo(Integer.parseInt(want[k]));
        }
    }
}
