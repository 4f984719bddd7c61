package dev.myelin.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ArchCommandTest {
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void withoutANameListsEveryPresetWithItsGeometry() {
        String[] r = run("arch");
        assertThat(r[0]).isEqualTo("0");
        // 64 x 64 cores of 256 neurons = 1,048,576; 8 x 4 tiles x 4 cores of 1,024 = 131,072; 2 x 2 x 16 = 64
        assertThat(r[1]).containsPattern("truenorth +truenorth +64 x 64 +routers x 1 core +of +256 axons x +256 "
                        + "neurons = 1,048,576 neurons")
                .containsPattern("loihi +loihi-cuba +8 x 4 +routers x 4 cores of +4096 axons x +1024 neurons = "
                        + "131,072 neurons")
                .containsPattern("tiny +truenorth +2 x 2 +routers x 1 core +of +16 axons x +16 neurons = 64 neurons");
    }

    @Test
    void aPresetPrintsWithUnitsAndAnUnknownNameIsAUsageError() {
        String[] ok = run("arch", "truenorth");
        assertThat(ok[0]).isEqualTo("0");
        assertThat(ok[1]).containsPattern("routersX: 64 +# \\[routers\\]").containsPattern("delaySlots: 16 +# \\[slots\\]");
        String[] bad = run("arch", "truenorht");
        assertThat(bad[0]).isEqualTo("2");
        assertThat(bad[2].strip()).startsWith("myelin arch: error: unknown architecture 'truenorht'")
                .doesNotContain("\tat ");
    }
}
