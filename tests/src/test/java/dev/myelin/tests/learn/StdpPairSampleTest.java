package dev.myelin.tests.learn;

import dev.myelin.chip.learn.LearningCore;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.compiler.YamlFrontend;
import dev.myelin.isa.spi.CompiledNetwork;
import dev.myelin.isa.spi.Stimulus;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The stdp-pair sample reproduces its table of weights after each pairing (expect.yaml, stdp_table). */
class StdpPairSampleTest {
    static Path sample(String name) {
        return dev.myelin.tests.Samples.of(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> table() throws Exception {
        Map<String, Object> expect = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(sample("stdp-pair").resolve("expect.yaml")));
        return (Map<String, Object>) expect.get("stdp_table");
    }

    /**
     * The expected weights follow from the pair rule of the table's parameters: each is the
     * previous (as the table prints it, to 4 decimals) plus the pair's change, rounded to 4 decimals.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theTableIsThePairRule() throws Exception {
        Map<String, Object> t = table();
        double w = num(t, "w0");
        double tau = num(t, "tau_ms");
        List<List<Number>> pairs = (List<List<Number>>) t.get("pairs");
        List<Number> weights = (List<Number>) t.get("weights");
        for (int k = 0; k < pairs.size(); k++) {
            double dt = pairs.get(k).get(1).doubleValue() - pairs.get(k).get(0).doubleValue();
            double dw = dt > 0 ? num(t, "a_plus") * Math.exp(-dt / tau) : dt < 0 ? -num(t, "a_minus") * Math.exp(dt / tau) : 0;
            w = Math.max(0, Math.min(1, w + dw));
            assertThat(weights.get(k).doubleValue()).as("pair %d", k).isCloseTo(w, within(5e-5));
            w = weights.get(k).doubleValue();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theChipReproducesTheTableWithinOneWeightStep() throws Exception {
        Map<String, Object> t = table();
        double scale = num(t, "scale");
        int spacing = ((Number) t.get("spacing")).intValue();
        List<Number> weights = (List<Number>) t.get("weights");
        CompiledNetwork cn = new YamlFrontend().compile(sample("stdp-pair").resolve("net.yaml"), null);
        for (int threads : new int[] {1, 2}) {
            try (Chip chip = Chip.load(cn.image(), ChipOptions.defaults().withThreads(threads))) {
                inject(chip, cn, spacing * weights.size());
                LearningCore l = chip.learning(0);
                int frac = l.config().weightFrac();
                assertThat(l.weight(0) / scale / (1 << frac)).isEqualTo(0.5);
                for (int k = 0; k < weights.size(); k++) {
                    chip.run(spacing);
                    double w = l.weight(0) / scale / (1 << frac);
                    assertThat(w).as("weight after pair %d (%d threads)", k, threads)
                            .isCloseTo(weights.get(k).doubleValue(), within(1 / scale));
                }
            }
        }
    }

    static void inject(Chip chip, CompiledNetwork cn, int ticks) {
        int[] lines = new int[16];
        for (Stimulus s : cn.stimuli()) {
            for (int tick = 0; tick < ticks; tick++) {
                int n = s.activeLines(tick, lines);
                for (int i = 0; i < n; i++) {
                    chip.inject(s.port(), lines[i], tick);
                }
            }
        }
    }

    static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
