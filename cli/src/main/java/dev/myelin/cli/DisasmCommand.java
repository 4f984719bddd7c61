package dev.myelin.cli;

import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.io.AtomicFiles;
import dev.myelin.isa.io.OutputPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

/** {@code myelin disasm X.nbin [-o X.nasm]}: print the complete, commented listing of a binary. */
@Command(name = "disasm", mixinStandardHelpOptions = true,
        description = {"Print the complete, commented listing of a network binary.",
                "Per core: coordinates, populations, axon types, crossbar or sparse rows, neuron parameters"
                        + " and targets; then ports and symbols. 'myelin asm' turns the listing back into the same bytes."})
public final class DisasmCommand implements Runnable, MyelinCommand {
    @Parameters(index = "0", paramLabel = "X.nbin", description = "the binary to disassemble")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "X.nasm",
            description = "write the listing to this file (atomically) instead of standard output")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public int order() {
        return 41;
    }

    @Override
    public void run() {
        if (output != null) {
            new OutputPlan().input("the binary " + input, input).output("-o " + output, output).check();
        }
        String text = Assembler.disassemble(NbinCodec.read(input));
        if (output != null) {
            AtomicFiles.writeString(output, text);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
    }

    /** {@code dir/name.ext} with {@code ext} replaced (or added). */
    static Path withExtension(Path p, String ext) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return p.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ext);
    }
}
