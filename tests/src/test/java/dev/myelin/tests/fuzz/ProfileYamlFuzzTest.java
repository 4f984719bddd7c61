package dev.myelin.tests.fuzz;

import dev.myelin.chip.energy.ProfileYaml;
import dev.myelin.chip.energy.Profiles;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Mutated energy profiles (from every built-in profile) give a located user error or a valid profile. */
class ProfileYamlFuzzTest {
    static final long SEED = 0xE4E5L;
    static final int CASES_PER_PROFILE = 340;

    @Test
    void mutatedProfilesNeverCrash() {
        Map<String, String> bases = new LinkedHashMap<>();
        Profiles.names().forEach(p -> bases.put(p, ProfileYaml.toYaml(Profiles.byName(p).orElseThrow())));
        FuzzCase f = FuzzCase.mutateEach(bases, SEED, CASES_PER_PROFILE, Pattern.compile("energy\\.yaml:\\d+:\\d+: "),
                "energy.yaml", text -> ProfileYaml.parse("energy.yaml", text));
        System.out.println(f.summary("energy profiles", SEED));
        assertThat(f.failures()).isEmpty();
        assertThat(f.userErrors()).isGreaterThan(40);
        assertThat(f.clean()).isGreaterThan(0);
    }
}
