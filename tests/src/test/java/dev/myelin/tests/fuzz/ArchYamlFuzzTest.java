package dev.myelin.tests.fuzz;

import dev.myelin.isa.arch.ArchYaml;
import dev.myelin.isa.arch.Presets;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Mutated architecture files (from every preset) give a located user error or a valid architecture. */
class ArchYamlFuzzTest {
    static final long SEED = 0xA4C4L;
    static final int CASES_PER_PRESET = 150;

    @Test
    void mutatedArchitecturesNeverCrash() {
        FuzzCase f = new FuzzCase();
        Pattern located = Pattern.compile("arch\\.yaml:\\d+:\\d+: ");
        for (String preset : Presets.names()) {
            String base = ArchYaml.toYaml(Presets.require(preset));
            Random r = new Random(SEED ^ preset.hashCode());
            for (int i = 0; i < CASES_PER_PRESET; i++) {
                String text = Mutator.mutate(base, r);
                f.check(preset + " case " + i, located, () -> ArchYaml.parse("arch.yaml", text));
            }
        }
        assertThat(f.failures()).isEmpty();
        // the mutations must reach both outcomes, or the fuzzer is not exercising the reader
        assertThat(f.userErrors()).isGreaterThan(40);
        assertThat(f.clean()).isGreaterThan(0);
    }
}
