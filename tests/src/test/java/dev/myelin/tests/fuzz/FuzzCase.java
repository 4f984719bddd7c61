package dev.myelin.tests.fuzz;

import dev.myelin.isa.diag.MyelinInputException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Runs one fuzz case under a time bound and classifies its outcome: a clean result, or a
 * {@link MyelinInputException} whose every line starts with where ({@code FILE:LINE:COL: }, the
 * file being the document read or a data file it names) are fine; anything else (another
 * exception, an Error, a timeout, a line that does not start with a location) is recorded as a
 * failure naming the case, so one run lists every bug at once. The located pattern is matched at
 * the start of each line: a location further along the line does not count.
 */
final class FuzzCase {
    static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Pattern WHERE = Pattern.compile("([^\\s:]+):(\\d{1,9}):(\\d{1,9}): ");
    private static final Pattern SUMMARY = Pattern.compile("\\d+ errors|\\.\\.\\. and \\d+ more errors");
    private final List<String> failures = new ArrayList<>();
    private int clean;
    private int userErrors;
    private int unlocated;
    private int cases;

    interface Body {
        void run() throws Exception;
    }

    interface Reader {
        void read(String text) throws Exception;
    }

    /**
     * {@code cases} seeded mutations of each named base document, each read by {@code reader};
     * {@code file} is the name its errors give the document, whose locations must lie in its text.
     */
    static FuzzCase mutateEach(Map<String, String> bases, long seed, int cases, Pattern located, String file,
                               Reader reader) {
        FuzzCase f = new FuzzCase();
        bases.forEach((name, base) -> {
            java.util.Random r = new java.util.Random(seed ^ name.hashCode());
            for (int i = 0; i < cases; i++) {
                String text = Mutator.mutate(base, r);
                f.check(name + " case " + i, located, Map.of(file, text), () -> reader.read(text));
            }
        });
        return f;
    }

    /** Runs {@code body}; {@code located} matches a line that names where. */
    void check(String name, Pattern located, Body body) {
        check(name, located, Map.of(), body);
    }

    /**
     * Runs {@code body}; {@code located} matches a line that names where, and a location in one of
     * {@code texts} (by file name) must name one of its lines and at most one column past its end.
     */
    void check(String name, Pattern located, Map<String, String> texts, Body body) {
        cases++;
        try {
            assertTimeoutPreemptively(LIMIT, () -> {
                try {
                    body.run();
                    clean++;
                } catch (MyelinInputException e) {
                    userErrors++;
                    boolean all = true;
                    for (String line : e.getMessage().split("\n", -1)) {
                        if (!located.matcher(line).lookingAt() && !SUMMARY.matcher(line).matches()) {
                            failures.add(name + ": unlocated error line: " + shorten(line));
                            all = false;
                        } else if (!inside(line, texts)) {
                            failures.add(name + ": error located outside its file: " + shorten(line));
                        }
                    }
                    if (!all) {
                        unlocated++;
                    }
                }
            });
        } catch (Throwable t) {
            failures.add(name + ": " + t.getClass().getName() + ": " + shorten(String.valueOf(t.getMessage()))
                    + at(t));
        }
    }

    /** Whether a line's {@code FILE:LINE:COL}, when FILE is one of {@code texts}, is inside that text. */
    private static boolean inside(String line, Map<String, String> texts) {
        Matcher m = WHERE.matcher(line);
        if (!m.lookingAt() || !texts.containsKey(m.group(1))) {
            return true;
        }
        int l = Integer.parseInt(m.group(2));
        int c = Integer.parseInt(m.group(3));
        // YAML also breaks lines at CR, NEL, LS and PS; the CSV reader at LF only: either reading will do
        for (String breaks : new String[] {"\r\n|[\n\r\u0085\u2028\u2029]", "\r?\n"}) {
            String[] lines = texts.get(m.group(1)).split(breaks, -1);
            if (l >= 1 && l <= lines.length && c >= 1 && c <= lines[l - 1].length() + 1) {
                return true;
            }
        }
        return false;
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

    /** Refusals with at least one line that does not start with a location. */
    int unlocated() {
        return unlocated;
    }

    /** One line for the test's output: the seed, the mutants and how each ended. */
    String summary(String what, long seed) {
        return String.format("%s: seed 0x%X, %d mutants: %d clean, %d refused (%d unlocated), %d failures", what, seed,
                cases, clean, userErrors, unlocated, failures.size());
    }
}
