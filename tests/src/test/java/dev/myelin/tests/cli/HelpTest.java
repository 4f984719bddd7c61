package dev.myelin.tests.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.myelin.tests.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code myelin help}, and hints that name the command the way the user typed it. */
class HelpTest {
    @AfterEach
    void clearProg() {
        System.clearProperty("myelin.prog");
    }

    @Test
    void helpListsEverySubcommand() {
        String[] r = run("help");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        for (String command : new String[] {"arch", "asm", "disasm", "compile", "run", "nir-check", "energy", "noc", "demo",
                "help"}) {
            assertThat(r[1]).as(command).containsPattern("(?m)^  " + command + "\\b");
        }
    }

    @Test
    void helpOfACommandIsItsUsage() {
        String[] viaHelp = run("help", "run");
        String[] viaFlag = run("run", "--help");
        assertThat(viaHelp[0]).isEqualTo("0");
        assertThat(viaHelp[1]).startsWith("Usage: myelin run").isEqualTo(viaFlag[1]);
    }

    @Test
    void helpOfAnUnknownCommandIsAUsageError() {
        String[] r = run("help", "rnu");
        assertThat(r[0]).isEqualTo("2");
    }

    @Test
    void hintsNameTheLauncherAsTyped() {
        System.setProperty("myelin.prog", "./myelin");
        String[] r = run("run", "--no-such-flag");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("Try './myelin run --help'.");
        String[] arch = run("arch");
        assertThat(arch[1]).contains("Presets (./myelin arch NAME prints one in full):");
    }

    @Test
    void theDemosClosingHintNamesTheLauncher(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        System.setProperty("myelin.prog", "./myelin");
        String[] r = run("demo", "--out", dir.toString(), "--ticks", "20");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("; re-price: ./myelin energy ");
    }

    @Test
    void withoutTheLauncherHintsSayMyelin() {
        String[] r = run("compile");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("Try 'myelin compile --help'.");
    }
}
