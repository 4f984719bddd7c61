package dev.myelin.tests.cli;

import dev.myelin.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tutorial of docs/guide.md and the first session of README.md (each between the
 * {@code guide-test: begin} and {@code end} markers) are true as printed: every {@code ./myelin} command, in fenced blocks (with {@code \}
 * continuations) and in inline code, runs in document order through {@link Main#run} with exit
 * code 0, and the output the guide quotes is what the tool wrote. A quoted block follows a
 * marker: {@code stdout contains} (each line is a line of the last command's output),
 * {@code file F equals}, {@code file F contains} (each line somewhere) or {@code file F excerpt}
 * (the lines in a row). Paths starting with {@code out/} go to a
 * temporary directory, {@code firmware-samples/} is the repository's.
 */
class GuideCommandsTest {
    private static final Pattern INLINE = Pattern.compile("`(\\./myelin [^`]+)`");
    private static final Pattern CHECK = Pattern.compile("<!-- guide-test: (stdout contains|file (\\S+) (equals|contains|excerpt)) -->");

    @TempDir
    Path tmp;

    private Path root;
    private String lastStdout = "";
    private int commands;
    private int checks;

    @Test
    void everyTutorialCommandRunsAndPrintsWhatTheGuideQuotes() throws IOException {
        walk("docs/guide.md");
        assertThat(commands).as("commands run").isGreaterThanOrEqualTo(10);
        assertThat(checks).as("quoted outputs checked").isGreaterThanOrEqualTo(10);
        assertThat(Files.readAllBytes(tmp.resolve("out/hand_tiny/copy.nbin")))
                .as("disasm then asm gives back the same bytes")
                .isEqualTo(Files.readAllBytes(tmp.resolve("out/hand_tiny/hand_tiny.nbin")));
    }

    @Test
    void theReadmesFirstSessionRuns() throws IOException {
        walk("README.md");
        assertThat(commands).as("commands run").isEqualTo(5);
        assertThat(lastStdout).as("the sweep's CSV").contains("offered_rate,accepted_rate");
    }

    @Test
    void everySampleReadmeGivesCommandsThatRun() throws IOException {
        root = repoRoot();
        List<Path> samples;
        try (var dirs = Files.list(root.resolve("firmware-samples/samples"))) {
            samples = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(samples).hasSizeGreaterThanOrEqualTo(5);
        for (Path sample : samples) {
            commands = 0;
            checks = 0;
            walk(root.relativize(sample.resolve("README.md")).toString());
            assertThat(commands).as("commands run from %s", sample.getFileName()).isGreaterThanOrEqualTo(2);
            assertThat(checks).as("outputs checked in %s", sample.getFileName()).isGreaterThanOrEqualTo(1);
        }
    }

    /** Runs the commands and checks the quotes of {@code doc}'s marked region, in document order. */
    private void walk(String doc) throws IOException {
        root = repoRoot();
        String md = Files.readString(root.resolve(doc));
        int begin = md.indexOf("<!-- guide-test: begin");
        int end = md.indexOf("<!-- guide-test: end -->");
        assertThat(begin).as("begin marker in %s", doc).isNotNegative();
        assertThat(end).as("end marker in %s", doc).isGreaterThan(begin);
        List<String> lines = md.substring(begin, end).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher check = CHECK.matcher(lines.get(i));
            if (check.find()) {
                i = verify(check, lines, i + 1);
            } else if (lines.get(i).startsWith("```")) {
                i = runBlock(lines, i + 1);
            } else {
                Matcher m = INLINE.matcher(lines.get(i));
                while (m.find()) {
                    run(m.group(1));
                }
            }
        }
    }

    /** Runs the {@code ./myelin} lines of the fenced block starting at {@code from}; returns its closing line. */
    private int runBlock(List<String> lines, int from) {
        int i = from;
        StringBuilder cmd = new StringBuilder();
        for (; !lines.get(i).startsWith("```"); i++) {
            String l = lines.get(i).strip();
            if (cmd.length() > 0 || l.startsWith("./myelin ")) {
                cmd.append(l.endsWith("\\") ? l.substring(0, l.length() - 1) : l).append(' ');
                if (!l.endsWith("\\")) {
                    run(cmd.toString().strip());
                    cmd.setLength(0);
                }
            }
        }
        return i;
    }

    /** Checks the fenced block after a marker against the last output or a file; returns its closing line. */
    private int verify(Matcher check, List<String> lines, int open) throws IOException {
        assertThat(lines.get(open)).as("a fenced block follows the marker").startsWith("```");
        int close = open + 1;
        while (!lines.get(close).startsWith("```")) {
            close++;
        }
        List<String> quoted = lines.subList(open + 1, close);
        if (check.group(2) == null) {
            assertThat(lastStdout.lines().toList()).as("output quoted at %s", quoted.get(0)).containsAll(quoted);
        } else {
            Path file = tmp.resolve(check.group(2));
            List<String> actual = Files.readAllLines(file);
            if (check.group(3).equals("equals")) {
                assertThat(actual).as(check.group(2)).isEqualTo(quoted);
            } else if (check.group(3).equals("excerpt")) {
                assertThat(java.util.Collections.indexOfSubList(actual, quoted)).as("%s holds these lines in a row: %s",
                        check.group(2), quoted).isNotNegative();
            } else {
                assertThat(actual).as(check.group(2)).containsAll(quoted);
            }
        }
        checks++;
        return close;
    }

    private void run(String command) {
        String[] words = command.split("\\s+");
        String[] args = Arrays.stream(words, 1, words.length).map(this::path).toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        boolean probesBefore = Files.exists(Path.of("probes.csv"));
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as("exit code of %s%n%s", command, err).isZero();
        assertThat(!probesBefore && Files.exists(Path.of("probes.csv")))
                .as("%s wrote probes.csv into the current folder: give the command a file output under out/", command)
                .isFalse();
        lastStdout = out.toString();
        commands++;
    }

    /** {@code out/...} into the temporary directory, {@code firmware-samples/...} into the repository, also after {@code =}. */
    private String path(String word) {
        int eq = word.startsWith("-") ? -1 : word.indexOf('=');
        String head = word.substring(0, eq + 1);
        String p = word.substring(eq + 1);
        if (p.startsWith("out/")) {
            return head + tmp.resolve(p);
        }
        if (p.startsWith("firmware-samples/")) {
            return head + root.resolve(p);
        }
        return word;
    }

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/guide.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("docs/guide.md not found above " + Path.of("").toAbsolutePath());
    }
}
