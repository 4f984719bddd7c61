package dev.myelin.tests.compiler;

import dev.myelin.isa.cli.Main;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.model.ImageValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code myelin compile}: writes a valid image and the report, prints one summary line. */
class CompileCommandTest {
    @Test
    void compilesTheDemoWithAJsonReport(@TempDir Path dir) throws Exception {
        Path net = SamplesTest.samples().resolve("demo/net.yaml");
        Path out = dir.resolve("demo.nbin");
        Path report = dir.resolve("demo.json");
        StringWriter stdout = new StringWriter();
        int code = Main.run(new String[] {"compile", net.toString(), "-o", out.toString(), "--report", report.toString()},
                new PrintWriter(stdout), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        // 192 + 48 + 16 neurons; 3 + 2 + 1 cores (the sample's neurons_per_core hints)
        assertThat(stdout.toString()).startsWith("compiled demo: 256 neurons, ")
                .endsWith(" synapses on 6 of 4096 cores of truenorth -> " + out + System.lineSeparator());
        var image = NbinCodec.read(out);
        ImageValidator.validate(image);
        assertThat(image.cores()).hasSize(6);
        assertThat(Files.readString(report)).contains("\"coresUsed\": 6", "\"rowMajorHops\"", "\"passMs\"");
    }

    @Test
    void archOverrideRetargetsTheDescription(@TempDir Path dir) {
        Path net = SamplesTest.samples().resolve("layered/net.yaml");
        Path out = dir.resolve("l.nbin");
        int code = Main.run(new String[] {"compile", net.toString(), "-o", out.toString(), "--arch", "loihi"},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        assertThat(NbinCodec.read(out).arch().name()).isEqualTo("loihi");
    }
}
