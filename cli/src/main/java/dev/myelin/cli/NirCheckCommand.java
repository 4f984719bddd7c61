package dev.myelin.cli;

import dev.myelin.chip.run.InputCsv;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.OutputSpike;
import dev.myelin.compiler.NirFrontend;
import dev.myelin.compiler.nir.NirGraph;
import dev.myelin.compiler.nir.NirModel;
import dev.myelin.compiler.nir.NirReader;
import dev.myelin.compiler.nir.NirReference;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.spi.Stimulus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code myelin nir-check NET.nir --dt 1ms --input FILE.csv}: the NIR graph simulated in double
 * precision (the compiler's reference, never the chip) next to the compiled network run on the
 * emulated chip, with per-population spike agreement and where the two first diverge.
 */
@Command(name = "nir-check", mixinStandardHelpOptions = true,
        description = {"Compare a NIR file's floating-point reference simulation with its compiled chip run.",
                "Per neuron node: spikes in each, spikes matched (same tick and neuron), agreement "
                        + "2 x matched / (reference + chip), and the first tick where they differ (docs/nir.md)."})
public final class NirCheckCommand implements java.util.concurrent.Callable<Integer>, MyelinCommand {
    @Parameters(index = "0", paramLabel = "NET.nir", description = "the NIR file")
    Path file;

    @Option(names = "--dt", required = true, paramLabel = "TIME", description = "time step (e.g. 1ms)")
    String dt;

    @Option(names = "--input", paramLabel = "[PORT=]FILE.csv",
            description = "spikes for an Input node: CSV rows tick,index (PORT may be left out when the graph has one"
                    + " Input node; repeatable)")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--ticks", paramLabel = "N",
            description = "ticks to simulate (default: the last input tick + 50)")
    Integer ticks;

    @Option(names = "--arch", paramLabel = "NAME|FILE", description = "target architecture (default: loihi)")
    String arch;

    @Spec
    CommandSpec spec;

    @Override
    public int order() {
        return 42;
    }

    @Override
    public Integer call() {
        double dtMs = NirFrontend.parseDt(dt, file);
        NirGraph g = NirReader.read(file);
        NirModel m = NirModel.of(g, dtMs);
        Map<String, int[][]> spikes = readInputs(m);
        int last = -1;
        for (int[][] sp : spikes.values()) {
            for (int t : sp[0]) {
                last = Math.max(last, t);
            }
        }
        int n = ticks != null ? ticks : last + 51;
        if (n < 1) {
            throw new MyelinInputException("--ticks must be >= 1");
        }
        NirReference.Run ref = NirReference.run(m, spikes, n);
        NirFrontend.Compiled c = NirFrontend.compile(file, dtMs, arch, spikes);
        Map<String, Set<Long>> chip = runChip(c, n);
        PrintWriter w = spec.commandLine().getOut();
        w.println(String.format(Locale.ROOT, "nir-check %s: dt %s ms, %d ticks, arch %s; reference in double precision,"
                + " chip emulated bit-exactly", file.getFileName(), num(dtMs), n, c.compilation().arch().name()));
        w.println(String.format(Locale.ROOT, "%-20s %8s %11s %11s %9s %10s  %s", "node", "neurons", "ref spikes",
                "chip spikes", "matched", "agreement", "first divergence"));
        long allRef = 0;
        long allChip = 0;
        long allMatch = 0;
        for (NirModel.State s : m.states().values()) {
            if (!s.kind().spiking()) {
                continue;
            }
            Set<Long> cs = chip.getOrDefault(s.name(), Set.of());
            long[] rm = new long[2];
            String first = compare(ref.spikes().get(s.name()), cs, s.size(), n, rm);
            long refCount = rm[0];
            long match = rm[1];
            long chipCount = cs.size();
            allRef += refCount;
            allChip += chipCount;
            allMatch += match;
            w.println(String.format(Locale.ROOT, "%-20s %8d %11d %11d %9d %10s  %s", s.name(), s.size(), refCount,
                    chipCount, match, agreement(match, refCount, chipCount), first));
        }
        w.println(String.format(Locale.ROOT, "%-20s %8s %11d %11d %9d %10s", "all", "", allRef, allChip, allMatch,
                agreement(allMatch, allRef, allChip)));
        printOutputs(w, m, ref, chip);
        w.flush();
        return 0;
    }

    /**
     * Compares one node's spikes: sets {@code counts} to {reference spikes, matched spikes} and returns
     * where they first differ ("none" when they never do).
     */
    private static String compare(int[][] r, Set<Long> cs, int size, int n, long[] counts) {
        long refCount = 0;
        long match = 0;
        String first = "none";
        for (int t = 0; t < n; t++) {
            Set<Integer> rt = new HashSet<>();
            for (int i : r[t]) {
                rt.add(i);
                refCount++;
                if (cs.contains(t * (1L << 31) + i)) {
                    match++;
                }
            }
            if (first.equals("none")) {
                for (int i = 0; i < size; i++) {
                    boolean inRef = rt.contains(i);
                    boolean inChip = cs.contains(t * (1L << 31) + i);
                    if (inRef != inChip) {
                        first = "tick " + t + ", neuron " + i + " fired in the " + (inRef ? "reference" : "chip")
                                + " only";
                        break;
                    }
                }
            }
        }
        counts[0] = refCount;
        counts[1] = match;
        return first;
    }

    /** The spikes of each {@code --input}, per Input node: {ticks, indices}. */
    private Map<String, int[][]> readInputs(NirModel m) {
        List<String> inputNodes = m.states().values().stream().filter(s -> s.kind() == NirModel.Kind.INPUT)
                .map(NirModel.State::name).toList();
        Map<String, int[][]> spikes = new LinkedHashMap<>();
        for (String in : inputs) {
            int eq = in.indexOf('=');
            String port;
            Path f;
            if (eq < 0) {
                if (inputNodes.size() != 1) {
                    throw new MyelinInputException("--input " + in + ": the graph has " + inputNodes.size()
                            + " Input nodes (" + String.join(", ", inputNodes) + "); write --input PORT=FILE.csv");
                }
                port = inputNodes.get(0);
                f = Path.of(in);
            } else {
                port = in.substring(0, eq);
                f = Path.of(in.substring(eq + 1));
            }
            NirModel.State s = m.states().get(port);
            if (s == null || s.kind() != NirModel.Kind.INPUT) {
                throw new MyelinInputException("--input " + in + ": no Input node named '" + port + "' (inputs: "
                        + String.join(", ", inputNodes) + ")");
            }
            Stimulus.SpikeArray a = InputCsv.read(port, f, s.size());
            spikes.put(port, new int[][] {a.tick(), a.index()});
        }
        return spikes;
    }

    /**
     * The compiled image on the chip with the same inputs: per neuron node, its spikes as
     * {@code tick * 2^31 + neuron} (each node is the population of its name, its neurons in order).
     */
    private static Map<String, Set<Long>> runChip(NirFrontend.Compiled c, int n) {
        Map<String, Set<Long>> chip = new LinkedHashMap<>();
        try (Chip ch = Chip.load(c.network().image(), ChipOptions.defaults())) {
            for (Stimulus st : c.network().stimuli()) {
                Stimulus.SpikeArray a = (Stimulus.SpikeArray) st;
                for (int k = 0; k < a.tick().length; k++) {
                    if (a.tick()[k] < n) {
                        ch.inject(a.port(), a.index()[k], a.tick()[k]);
                    }
                }
            }
            ch.run(n);
            // each neuron node is the population of its name, its neurons in order; bias populations are skipped
            for (OutputSpike o : ch.outputSpikes()) {
                if (c.imported().neurons().containsKey(o.port())) {
                    chip.computeIfAbsent(o.port(), k -> new HashSet<>()).add(o.tick() * (1L << 31) + o.line());
                }
            }
        }
        return chip;
    }

    /** Per Output node fed by a spiking node: each neuron's spike count in both runs and the most active. */
    private static void printOutputs(PrintWriter w, NirModel m, NirReference.Run ref, Map<String, Set<Long>> chip) {
        for (var o : m.outputs().entrySet()) {
            NirModel.State s = m.states().get(o.getValue());
            if (!s.kind().spiking()) {
                continue;
            }
            long[] rc = new long[s.size()];
            long[] cc = new long[s.size()];
            for (int[] at : ref.spikes().get(s.name())) {
                for (int i : at) {
                    rc[i]++;
                }
            }
            for (long key : chip.getOrDefault(s.name(), Set.of())) {
                cc[(int) (key % (1L << 31))]++;
            }
            w.println(String.format(Locale.ROOT, "output '%s' (%s): spike counts reference %s, chip %s; most active:"
                            + " reference %d, chip %d", o.getKey(), s.name(), java.util.Arrays.toString(rc),
                    java.util.Arrays.toString(cc), argmax(rc), argmax(cc)));
        }
    }

    static String agreement(long match, long ref, long chip) {
        return ref + chip == 0 ? "1.000" : String.format(Locale.ROOT, "%.3f", 2.0 * match / (ref + chip));
    }

    private static int argmax(long[] a) {
        int b = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[b]) {
                b = i;
            }
        }
        return b;
    }

    /** A time in ms for the header: whole numbers without a fraction. */
    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
