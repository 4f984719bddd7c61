package dev.myelin.tests.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static dev.myelin.tests.cli.BadInputTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a command writes stays out of the source tree, and what lands there anyway does not make
 * the launcher rebuild. {@code myelin compile NET.yaml} used to write NET.nbin beside the
 * description: compiling a sample put a binary into firmware-samples/samples, newer than the
 * build, and the next {@code ./myelin} rebuilt the whole tool.
 */
class SourceTreeStaysCleanTest {
    @Test
    void compileWithoutOutputWritesIntoTheCurrentDirectory(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectory(dir.resolve("src"));
        Files.copy(sample("hand_tiny/net.yaml"), src.resolve("net.yaml"));
        Files.copy(sample("hand_tiny/input.csv"), src.resolve("input.csv"));
        Path work = Files.createDirectory(dir.resolve("work"));

        ChildMyelin.Result r = ChildMyelin.run(work, dir.resolve("logs"), "compile", "../src/net.yaml");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("-> net.nbin");
        assertThat(work.resolve("net.nbin")).isNotEmptyFile();
        try (var files = Files.list(src)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("net.yaml", "input.csv");
        }
    }

    /**
     * The launcher in a copy of the repository's layout, with {@code mvn} and {@code java}
     * replaced by scripts that log their calls: outputs in a sample folder, newer than the
     * build, leave it alone; a newer Java source makes it build.
     */
    @Test
    void outputsInTheSampleFoldersDoNotMakeTheLauncherRebuild(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("repo"));
        Path launcher = root.resolve("myelin");
        Files.copy(repoRoot().resolve("myelin"), launcher);
        Path log = dir.resolve("calls.log");
        Path bin = Files.createDirectory(dir.resolve("bin"));
        script(bin.resolve("mvn"), "echo mvn >> '" + log + "'");
        script(bin.resolve("java"), "echo java >> '" + log + "'");
        Path java = write(root.resolve("isa/src/main/java/A.java"), "class A {}");
        write(root.resolve("pom.xml"), "<project/>");
        write(root.resolve("isa/pom.xml"), "<project/>");
        Path samples = Files.createDirectories(root.resolve("firmware-samples/samples/demo"));
        write(samples.resolve("net.yaml"), "name: demo");
        Path classpath = write(root.resolve("cli/target/myelin.classpath"), "");
        FileTime built = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        try (var all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, FileTime.fromMillis(built.toMillis() - 60_000));
            }
        }
        Files.setLastModifiedTime(classpath, built);
        // what compile, asm, run and an interrupted write leave behind, all newer than the build
        for (String out : new String[] {"net.nbin", "run.vcd", "raster.png", "stats.config.ini",
            ".spikes.csv.123.456.tmp"}) {
            write(samples.resolve(out), "output");
        }

        assertThat(launch(launcher, bin, log, "0")).containsExactly("java");
        Files.setLastModifiedTime(java, FileTime.fromMillis(System.currentTimeMillis()));
        assertThat(launch(launcher, bin, log, "0")).containsExactly("mvn", "java");
    }

    /**
     * Class-data sharing: the first launch after a build trains the archive with a short demo
     * run, then runs the command with it; later launches use it at once; a build drops it.
     */
    @Test
    void theLauncherTrainsAClassArchiveOnceAfterEachBuildAndRunsWithIt(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("repo"));
        Path launcher = root.resolve("myelin");
        Files.copy(repoRoot().resolve("myelin"), launcher);
        Path log = dir.resolve("calls.log");
        Path bin = Files.createDirectory(dir.resolve("bin"));
        script(bin.resolve("mvn"), "echo mvn >> '" + log + "'");
        // the stand-in JVM logs how it was asked to use the archive, and writes one when asked to
        script(bin.resolve("java"), String.join("\n",
                "what=plain",
                "for a in \"$@\"; do",
                "  case \"$a\" in",
                "    -XX:ArchiveClassesAtExit=*) what=train; echo archive > \"${a#-XX:ArchiveClassesAtExit=}\" ;;",
                "    -XX:SharedArchiveFile=*) what=shared ;;",
                "  esac",
                "done",
                "echo \"java $what\" >> '" + log + "'"));
        write(root.resolve("pom.xml"), "<project/>");
        Path classpath = write(root.resolve("cli/target/myelin.classpath"), "");
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        Files.setLastModifiedTime(classpath, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertThat(launch(launcher, bin, log, "1")).containsExactly("java train", "java shared");
        assertThat(root.resolve("cli/target/myelin.jsa")).hasContent("archive");
        assertThat(launch(launcher, bin, log, "1")).containsExactly("java shared");
        assertThat(launch(launcher, bin, log, "0")).containsExactly("java plain");
        // a source newer than the build: rebuild, and the archive of the old build goes
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.fromMillis(System.currentTimeMillis()));
        assertThat(launch(launcher, bin, log, "1")).containsExactly("mvn", "java train", "java shared");
    }

    private static java.util.List<String> launch(Path launcher, Path bin, Path log, String cds) throws Exception {
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "--version").redirectErrorStream(true)
                .redirectOutput(launcher.resolveSibling("launcher.out").toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("MYELIN_CDS", cds);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(launcher.resolveSibling("launcher.out"))).isZero();
        return Files.readAllLines(log);
    }

    private static void script(Path p, String body) throws Exception {
        Files.writeString(p, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path write(Path p, String text) throws Exception {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    static Path repoRoot() {
        return sample("demo").getParent().getParent().getParent();
    }
}
