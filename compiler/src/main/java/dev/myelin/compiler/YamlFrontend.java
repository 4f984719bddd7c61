package dev.myelin.compiler;

import dev.myelin.compiler.ir.InputDelivery;
import dev.myelin.compiler.report.MappingReport;
import dev.myelin.compiler.report.ReportData;
import dev.myelin.isa.spi.CompiledNetwork;
import dev.myelin.isa.spi.NetworkFrontend;

import java.nio.file.Path;
import java.util.List;

/** The YAML network description frontend, found by the chip's run command through {@link NetworkFrontend#forFile}. */
public final class YamlFrontend implements NetworkFrontend {
    @Override
    public List<String> extensions() {
        return List.of("yaml", "yml");
    }

    @Override
    public CompiledNetwork compile(Path description, String archOverride) {
        return compile(description, archOverride, null);
    }

    /** As {@link #compile(Path, String)}, with every spiking input delivered by {@code inputs} when not null. */
    public CompiledNetwork compile(Path description, String archOverride, InputDelivery inputs) {
        Compiler.Compilation c = Compiler.compileFile(description, archOverride, inputs);
        return new CompiledNetwork(c.emitted().image(), c.emitted().stimuli(), c.emitted().probes(),
                MappingReport.text(ReportData.of(c)), c.diagnostics().warnings(), c.diagnostics().files());
    }
}
