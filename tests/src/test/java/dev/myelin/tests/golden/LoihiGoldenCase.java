package dev.myelin.tests.golden;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One case of the Loihi reference traces (test resources golden/loihi) (cases.json plus its per-step csv), in Lava's terms:
 * steps t are 1-based; the source emits raster column t-1 at step t; a spike emitted at step t
 * reaches the neuron's u at step t+1; u, v are the values at the end of step t, after reset.
 *
 * @param weights    raw weights, [neuron][input]
 * @param effective  the weights after clipping and truncation as Lava reports them, [neuron][input]
 * @param raster     input spikes, [input][column]
 * @param aIn        per step (index t-1) and neuron: the activation received at t, before its &lt;&lt; 6
 * @param u          per step and neuron: u at the end of step t
 * @param v          per step and neuron: v at the end of step t
 * @param spiked     per step and neuron: whether the neuron spiked at t
 */
public record LoihiGoldenCase(String name, int du, int dv, int vth, int[] biasMant, int[] biasExp, int[][] weights,
                              int[][] effective, int weightExp, int numWeightBits, int steps, int[][] raster,
                              List<List<Integer>> spikeSteps, long[][] aIn, long[][] u, long[][] v,
                              boolean[][] spiked) {

    public int neurons() {
        return biasMant.length;
    }

    public int inputs() {
        return raster.length;
    }

    /** All cases of cases.json, in file order. */
    @SuppressWarnings("unchecked")
    public static List<LoihiGoldenCase> load() {
        Path dir = TraceFiles.golden("loihi");
        Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(read(dir.resolve("cases.json")));
        List<LoihiGoldenCase> out = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) doc.get("cases")) {
            out.add(parse(dir, c));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static LoihiGoldenCase parse(Path dir, Map<String, Object> c) {
        int n = num(c, "n_neurons");
        int steps = num(c, "T");
        long[][][] cols = readCsv(dir.resolve((String) c.get("csv")), n, steps);
        boolean[][] spiked = new boolean[steps][n];
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < n; j++) {
                spiked[t][j] = cols[3][t][j] != 0;
            }
        }
        return new LoihiGoldenCase((String) c.get("name"), num(c, "du"), num(c, "dv"), num(c, "vth"),
                ints(c.get("bias_mant")), ints(c.get("bias_exp")), matrix(c.get("weights")),
                matrix(c.get("weights_effective")), num(c, "weight_exp"), num(c, "num_weight_bits"), steps,
                matrix(c.get("raster")), (List<List<Integer>>) c.get("spike_steps"),
                cols[0], cols[1], cols[2], spiked);
    }

    /** Reads a_in, u, v, s of every neuron per step: [field][t-1][neuron]; checks the header names them. */
    private static long[][][] readCsv(Path file, int n, int steps) {
        List<String> lines = lines(file);
        List<String> header = List.of(lines.get(0).split(","));
        String[] fields = {"a_in", "u", "v", "s"};
        long[][][] out = new long[4][steps][n];
        if (lines.size() != steps + 1) {
            throw new IllegalStateException(file + ": " + (lines.size() - 1) + " steps, cases.json says " + steps);
        }
        for (int t = 1; t <= steps; t++) {
            String[] cells = lines.get(t).split(",");
            if (Integer.parseInt(cells[0]) != t) {
                throw new IllegalStateException(file + ": row " + t + " is step " + cells[0]);
            }
            for (int f = 0; f < 4; f++) {
                for (int j = 0; j < n; j++) {
                    int col = header.indexOf(fields[f] + j);
                    if (col < 0) {
                        throw new IllegalStateException(file + ": no column " + fields[f] + j);
                    }
                    out[f][t - 1][j] = Long.parseLong(cells[col]);
                }
            }
        }
        return out;
    }

    private static int num(Map<String, Object> c, String key) {
        return ((Number) c.get(key)).intValue();
    }

    @SuppressWarnings("unchecked")
    private static int[] ints(Object o) {
        return ((List<Number>) o).stream().mapToInt(Number::intValue).toArray();
    }

    @SuppressWarnings("unchecked")
    private static int[][] matrix(Object o) {
        return ((List<Object>) o).stream().map(LoihiGoldenCase::ints).toArray(int[][]::new);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
