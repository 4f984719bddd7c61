package dev.myelin.cli;

import dev.myelin.chip.learn.DeviceCurves;
import dev.myelin.chip.plot.LearningPlots;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.AtomicFiles;
import dev.myelin.isa.io.OutputPlan;
import dev.myelin.isa.learn.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code myelin device-curves [PRESET...]}: the potentiation and depression curves of memristive device presets. */
@Command(name = "device-curves", mixinStandardHelpOptions = true,
        description = {"Print (and plot) the potentiation and depression curves of memristive device presets:",
                "from G_min, the preset's potentiation pulses, then its depression pulses, the conductance after"
                        + " each pulse. With --seed, one device with that seed's variability is added per preset."})
public final class DeviceCurvesCommand implements java.util.concurrent.Callable<Integer>, MyelinCommand {
    @Parameters(paramLabel = "PRESET", arity = "0..*", description = "device presets (default: all)")
    List<String> presets = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "add one device with the variability of this seed")
    Long seed;

    @Option(names = "--csv", paramLabel = "FILE", description = "write device,variation,pulse,phase,g_ns,g_norm as CSV (default: standard output)")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "draw the curves, conductance normalised to [0, 1]")
    Path plot;

    @Spec
    CommandSpec spec;

    @Override
    public int order() {
        return 46;
    }

    @Override
    public Integer call() {
        List<String> names = presets.isEmpty() ? Device.presetNames() : presets;
        List<Device> devices = new ArrayList<>();
        for (String n : names) {
            devices.add(Device.preset(n).orElseThrow(() -> new MyelinInputException(
                    "unknown device preset '" + n + "' (known: " + String.join(", ", Device.presetNames()) + ")")));
        }
        new OutputPlan().output("--csv " + csv, csv).output("--plot " + plot, plot).check();
        StringBuilder sb = new StringBuilder("device,variation,pulse,phase,g_ns,g_norm\n");
        List<LearningPlots.Series> series = new ArrayList<>();
        for (Device d : devices) {
            add(sb, series, d, null);
            if (seed != null) {
                add(sb, series, d, seed);
            }
        }
        if (csv != null) {
            AtomicFiles.writeString(csv, sb.toString());
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(sb);
            out.flush();
        }
        if (plot != null) {
            LearningPlots.lines(plot, "Memristive devices: potentiation, then depression", "pulse",
                    "(G - G_min) / (G_max - G_min)", series, false);
        }
        return 0;
    }

    private static void add(StringBuilder sb, List<LearningPlots.Series> series, Device d, Long seed) {
        double[] g = DeviceCurves.trace(d, seed);
        double[] x = new double[g.length];
        double[] y = new double[g.length];
        String variation = seed == null ? "none" : "seed " + seed;
        for (int i = 0; i < g.length; i++) {
            x[i] = i;
            y[i] = (g[i] - d.gMinNs()) / d.rangeNs();
            String phase = i == 0 ? "start" : i <= d.levelsLtp() ? "potentiation" : "depression";
            sb.append(d.name()).append(',').append(variation).append(',').append(i).append(',').append(phase)
                    .append(',').append(g[i]).append(',').append(y[i]).append('\n');
        }
        series.add(new LearningPlots.Series(seed == null ? d.name() : d.name() + " (seed " + seed + ")", x, y));
    }
}
