package dev.myelin.tests.fuzz;

import dev.myelin.isa.diag.MyelinInputException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Runs one fuzz case under a time bound and classifies its outcome: a clean result, or a
 * {@link MyelinInputException} whose every line names where (file:line:col, or the file for a data
 * file) are fine; anything else (another exception, an Error, a timeout, an unlocated line) is
 * recorded as a failure naming the case, so one run lists every bug at once.
 */
final class FuzzCase {
    static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Pattern SUMMARY = Pattern.compile("\\d+ errors|\\.\\.\\. and \\d+ more errors");
    private final List<String> failures = new ArrayList<>();
    private int clean;
    private int userErrors;

    interface Body {
        void run() throws Exception;
    }

    interface Reader {
        void read(String text) throws Exception;
    }

    /** {@code cases} seeded mutations of each named base document, each read by {@code reader}. */
    static FuzzCase mutateEach(java.util.Map<String, String> bases, long seed, int cases, Pattern located,
                               Reader reader) {
        FuzzCase f = new FuzzCase();
        bases.forEach((name, base) -> {
            java.util.Random r = new java.util.Random(seed ^ name.hashCode());
            for (int i = 0; i < cases; i++) {
                String text = Mutator.mutate(base, r);
                f.check(name + " case " + i, located, () -> reader.read(text));
            }
        });
        return f;
    }

    /** Runs {@code body}; {@code located} matches a line that names where. */
    void check(String name, Pattern located, Body body) {
        try {
            assertTimeoutPreemptively(LIMIT, () -> {
                try {
                    body.run();
                    clean++;
                } catch (MyelinInputException e) {
                    userErrors++;
                    for (String line : e.getMessage().split("\n")) {
                        if (!located.matcher(line).lookingAt() && !SUMMARY.matcher(line).matches()) {
                            failures.add(name + ": unlocated error line: " + shorten(line));
                        }
                    }
                }
            });
        } catch (Throwable t) {
            failures.add(name + ": " + t.getClass().getName() + ": " + shorten(String.valueOf(t.getMessage()))
                    + at(t));
        }
    }

    private static String at(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("dev.myelin") && !e.getClassName().startsWith("dev.myelin.tests")) {
                return " at " + e;
            }
        }
        return "";
    }

    static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    List<String> failures() {
        return failures;
    }

    int clean() {
        return clean;
    }

    int userErrors() {
        return userErrors;
    }
}
