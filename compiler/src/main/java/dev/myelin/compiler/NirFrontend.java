package dev.myelin.compiler;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.nir.NirGraph;
import dev.myelin.compiler.nir.NirImport;
import dev.myelin.compiler.nir.NirModel;
import dev.myelin.compiler.nir.NirReader;
import dev.myelin.compiler.report.MappingReport;
import dev.myelin.compiler.report.ReportData;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.spi.CompiledNetwork;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The NIR frontend: reads a NIR file, discretises it for an explicit time step and compiles it for a
 * Loihi-class architecture (the {@code loihi} preset unless another is given). docs/nir.md.
 */
public final class NirFrontend {
    /** The default target: NIR neurons need multiplicative decays, which only the Loihi datapath has. */
    public static final String DEFAULT_ARCH = "loihi";

    private NirFrontend() {
    }

    /** One compiled NIR file: the compilation, the import (groups, report lines) and the network to run. */
    public record Compiled(Compiler.Compilation compilation, NirImport.Result imported, CompiledNetwork network,
                           String report) {
    }

    /**
     * Parses {@code --dt}: a time with its unit ({@code 1ms}, {@code 0.1 ms}, {@code 100us}) to milliseconds.
     *
     * @param text the option's value, or null when it was not given
     */
    public static double parseDt(String text, Path file) {
        if (text == null) {
            throw new MyelinInputException(file + ": a NIR file does not fix the time step; give it with --dt"
                    + " (e.g. --dt 1ms)");
        }
        dev.myelin.compiler.source.Units.Parsed p = dev.myelin.compiler.source.Units.parse(text,
                dev.myelin.compiler.source.Units.Dimension.TIME);
        if (p.error() != null) {
            throw new MyelinInputException("--dt: " + p.error());
        }
        if (!(p.value() > 0) || Double.isInfinite(p.value())) {
            throw new MyelinInputException("--dt: " + text + " must be a positive time");
        }
        return p.value();
    }

    public static boolean isNir(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase().endsWith(".nir");
    }

    /**
     * @param dtMs          the tick length (the file has none)
     * @param archOverride  a preset or architecture file, or null for {@link #DEFAULT_ARCH}
     * @param inputs        spikes per Input node {@code {ticks, indices}} (may be empty)
     */
    public static Compiled compile(Path file, double dtMs, String archOverride, Map<String, int[][]> inputs) {
        NirGraph g = NirReader.read(file);
        NirModel m = NirModel.of(g, dtMs);
        String archName = archOverride != null ? archOverride : DEFAULT_ARCH;
        Architecture arch = Compiler.resolveArch(archName, file, archOverride != null ? "--arch" : file.toString());
        if (arch.datapath() == Datapath.TRUENORTH) {
            throw new MyelinInputException((archOverride != null ? "--arch " + archOverride : file.toString())
                    + ": architecture " + arch.name() + " has the TrueNorth datapath, whose neurons have no"
                    + " multiplicative decay; NIR networks compile to a Loihi-class architecture (--arch loihi)");
        }
        String name = file.getFileName().toString().replaceFirst("(?i)\\.nir$", "");
        NirImport.Result r = NirImport.lower(m, name, archName, inputs);
        Diagnostics d = new Diagnostics();
        Path archFile = Compiler.archFile(archName, file);
        if (archFile != null) {
            d.read(archFile);
        }
        Compiler.Compilation c = Compiler.compile(r.network(), arch, d, new LinkedHashMap<>());
        StringBuilder text = new StringBuilder(MappingReport.text(ReportData.of(c)));
        text.append("\n== NIR import ==\n");
        for (String line : r.report()) {
            text.append(line).append('\n');
        }
        CompiledNetwork net = new CompiledNetwork(c.emitted().image(), c.emitted().stimuli(), c.emitted().probes(),
                text.toString(), c.diagnostics().warnings(), c.diagnostics().files());
        return new Compiled(c, r, net, text.toString());
    }
}
