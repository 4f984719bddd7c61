package dev.myelin.tests.cli;

import dev.myelin.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/img/regenerate.sh is what makes the pictures of docs/img, and it works: its
 * {@code ./myelin} command runs (here in-process, {@code "$tmp"} a temporary directory) and
 * draws exactly the PNG files docs/img holds, each with the size of the committed one; the
 * script copies them from where the command put them; and docs/guide.md shows every picture.
 */
class RegenerateScriptTest {
    private static final Pattern IMAGE = Pattern.compile("\\]\\(img/([^)]+\\.png)\\)");

    @TempDir
    Path tmp;

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/img/regenerate.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("docs/img/regenerate.sh not found above " + Path.of("").toAbsolutePath());
    }

    /** The script's {@code ./myelin} commands, continuation lines joined. */
    private static List<String> commands(List<String> script) {
        List<String> out = new ArrayList<>();
        StringBuilder cmd = new StringBuilder();
        for (String line : script) {
            String l = line.strip();
            if (cmd.length() > 0 || l.startsWith("./myelin ")) {
                cmd.append(l.endsWith("\\") ? l.substring(0, l.length() - 1) : l).append(' ');
                if (!l.endsWith("\\")) {
                    out.add(cmd.toString().strip());
                    cmd.setLength(0);
                }
            }
        }
        return out;
    }

    /** PNG file names in {@code dir}. */
    private static Set<String> pngs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void theScriptsCommandDrawsExactlyThePicturesOfDocsImg() throws IOException {
        Path root = repoRoot();
        Path script = root.resolve("docs/img/regenerate.sh");
        assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
        List<String> lines = Files.readAllLines(script);
        List<String> commands = commands(lines);
        assertThat(commands).as("./myelin commands in the script").hasSize(1);
        String[] words = commands.get(0).split("\\s+");
        List<String> args = new ArrayList<>();
        String plots = null;
        for (int i = 1; i < words.length; i++) {
            String w = words[i].replace("\"", "").replace("$tmp", tmp.toString());
            if (w.startsWith("firmware-samples/")) {
                w = root.resolve(w).toString();
            }
            assertThat(w).as("the command uses only $tmp and the repository").doesNotContain("$");
            if (words[i - 1].equals("--plots")) {
                plots = words[i];
            }
            args.add(w);
        }
        assertThat(plots).as("the command draws with --plots").isNotNull();
        // the script then replaces docs/img's pictures with those the command drew
        assertThat(lines).contains("rm -f docs/img/*.png", "cp " + plots + "/*.png docs/img/");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as("exit code of %s%n%s", commands.get(0), err).isZero();

        Path drawn = Path.of(plots.replace("\"", "").replace("$tmp", tmp.toString()));
        Path docs = root.resolve("docs/img");
        assertThat(pngs(drawn)).as("pictures drawn").containsExactly("core-activity.png", "latency-histogram.png",
                "link-traffic.png", "potentials.png", "raster.png");
        assertThat(pngs(docs)).as("pictures in docs/img").isEqualTo(pngs(drawn));
        for (String name : pngs(drawn)) {
            BufferedImage now = ImageIO.read(drawn.resolve(name).toFile());
            BufferedImage committed = ImageIO.read(docs.resolve(name).toFile());
            assertThat(now.getWidth()).as("%s width", name).isBetween(600, 2000).isEqualTo(committed.getWidth());
            assertThat(now.getHeight()).as("%s height", name).isBetween(400, 1500).isEqualTo(committed.getHeight());
        }
    }

    @Test
    void theGuideShowsEveryPictureAndOnlyThose() throws IOException {
        Path root = repoRoot();
        Matcher m = IMAGE.matcher(Files.readString(root.resolve("docs/guide.md")));
        Set<String> shown = new TreeSet<>();
        while (m.find()) {
            shown.add(m.group(1));
        }
        assertThat(shown).isEqualTo(pngs(root.resolve("docs/img")));
    }

    @Test
    void theScriptIsValidBash() throws Exception {
        SampleFiguresTest.validBash(repoRoot().resolve("docs/img/regenerate.sh"));
    }
}
