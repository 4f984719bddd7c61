package dev.myelin.cli;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.NirFrontend;
import dev.myelin.compiler.report.JsonReport;
import dev.myelin.compiler.report.MappingReport;
import dev.myelin.compiler.report.ReportData;
import dev.myelin.cli.MyelinCommand;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.io.AtomicFiles;
import dev.myelin.isa.io.OutputPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;

/** {@code myelin compile NET.yaml -o NET.nbin [--arch NAME|FILE] [--report FILE]}. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compile a network description (YAML, docs/language.md) or a NIR file (.nir with --dt, "
                + "docs/nir.md) to a .nbin network image.",
                "Prints a one-line summary; --report writes the mapping report (text, or JSON if FILE ends in .json)."})
public final class CompileCommand implements Runnable, MyelinCommand {
    @Parameters(index = "0", paramLabel = "NET.yaml|NET.nir", description = "the network description or NIR file")
    Path description;

    @Option(names = {"-o", "--output"}, paramLabel = "NET.nbin",
            description = "output image (default: NET.nbin in the current directory)")
    Path output;

    @Option(names = "--arch", paramLabel = "NAME|FILE", description = "target architecture, replacing the description's 'arch'")
    String arch;

    @Option(names = "--input-delivery", paramLabel = "axons|on-chip", description = "how every spiking input reaches the"
            + " chip, replacing the description's 'mapping: inputs': axons (injected straight into its targets' axons;"
            + " the default) or on-chip (input neurons on input cores send messages through the mesh)")
    String inputs;
    @Option(names = "--dt", paramLabel = "TIME", description = "time step of a NIR file (e.g. 1ms); required for .nir, "
            + "refused for descriptions")
    String dt;

    @Option(names = "--report", paramLabel = "FILE", description = "write the mapping report here ('-' prints it)")
    String report;

    @Spec
    CommandSpec spec;

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void run() {
        NirFrontend.Compiled nir = null;
        Compiler.Compilation c;
        if (NirFrontend.isNir(description)) {
            NetworkLoader.refuseInputDeliveryFor(description, inputs);
            nir = NirFrontend.compile(description, NirFrontend.parseDt(dt, description), arch, java.util.Map.of());
            c = nir.compilation();
        } else {
            if (dt != null) {
                throw new dev.myelin.isa.diag.MyelinInputException("--dt applies to NIR files; " + description
                        + " sets its own time step");
            }
            c = Compiler.compileFile(description, arch, NetworkLoader.inputDelivery(inputs));
        }
        Path out = output != null ? output : defaultOutput(description);
        OutputPlan plan = new OutputPlan().input("the network description " + description, description);
        for (Path f : c.diagnostics().files()) {
            plan.input("the file " + f + " that " + description + " names", f);
        }
        plan.output(output != null ? "-o " + out : "the image " + out + " (by default in the current directory; "
                + "choose another with -o)", out);
        if (report != null && !report.equals("-")) {
            plan.output("--report " + report, Path.of(report));
        }
        plan.check();
        NbinCodec.write(out, c.emitted().image());
        ReportData r = ReportData.of(c);
        var w = spec.commandLine().getOut();
        if (report != null) {
            String text = report.endsWith(".json") ? JsonReport.json(r, nir == null ? null : nir.imported()) : nir != null ? nir.report() : MappingReport.text(r);
            if (report.equals("-")) {
                w.print(text);
            } else {
                AtomicFiles.writeString(Path.of(report), text);
            }
        }
        w.println(String.format(Locale.ROOT, "compiled %s: %d neurons, %d synapses on %d of %d cores of %s -> %s",
                r.network(), r.neurons(), r.synapses(), r.coresUsed(), r.coresAvailable(), r.arch(), out));
        for (String warning : r.warnings()) {
            spec.commandLine().getErr().println("myelin compile: warning: " + warning);
        }
        w.flush();
    }

    /**
     * {@code NET.nbin} in the current directory: never beside the description, whose folder may be
     * a source tree (the launcher rebuilds when its sample folders change) or read-only.
     */
    static Path defaultOutput(Path description) {
        String name = description.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return Path.of((dot > 0 ? name.substring(0, dot) : name) + ".nbin");
    }
}
