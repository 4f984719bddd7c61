package dev.myelin.tests.compiler;

import dev.myelin.cli.Main;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.model.ImageValidator;
import dev.myelin.isa.model.Symbol;
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

    /**
     * The demo's if neurons carry their voltage scale in the binary: hidden's largest weight,
     * 1 mV, sets its LSB to 1/255 mV (the TrueNorth weight field's 255); readout's, the inhibitory
     * 2 mV, to 2/255 mV; v = 0 is v_reset = 0 mV. The raw hand_tiny sample carries none.
     */
    @Test
    void theBinaryCarriesEachPopulationsVoltageScale(@TempDir Path dir) {
        Path out = dir.resolve("demo.nbin");
        Main.run(new String[] {"compile", SamplesTest.samples().resolve("demo/net.yaml").toString(), "-o",
                out.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        var symbols = NbinCodec.read(out).symbols();
        assertThat(symbols.get(0).population()).isEqualTo("hidden");
        assertThat(symbols.get(0).scale()).isEqualTo(new Symbol.Scale(1 / 255.0, 0));
        assertThat(symbols.get(1).population()).isEqualTo("readout");
        assertThat(symbols.get(1).scale()).isEqualTo(new Symbol.Scale(2 / 255.0, 0));
        Path raw = dir.resolve("hand.nbin");
        Main.run(new String[] {"compile", SamplesTest.samples().resolve("hand_tiny/net.yaml").toString(), "-o",
                raw.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(NbinCodec.read(raw).symbols()).allMatch(s -> s.scale() == null);
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
