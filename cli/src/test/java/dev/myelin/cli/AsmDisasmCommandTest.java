package dev.myelin.cli;

import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.testing.SampleImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The asm and disasm commands end to end: exit codes, files written, one-line errors without traces. */
class AsmDisasmCommandTest {
    private static final String TWO_CORES = """
            .arch tiny
            .core 0 0 0
            a0: 1
            n0: s=+1,0,0,0 alpha=1 -> (+1,0) axon 0
            .core 1 0 0
            a0: 1
            n0: s=+1,0,0,0 alpha=1
            .input in
              0: core 0 0 0 axon 0
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void binaryToListingToBinaryIsByteIdenticalThroughTheCommands() throws IOException {
        for (var e : SampleImages.all().entrySet()) {
            Path bin = dir.resolve(e.getKey() + ".nbin");
            Path nasm = dir.resolve(e.getKey() + ".nasm");
            Path back = dir.resolve(e.getKey() + "-back.nbin");
            NbinCodec.write(bin, e.getValue());
            assertThat(run("disasm", bin.toString(), "-o", nasm.toString())).isZero();
            assertThat(run("asm", nasm.toString(), "-o", back.toString())).isZero();
            assertThat(Files.readAllBytes(back)).as(e.getKey()).isEqualTo(Files.readAllBytes(bin));
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void asmWritesBesideTheListingByDefaultAndDisasmPrintsToStandardOutput() throws IOException {
        Path nasm = Files.writeString(dir.resolve("two.nasm"), TWO_CORES);
        assertThat(run("asm", nasm.toString())).isZero();
        Path bin = dir.resolve("two.nbin");
        assertThat(Files.readAllBytes(bin)).isEqualTo(NbinCodec.encode(Assembler.assemble("x", TWO_CORES)));
        assertThat(run("disasm", bin.toString())).isZero();
        assertThat(out.toString()).isEqualTo(Assembler.disassemble(NbinCodec.read(bin)));
        assertThat(out.toString()).contains(".core 1 0 0", "-> (+1,0).0 axon 0 delay 1");
    }

    @Test
    void malformedListingGivesOneLocatedLineAndExitCodeTwoAndNoOutputFile() throws IOException {
        Path nasm = Files.writeString(dir.resolve("bad.nasm"), TWO_CORES.replace("alpha=1 ->", "alpha=1x ->"));
        Path bin = dir.resolve("bad.nbin");
        assertThat(run("asm", nasm.toString(), "-o", bin.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("myelin asm: error: " + nasm + ":4:22: bad number '1x' for alpha"
                + System.lineSeparator());
        assertThat(bin).doesNotExist();
    }

    @Test
    void validatorFindingsAreReportedAtTheListingLine() throws IOException {
        Path nasm = Files.writeString(dir.resolve("v.nasm"), TWO_CORES.replace("axon 0\n.core", "axon 1\n.core"));
        assertThat(run("asm", nasm.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("myelin asm: error: " + nasm + ":4:1: core (0,0,0): neuron[0].target[0].axon=1");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void badInputsOfEitherCommandFailWithOneLineAndNoStackTrace() throws IOException {
        Path garbage = Files.write(dir.resolve("g.nbin"), new byte[] {1, 2, 3, 4, 5});
        Path latin1 = Files.write(dir.resolve("l.nasm"), new byte[] {'.', 'a', 'r', 'c', 'h', ' ', (byte) 0xe9});
        String[][] cases = {
                {"disasm", garbage.toString()},
                {"disasm", dir.resolve("missing.nbin").toString()},
                {"asm", dir.resolve("missing.nasm").toString()},
                {"asm", latin1.toString()},
        };
        for (String[] args : cases) {
            err.getBuffer().setLength(0);
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString().lines()).as(err.toString()).hasSize(1);
            assertThat(err.toString()).startsWith("myelin " + args[0] + ": error: ").doesNotContain("Exception", "\tat ");
        }
    }
}
