package dev.myelin.tests.compiler;

import dev.myelin.compiler.Compiler;
import dev.myelin.cli.Main;
import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Broken descriptions, each beside a {@code .expect} file holding the exact messages and
 * locations (FILE stands for the description, DIR for its directory): every error of one run,
 * in order, then the count.
 */
class ErrorCasesTest {
    static Stream<Path> cases() throws Exception {
        Path dir = ChipMatchesReferenceTest.resource("errors/syntax.yaml").getParent();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactMessagesAndLocations(Path file) throws IOException {
        String name = file.getFileName().toString();
        String expected = Files.readString(file.resolveSibling(name.replace(".yaml", ".expect")))
                .replace("FILE", file.toString()).replace("DIR", file.getParent().toString()).strip();
        MyelinInputException e = catchThrowableOfType(MyelinInputException.class,
                () -> Compiler.compileFile(file, null));
        assertThat(e).as("%s must fail", name).isNotNull();
        assertThat(e.getMessage()).isEqualTo(expected);
    }

    @Test
    void theCommandExitsWithTwoAndNoStackTrace() throws Exception {
        Path file = ChipMatchesReferenceTest.resource("errors/units.yaml");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"compile", file.toString(), "-o", file.resolveSibling("x.nbin").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("myelin compile: error: " + file + ":8:21: 'tau_m'")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.exists(file.resolveSibling("x.nbin"))).isFalse();
    }
}
