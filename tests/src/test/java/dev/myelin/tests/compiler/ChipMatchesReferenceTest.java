package dev.myelin.tests.compiler;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.YamlFrontend;
import dev.myelin.isa.spi.CompiledNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compiled description gives the same spikes on the chip as the plain reference simulation
 * of the description ({@link DescriptionReference}), on both datapaths, for every population.
 */
class ChipMatchesReferenceTest {
    static final int TICKS = 300;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ChipMatchesReferenceTest.class.getResource("/compiler/" + name).toURI());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "layered.yaml, truenorth",
        "layered.yaml, loihi",
        "recurrent.yaml, truenorth",
        "recurrent.yaml, loihi",
        "cuba.yaml, loihi",
        "raw_truenorth.yaml, truenorth",
        "negative_threshold.yaml, truenorth",
        "raw_loihi.yaml, loihi",
        "receptors.yaml, loihi",
        "per_neuron.yaml, truenorth",
        "per_neuron.yaml, loihi",
        "conv_channels.yaml, truenorth",
        "conv_channels.yaml, loihi",
    })
    void sameSpikesOnChipAsReference(String file, String arch) throws Exception {
        Path p = resource(file);
        Compiler.Compilation c = Compiler.compileFile(p, arch);
        Map<String, TreeSet<Long>> ref = new DescriptionReference(c).run(TICKS);
        CompiledNetwork cn = new YamlFrontend().compile(p, arch);
        Map<String, TreeSet<Long>> chip = ChipRun.run(cn, TICKS, 2);
        long total = 0;
        for (var probe : cn.probes()) {
            TreeSet<Long> want = ref.get(probe.population());
            TreeSet<Long> got = chip.getOrDefault(probe.population(), new TreeSet<>());
            assertThat(got).as("spikes of %s (tick << 32 | neuron)", probe.population()).isEqualTo(want);
            total += want.size();
        }
        assertThat(total).as("the network is active").isGreaterThan(50);
    }
}
