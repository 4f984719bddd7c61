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
}
