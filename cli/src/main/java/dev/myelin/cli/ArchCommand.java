package dev.myelin.cli;

import dev.myelin.isa.arch.ArchYaml;
import dev.myelin.isa.arch.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code myelin arch NAME|FILE}: print an architecture fully resolved, with units. */
@Command(name = "arch", mixinStandardHelpOptions = true,
        description = {"Print a preset or a custom architecture (YAML file), fully resolved, with units.",
                "The output is itself a valid architecture file."})
public final class ArchCommand implements Runnable, MyelinCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME|FILE",
            description = "a preset (truenorth, loihi, tiny, booksim) or an architecture YAML file; omit to list presets")
    String nameOrFile;

    @Spec
    CommandSpec spec;

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        if (nameOrFile == null) {
            out.println("Presets (" + Main.prog() + " arch NAME prints one in full):");
            for (String n : Presets.names()) {
                var a = Presets.require(n);
                out.printf(java.util.Locale.ROOT, "  %-10s %-10s %3d x %-3d routers x %d core%s of %5d axons x %5d neurons = %,d neurons%n",
                        n, a.datapath().id(), a.meshWidth(), a.meshHeight(), a.coresPerRouter(),
                        a.coresPerRouter() == 1 ? " " : "s", a.axons(), a.neurons(), a.totalNeurons());
            }
            out.flush();
            return;
        }
        out.print(ArchYaml.toYaml(ArchYaml.resolve(nameOrFile)));
        out.flush();
    }
}
