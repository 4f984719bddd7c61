package dev.myelin.cli;

import dev.myelin.chip.learn.PairingSweep;
import dev.myelin.chip.plot.LearningPlots;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.AtomicFiles;
import dev.myelin.isa.io.OutputPlan;
import dev.myelin.isa.spi.CompiledNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code myelin stdp-window NET --pre PORT --post PORT}: measure a plastic synapse's STDP window on the chip. */
@Command(name = "stdp-window", mixinStandardHelpOptions = true,
        description = {"Measure the STDP window of a network's plastic synapse on the emulated chip.",
                "For each dt, a fresh chip gets a spike on line 0 of the --pre port and, dt ticks later (earlier when"
                        + " dt < 0), one on line 0 of the --post port, which must make the post neuron fire; prints"
                        + " the weight change of the synapse the pre line drives (raw weight units)."})
public final class StdpWindowCommand implements java.util.concurrent.Callable<Integer>, MyelinCommand {
    @Parameters(index = "0", paramLabel = "NET", description = "a .nbin binary or a network description (.yaml)")
    Path network;

    @Option(names = "--pre", required = true, paramLabel = "PORT", description = "the input port driving the plastic synapse")
    String pre;

    @Option(names = "--post", required = true, paramLabel = "PORT", description = "the input port that makes the post neuron fire")
    String post;

    @Option(names = "--dt", defaultValue = "-60:60:2", paramLabel = "A:B:STEP",
            description = "spike-time differences t_post - t_pre in ticks (default ${DEFAULT-VALUE})")
    String dt;

    @Option(names = "--settle", defaultValue = "10", paramLabel = "N",
            description = "ticks run after the later spike (default ${DEFAULT-VALUE})")
    int settle;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "chip seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--csv", paramLabel = "FILE", description = "write dt,dw as CSV (default: standard output)")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "draw the window")
    Path plot;

    @Spec
    CommandSpec spec;

    @Override
    public int order() {
        return 45;
    }

    @Override
    public Integer call() {
        int[] dts = range(dt);
        if (settle < 1 || settle > 1_000_000) {
            throw new MyelinInputException("--settle = " + settle + " is out of range [1, 1000000]");
        }
        new OutputPlan().input("the network " + network, network).output("--csv " + csv, csv)
                .output("--plot " + plot, plot).check();
        CompiledNetwork net = NetworkLoader.load(network, null);
        double[] dw = PairingSweep.run(net.image(), pre, post, dts, seed, settle);
        StringBuilder sb = new StringBuilder("dt,dw\n");
        double[] x = new double[dts.length];
        for (int i = 0; i < dts.length; i++) {
            x[i] = dts[i] * net.image().dtMs();
            sb.append(dts[i]).append(',').append(dw[i]).append('\n');
        }
        if (csv != null) {
            AtomicFiles.writeString(csv, sb.toString());
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(sb);
            out.flush();
        }
        if (plot != null) {
            LearningPlots.window(plot, network.getFileName().toString(), x, dw, "raw weight");
        }
        return 0;
    }

    /** {@code A:B:STEP} as the list A, A + STEP, ... up to B. */
    static int[] range(String s) {
        String[] p = s.split(":", -1);
        try {
            if (p.length != 3) {
                throw new NumberFormatException();
            }
            int a = Integer.parseInt(p[0].trim());
            int b = Integer.parseInt(p[1].trim());
            int step = Integer.parseInt(p[2].trim());
            if (step < 1 || b < a || (long) (b - a) / step >= 10_000) {
                throw new MyelinInputException("--dt " + s + ": needs A <= B, STEP >= 1 and at most 10000 points");
            }
            int[] out = new int[(b - a) / step + 1];
            for (int i = 0; i < out.length; i++) {
                out[i] = a + i * step;
            }
            return out;
        } catch (NumberFormatException e) {
            throw new MyelinInputException("--dt " + s + ": expected A:B:STEP (integers, ticks)");
        }
    }
}
