package dev.myelin.tests.cli;

import dev.myelin.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sample's pictures are what its {@code figures.sh} draws: the script is executable and valid
 * bash; its {@code ./myelin} commands run (here in-process, {@code "$tmp"} a temporary
 * directory, output redirections dropped); every picture it copies into the sample folder
 * ({@code cp "$tmp/..." "$here/NAME.png"}) was drawn, is committed with the size of the one
 * drawn now, and is shown by the sample's README; and the folder holds no other picture.
 */
class SampleFiguresTest {
    private static final Pattern COPY = Pattern.compile("^cp \"\\$tmp/([^\"]+)\" \"\\$here/([^\"/]+\\.png)\"$");
    private static final Pattern IMAGE = Pattern.compile("\\]\\(([^)/]+\\.png)\\)");

    @TempDir
    Path tmp;

    static Stream<String> withFigures() throws IOException {
        try (Stream<Path> s = Files.list(ClassifierSamplesTest.samples())) {
            return s.filter(d -> Files.exists(d.resolve("figures.sh"))).map(d -> d.getFileName().toString()).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withFigures")
    void theScriptDrawsThePicturesTheReadmeShows(String name) throws Exception {
        Path dir = ClassifierSamplesTest.samples().resolve(name);
        Path root = dir.getParent().getParent().getParent();
        Path script = dir.resolve("figures.sh");
        assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
        validBash(script);

        List<String> lines = Files.readAllLines(script);
        List<String> commands = commands(lines);
        assertThat(commands).as("./myelin commands in %s", script).isNotEmpty();
        for (String command : commands) {
            run(command, root);
        }
        Set<String> copied = new TreeSet<>();
        for (String line : lines) {
            Matcher m = COPY.matcher(line.strip());
            if (m.matches()) {
                Path drawn = tmp.resolve(m.group(1));
                Path committed = dir.resolve(m.group(2));
                assertThat(drawn).as("drawn by %s", script).isRegularFile();
                assertThat(committed).as("committed picture").isRegularFile();
                BufferedImage now = ImageIO.read(drawn.toFile());
                BufferedImage then = ImageIO.read(committed.toFile());
                assertThat(now.getWidth()).as("%s width", committed).isEqualTo(then.getWidth());
                assertThat(now.getHeight()).as("%s height", committed).isEqualTo(then.getHeight());
                copied.add(m.group(2));
            }
        }
        assertThat(copied).as("pictures %s copies", script).isNotEmpty();
        Set<String> inFolder = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).forEach(inFolder::add);
        }
        assertThat(inFolder).as("pictures in %s", dir).isEqualTo(copied);
        Matcher shown = IMAGE.matcher(Files.readString(dir.resolve("README.md")));
        Set<String> inReadme = new TreeSet<>();
        while (shown.find()) {
            inReadme.add(shown.group(1));
        }
        assertThat(inReadme).as("pictures %s/README.md shows", name).isEqualTo(copied);
    }

    /** The script's {@code ./myelin} commands, continuation lines joined, redirections dropped. */
    private static List<String> commands(List<String> script) {
        List<String> out = new ArrayList<>();
        StringBuilder cmd = new StringBuilder();
        for (String line : script) {
            String l = line.strip();
            if (cmd.length() > 0 || l.startsWith("./myelin ")) {
                cmd.append(l.endsWith("\\") ? l.substring(0, l.length() - 1) : l).append(' ');
                if (!l.endsWith("\\")) {
                    out.add(cmd.toString().replaceAll("\\s*(2>&1|[12]?>\\s*/dev/null)", " ").strip());
                    cmd.setLength(0);
                }
            }
        }
        return out;
    }

    private void run(String command, Path root) {
        String[] words = command.split("\\s+");
        List<String> args = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            String w = words[i].replace("\"", "").replace("$tmp", tmp.toString());
            if (w.startsWith("firmware-samples/")) {
                w = root.resolve(w).toString();
            }
            assertThat(w).as("%s uses only $tmp and the repository", command).doesNotContain("$");
            args.add(w);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as("exit code of %s%n%s", command, err).isZero();
    }

    /** Fails unless {@code bash -n} accepts {@code script}; skipped (aborted) where there is no bash. */
    static void validBash(Path script) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no bash on this machine: " + e.getMessage());
            return;
        }
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
    }
}
