package dev.myelin.cli;

import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.io.OutputPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

/** {@code myelin asm X.nasm [-o X.nbin]}: assemble a listing into a network binary. */
@Command(name = "asm", mixinStandardHelpOptions = true,
        description = {"Assemble a listing (.nasm, syntax in docs/isa.md) into a network binary (.nbin).",
                "Errors name FILE:LINE:COL and exit with code 2."})
public final class AsmCommand implements Runnable, MyelinCommand {
    @Parameters(index = "0", paramLabel = "X.nasm", description = "the listing to assemble")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "X.nbin",
            description = "the binary to write (atomically); default: the listing's name with .nbin")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public int order() {
        return 40;
    }

    @Override
    public void run() {
        Path out = output != null ? output : DisasmCommand.withExtension(input, ".nbin");
        new OutputPlan().input("the listing " + input, input)
                .output(output != null ? "-o " + out : "the binary " + out, out).check();
        NbinCodec.write(out, Assembler.assemble(input));
    }
}
