package dev.myelin.tests.fuzz;

import dev.myelin.chip.energy.ProfileYaml;
import dev.myelin.chip.energy.Profiles;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Mutated energy profiles (from every built-in profile) give a located user error or a valid profile. */
class ProfileYamlFuzzTest {
    static final long SEED = 0xE4E5L;
    static final int CASES_PER_PROFILE = 150;

    @Test
    void mutatedProfilesNeverCrash() {
        FuzzCase f = new FuzzCase();
        Pattern located = Pattern.compile("energy\\.yaml:\\d+:\\d+: ");
        for (String name : Profiles.names()) {
            String base = ProfileYaml.toYaml(Profiles.byName(name).orElseThrow());
            Random r = new Random(SEED ^ name.hashCode());
            for (int i = 0; i < CASES_PER_PROFILE; i++) {
                String text = Mutator.mutate(base, r);
                f.check(name + " case " + i, located, () -> ProfileYaml.parse("energy.yaml", text));
            }
        }
        assertThat(f.failures()).isEmpty();
        assertThat(f.userErrors()).isGreaterThan(40);
        assertThat(f.clean()).isGreaterThan(0);
    }
}
