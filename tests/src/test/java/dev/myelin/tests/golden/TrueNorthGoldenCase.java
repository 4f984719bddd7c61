package dev.myelin.tests.golden;

import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.model.Targets;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One case of the TrueNorth reference traces (test resources golden/truenorth): its neuron table turned into a {@link NetworkImage}
 * (one core per (core_x, core_y), slot 0; a neuron whose target is the RANC output bus reports on
 * line {@code target_axon} of output port "out" and has no target; other targets keep dx, dy,
 * axon and delay), its input spikes (active in {@code integrate_tick}, already shifted for the
 * IBM convention), the expected output spikes and the per-tick potentials.
 *
 * <p>Each core gets a population {@code core_X_Y} over its neurons, so probes can name them.
 */
public final class TrueNorthGoldenCase {
    /** An input spike: the axon is active in {@code tick}. */
    public record Input(CoreId core, int axon, long tick) {
    }

    /** One row of potentials.csv: V after the tick and whether the neuron spiked. */
    public record Potential(long tick, CoreId core, int neuron, int vEnd, boolean spiked) {
    }

    public final String name;
    public final NetworkImage image;
    public final List<Input> inputs = new ArrayList<>();
    /** Expected output spikes as (tick, line), in file order. */
    public final List<long[]> outputs = new ArrayList<>();
    public final List<Potential> potentials = new ArrayList<>();
    public final int ticks;
    /**
     * Ticks whose output spikes RANC recorded: one per entry of its packet list
     * ({@code ranc_packet_list_index + 1}); potentials.csv may run longer (c5 has a spike in
     * tick 39 in its potentials, after the output recording ended).
     */
    public final int outputTicks;

    public TrueNorthGoldenCase(String name) {
        this.name = name;
        Path dir = TraceFiles.golden("truenorth").resolve(name);
        int packetLists = 0;
        for (Map<String, String> row : csv(dir.resolve("input_spikes.csv"))) {
            inputs.add(new Input(core(row), num(row, "axon"), num(row, "integrate_tick")));
            packetLists = Math.max(packetLists, num(row, "ranc_packet_list_index") + 1);
        }
        this.outputTicks = packetLists;
        for (Map<String, String> row : csv(dir.resolve("output_spikes.csv"))) {
            outputs.add(new long[] {num(row, "tick"), num(row, "output_index")});
        }
        int last = 0;
        for (Map<String, String> row : csv(dir.resolve("potentials.csv"))) {
            potentials.add(new Potential(num(row, "tick"), core(row), num(row, "neuron"), num(row, "v_end"),
                    num(row, "spiked") == 1));
            last = Math.max(last, num(row, "tick"));
        }
        this.ticks = last + 1;
        this.image = build(csv(dir.resolve("truenorth_params.csv")));
    }

    private NetworkImage build(List<Map<String, String>> params) {
        Map<CoreId, List<Map<String, String>>> byCore = new TreeMap<>();
        for (Map<String, String> row : params) {
            byCore.computeIfAbsent(core(row), k -> new ArrayList<>()).add(row);
        }
        Map<CoreId, Integer> axons = axonsUsed(params, byCore);
        List<CoreImage> cores = new ArrayList<>();
        Map<Integer, PortEntry> outLines = new TreeMap<>();
        List<Symbol> symbols = new ArrayList<>();
        for (Map.Entry<CoreId, List<Map<String, String>>> e : byCore.entrySet()) {
            cores.add(core(e.getKey(), e.getValue(), axons.get(e.getKey()), outLines));
            int n = e.getValue().size();
            symbols.add(new Symbol(population(e.getKey()), n, List.of(new Symbol.Range(e.getKey(), 0, n, 0))));
        }
        List<PortEntry> out = new ArrayList<>();
        for (int line = 0; line < outLines.size(); line++) {
            out.add(outLines.get(line));
        }
        Map<Input, Boolean> seen = new LinkedHashMap<>();
        for (Input in : inputs) {
            seen.putIfAbsent(new Input(in.core(), in.axon(), 0), true);
        }
        List<PortEntry> in = seen.keySet().stream().map(i -> new PortEntry(i.core(), i.axon())).toList();
        return new NetworkImage(Presets.require("truenorth"), 0, cores, List.of(new Port("in", in)),
                List.of(new Port("out", out)), symbols);
    }

    /** The input port line of an input spike. */
    public int line(Input in) {
        List<PortEntry> entries = image.inputs().get(0).entries();
        return entries.indexOf(new PortEntry(in.core(), in.axon()));
    }

    public static String population(CoreId core) {
        return "core_" + core.x() + "_" + core.y();
    }

    /** Axons used per core: one past the highest axon any row, target or input names. */
    private Map<CoreId, Integer> axonsUsed(List<Map<String, String>> params, Map<CoreId, List<Map<String, String>>> byCore) {
        Map<CoreId, Integer> axons = new TreeMap<>();
        byCore.keySet().forEach(c -> axons.put(c, 1));
        for (Map<String, String> row : params) {
            for (int a : list(row.get("input_axons"))) {
                axons.merge(core(row), a + 1, Math::max);
            }
            if (num(row, "target_is_output_bus") == 0) {
                CoreId to = new CoreId(core(row).x() + num(row, "target_dx"), core(row).y() + num(row, "target_dy"), 0);
                axons.merge(to, num(row, "target_axon") + 1, Math::max);
            }
        }
        for (Input in : inputs) {
            axons.merge(in.core(), in.axon() + 1, Math::max);
        }
        return axons;
    }

    private static CoreImage core(CoreId id, List<Map<String, String>> rows, int axons, Map<Integer, PortEntry> outLines) {
        int n = rows.size();
        TrueNorthNeurons p = TrueNorthNeurons.zeros(n);
        Crossbar xb = Crossbar.empty(axons, n);
        int[] type = new int[axons];
        int[] start = new int[n + 1];
        List<int[]> targets = new ArrayList<>();
        for (Map<String, String> row : rows) {
            int j = num(row, "neuron");
            if (j >= n) {
                throw new IllegalStateException("golden neurons of core " + id + " are not numbered 0.." + (n - 1));
            }
            neuron(p, j, row);
            int[] in = list(row.get("input_axons"));
            int[] g = list(row.get("axon_types_of_inputs"));
            for (int k = 0; k < in.length; k++) {
                xb.set(in[k], j);
                type[in[k]] = g[k];
            }
            boolean bus = num(row, "target_is_output_bus") == 1;
            if (bus) {
                outLines.put(num(row, "target_axon"), new PortEntry(id, j));
            } else {
                targets.add(new int[] {j, num(row, "target_dx"), num(row, "target_dy"), num(row, "target_axon"),
                        num(row, "delay_ticks")});
            }
        }
        int m = targets.size();
        int[][] f = new int[4][m];
        for (int k = 0; k < m; k++) {
            int[] t = targets.get(k);
            start[t[0] + 1] = 1;
            for (int i = 0; i < 4; i++) {
                f[i][k] = t[i + 1];
            }
        }
        for (int j = 0; j < n; j++) {
            start[j + 1] += start[j];
        }
        return new CoreImage(id, type, p, xb, List.of(), new Targets(start, f[0], f[1], new int[m], f[2], f[3]),
                new byte[0]);
    }

    private static void neuron(TrueNorthNeurons p, int j, Map<String, String> row) {
        for (int g = 0; g < 4; g++) {
            p.weights()[4 * j + g] = num(row, "s" + g);
        }
        p.stochasticSynapse()[j] = num(row, "b0_3");
        p.leak()[j] = num(row, "lambda");
        p.stochasticLeak()[j] = num(row, "c_lambda");
        p.leakReversal()[j] = num(row, "epsilon");
        p.alpha()[j] = num(row, "alpha");
        p.beta()[j] = num(row, "beta");
        p.thresholdMaskBits()[j] = num(row, "TM");
        p.resetMode()[j] = num(row, "gamma");
        p.kappa()[j] = num(row, "kappa");
        p.resetV()[j] = num(row, "R");
        p.v0()[j] = num(row, "V0");
    }

    private static CoreId core(Map<String, String> row) {
        return new CoreId(num(row, "core_x"), num(row, "core_y"), 0);
    }

    private static int num(Map<String, String> row, String key) {
        String v = row.get(key);
        if (v == null) {
            throw new IllegalStateException("golden row lacks column " + key + ": " + row);
        }
        return Integer.parseInt(v.trim());
    }

    private static int[] list(String field) {
        if (field == null || field.isBlank()) {
            return new int[0];
        }
        return java.util.Arrays.stream(field.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
    }

    /** A header-keyed CSV without quoting (the golden files use none). */
    static List<Map<String, String>> csv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            String[] head = lines.get(0).split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < head.length; i++) {
                    row.put(head[i], i < cells.length ? cells[i] : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
