package dev.myelin.tests.cli;

import dev.myelin.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line in-process, as the tests drive it: exit code, standard output and error. */
public final class Cli {
    private Cli() {
    }

    /** Runs {@code myelin ARGS}: {exit code, stdout, stderr}. */
    public static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    /** Runs {@code myelin ARGS}, which must succeed; returns what it printed on stdout. */
    public static String ok(String... args) {
        String[] r = run(args);
        assertThat(r[0]).as(String.join(" ", args) + "\n" + r[2] + r[1]).isEqualTo("0");
        return r[1];
    }
}
