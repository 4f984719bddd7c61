package dev.myelin.tests.learn;

import dev.myelin.chip.learn.LearningCore;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.compiler.YamlFrontend;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.spi.CompiledNetwork;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pattern-learning sample: the detector learns the pattern's start (expect.yaml, pattern_learning). */
class PatternLearningSampleTest {
    @Test
    @SuppressWarnings("unchecked")
    void theDetectorLearnsTheStartOfThePattern() throws Exception {
        var dir = StdpPairSampleTest.sample("pattern-learning");
        Map<String, Object> expect = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(dir.resolve("expect.yaml")));
        Map<String, Object> p = (Map<String, Object>) expect.get("pattern_learning");
        int ticks = ((Number) expect.get("ticks")).intValue();
        int period = num(p, "period");
        int window = num(p, "window");
        CompiledNetwork cn = new YamlFrontend().compile(dir.resolve("net.yaml"), null);
        List<Long> spikes = new ArrayList<>();
        double[] pattern = new double[20];
        double[] noise = new double[20];
        try (Chip chip = Chip.load(cn.image(), ChipOptions.defaults().withThreads(2))) {
            StdpPairSampleTest.inject(chip, cn, ticks);
            chip.addOutputListener((port, line, tick) -> spikes.add(tick));
            chip.run(ticks);
            weights(chip, cn, "pattern", pattern);
            weights(chip, cn, "noise", noise);
        }
        List<Integer> early = (List<Integer>) p.get("early_afferents");
        double earlyMean = 0;
        double lateMean = 0;
        for (int i = 0; i < 20; i++) {
            if (early.contains(i)) {
                earlyMean += pattern[i] / early.size();
            } else {
                lateMean += pattern[i] / (20 - early.size());
            }
        }
        double noiseMean = java.util.Arrays.stream(noise).average().orElseThrow();
        assertThat(earlyMean).as("early pattern afferents").isGreaterThanOrEqualTo(num(p, "early_mean_at_least"));
        assertThat(lateMean).as("late pattern afferents").isLessThanOrEqualTo(num(p, "late_mean_at_most"));
        assertThat(noiseMean).as("noise afferents").isLessThanOrEqualTo(num(p, "noise_mean_at_most"));

        int last = num(p, "last_ticks");
        List<Long> late = spikes.stream().filter(t -> t >= ticks - last).toList();
        assertThat(late).as("every spike of the last %d ticks inside a pattern window", last)
                .allMatch(t -> t % period < window);
        assertThat(late.stream().map(t -> t / period).distinct().count()).as("patterns detected")
                .isGreaterThanOrEqualTo(num(p, "detected_at_least"));
        assertThat(median(late, period)).as("median latency at the end")
                .isLessThanOrEqualTo(num(p, "median_latency_at_most"));
        List<Long> first = spikes.stream().filter(t -> t < 1000).toList();
        assertThat(median(first, period)).as("median latency in the first second")
                .isGreaterThanOrEqualTo(num(p, "first_median_latency_at_least"));
    }

    /** The learned weight (raw units) of the synapse each line of input {@code port} drives. */
    private static void weights(Chip chip, CompiledNetwork cn, String port, double[] out) {
        Port in = cn.image().inputs().stream().filter(q -> q.name().equals(port)).findFirst().orElseThrow();
        for (int line = 0; line < out.length; line++) {
            PortEntry e = in.entries().get(line);
            LearningCore l = chip.learning(chip.layout().indexOf(e.core()));
            int k = l.rowStart(e.index());
            out[line] = l.weight(k) / (double) (1 << l.config().weightFrac());
        }
    }

    private static long median(List<Long> ticks, int period) {
        List<Long> lat = ticks.stream().map(t -> t % period).sorted().toList();
        assertThat(lat).isNotEmpty();
        return lat.get(lat.size() / 2);
    }

    private static int num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).intValue();
    }
}
