package dev.myelin.tests.fuzz;

import dev.myelin.isa.arch.ArchYaml;
import dev.myelin.isa.arch.Presets;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Mutated architecture files (from every preset) give a located user error or a valid architecture. */
class ArchYamlFuzzTest {
    static final long SEED = 0xA4C4L;
    static final int CASES_PER_PRESET = 250;

    @Test
    void mutatedArchitecturesNeverCrash() {
        Map<String, String> bases = new LinkedHashMap<>();
        Presets.names().forEach(p -> bases.put(p, ArchYaml.toYaml(Presets.require(p))));
        FuzzCase f = FuzzCase.mutateEach(bases, SEED, CASES_PER_PRESET, Pattern.compile("arch\\.yaml:\\d+:\\d+: "),
                "arch.yaml", text -> ArchYaml.parse("arch.yaml", text));
        System.out.println(f.summary("architectures", SEED));
        assertThat(f.failures()).isEmpty();
        // the mutations must reach both outcomes, or the fuzzer is not exercising the reader
        assertThat(f.userErrors()).isGreaterThan(40);
        assertThat(f.clean()).isGreaterThan(0);
    }
}
