package dev.myelin.tests.cli;

import dev.myelin.cli.Main;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Main} in a JVM of its own, for what a test cannot do in-process: a working directory
 * of its own, signals (Ctrl-C, SIGKILL), the process's real standard output.
 */
final class ChildMyelin {
    private ChildMyelin() {
    }

    /** Exit code, stdout and stderr of a finished child. */
    record Result(int code, String out, String err) {
    }

    /** Starts {@code myelin ARGS} in {@code cwd}; its stdout and stderr go to files in {@code logs}. */
    static Process start(Path cwd, Path logs, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-")) {
                cmd.add(a);
            }
        }
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        Files.createDirectories(logs);
        return new ProcessBuilder(cmd).directory(cwd.toFile())
                .redirectOutput(logs.resolve("stdout").toFile()).redirectError(logs.resolve("stderr").toFile())
                .start();
    }

    /** Waits (at most two minutes) for a child started by {@link #start}. */
    static Result finish(Process p, Path logs) throws Exception {
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("the child ended within two minutes").isTrue();
        return new Result(p.exitValue(), Files.readString(logs.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(logs.resolve("stderr"), StandardCharsets.UTF_8));
    }

    /** Runs {@code myelin ARGS} in {@code cwd} to its end. */
    static Result run(Path cwd, Path logs, String... args) throws Exception {
        return finish(start(cwd, logs, args), logs);
    }
}
