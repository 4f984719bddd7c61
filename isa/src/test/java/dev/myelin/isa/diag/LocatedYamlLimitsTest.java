package dev.myelin.isa.diag;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parser's bounds end in located user errors, never in a StackOverflowError or an unlocated message. */
class LocatedYamlLimitsTest {
    @Test
    void deepNestingIsALocatedErrorNotAStackOverflow() {
        int depth = 100_000;
        String text = "a: " + "[".repeat(depth) + "1" + "]".repeat(depth) + "\n";
        // "a: " is columns 1-3; the mapping is level 1 and the k-th '[' is level 1 + k at column 3 + k,
        // so the first one too deep (level 65, k = 64) is column 67
        assertThatThrownBy(() -> LocatedYaml.compose("f.yaml", text, "test", 1 << 20, 10))
                .isInstanceOf(LocatedYaml.SyntaxError.class)
                .hasMessage("f.yaml:1:67: YAML nested deeper than 64 levels");
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        // the mapping is level 1, so 63 sequences inside it reach level 64
        String text = "a: " + "[".repeat(63) + "1" + "]".repeat(63) + "\n";
        assertThat(LocatedYaml.compose("f.yaml", text, "test", 1 << 20, 10)).isNotNull();
    }

    @Test
    void tooManyAliasesNamesALine() {
        String text = "a: &a [x]\nb: [*a, *a, *a]\n";
        assertThatThrownBy(() -> LocatedYaml.compose("f.yaml", text, "test", 1 << 20, 2))
                .isInstanceOf(MyelinInputException.class)
                .hasMessageStartingWith("f.yaml:2:")
                .hasMessageContaining("Number of aliases");
    }

    @Test
    void nonPrintableCharacterNamesALine() {
        String text = "a: 1\nb: x\u0001y\n";
        assertThatThrownBy(() -> LocatedYaml.compose("f.yaml", text, "test", 1 << 20, 2))
                .isInstanceOf(MyelinInputException.class)
                .message().matches("f\\.yaml:\\d+:\\d+: YAML error: special characters are not allowed.*");
    }

    @Test
    void aKeyGivenTwiceNamesBothPlaces() {
        // the second "tau" is line 3, column 3 (two spaces of indentation); the first is line 2, column 3
        String text = "lif:\n  tau: 20\n  tau: 10\n";
        assertThatThrownBy(() -> LocatedYaml.compose("f.yaml", text, "test", 1 << 20, 2))
                .isInstanceOf(LocatedYaml.SyntaxError.class)
                .hasMessage("f.yaml:3:3: key 'tau' is given twice in one mapping (first at f.yaml:2:3)");
    }

    @Test
    void theSameKeyInDifferentMappingsIsFine() {
        String text = "a: {x: 1}\nb: {x: 2}\nc: [{x: 1}, {x: 2}]\n";
        assertThat(LocatedYaml.compose("f.yaml", text, "test", 1 << 20, 2)).isNotNull();
    }

    @Test
    void aHugeDuplicatedKeyIsShownShortened() {
        String key = "k".repeat(1_000); // plain keys are limited to 1,024 characters by YAML itself
        String text = key + ": 1\n" + key + ": 2\n";
        assertThatThrownBy(() -> LocatedYaml.compose("f.yaml", text, "test", 1 << 20, 2))
                .isInstanceOf(LocatedYaml.SyntaxError.class)
                .message().startsWith("f.yaml:2:1: key 'kkkk").hasSizeLessThan(200);
    }
}
