package dev.myelin.compiler.lower;

import dev.myelin.compiler.ir.Synapses;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TrueNorth's 4-weights-per-neuron limit: a neuron whose incoming synapses carry more than 4
 * distinct weights gets its values clustered to 4 levels (1-D k-means, seeded at quantiles,
 * 20 iterations), and those synapses store the level nearest their value.
 */
final class TrueNorthLevels {
    static final int LEVELS = 4;

    private TrueNorthLevels() {
    }

    static List<QuantiseSynapses.Proj> limitToFourPerNeuron(List<QuantiseSynapses.Proj> in, LowerNeurons.Product low) {
        List<QuantiseSynapses.Proj> out = new ArrayList<>(in);
        for (LowerNeurons.Pop pop : low.pops()) {
            String name = pop.pop().name();
            int n = pop.pop().size();
            int[] seen = new int[n * (LEVELS + 1)];
            int[] count = new int[n];
            boolean over = false;
            for (QuantiseSynapses.Proj p : in) {
                if (!p.syn().projection().post().equals(name)) {
                    continue;
                }
                for (int k = 0; k < p.syn().count(); k++) {
                    over |= note(seen, count, p.syn().post()[k], p.weight(k));
                }
            }
            if (over) {
                Map<Integer, int[]> levels = cluster(in, name, count);
                for (int i = 0; i < out.size(); i++) {
                    QuantiseSynapses.Proj p = out.get(i);
                    if (p.syn().projection().post().equals(name)) {
                        out.set(i, snap(p, levels));
                    }
                }
            }
        }
        return out;
    }

    /** Records value w for neuron j; true when j now has more than 4 distinct values. */
    private static boolean note(int[] seen, int[] count, int j, int w) {
        int base = j * (LEVELS + 1);
        for (int k = 0; k < Math.min(count[j], LEVELS + 1); k++) {
            if (seen[base + k] == w) {
                return false;
            }
        }
        if (count[j] <= LEVELS) {
            seen[base + count[j]] = w;
        }
        count[j]++;
        return count[j] > LEVELS;
    }

    private static Map<Integer, int[]> cluster(List<QuantiseSynapses.Proj> in, String post, int[] count) {
        Map<Integer, List<Integer>> values = new HashMap<>();
        for (QuantiseSynapses.Proj p : in) {
            if (!p.syn().projection().post().equals(post)) {
                continue;
            }
            for (int k = 0; k < p.syn().count(); k++) {
                int j = p.syn().post()[k];
                if (count[j] > LEVELS) {
                    values.computeIfAbsent(j, x -> new ArrayList<>()).add(p.weight(k));
                }
            }
        }
        Map<Integer, int[]> levels = new HashMap<>();
        values.forEach((j, v) -> levels.put(j, kmeans(v.stream().mapToInt(Integer::intValue).sorted().toArray())));
        return levels;
    }

    /** Four integer levels for sorted values, minimising the squared error locally. */
    static int[] kmeans(int[] sorted) {
        double[] c = new double[LEVELS];
        for (int k = 0; k < LEVELS; k++) {
            c[k] = sorted[(int) ((k + 0.5) * sorted.length / LEVELS)];
        }
        for (int it = 0; it < 20; it++) {
            double[] sum = new double[LEVELS];
            int[] n = new int[LEVELS];
            for (int v : sorted) {
                int b = nearest(c, v);
                sum[b] += v;
                n[b]++;
            }
            for (int k = 0; k < LEVELS; k++) {
                if (n[k] > 0) {
                    c[k] = sum[k] / n[k];
                }
            }
        }
        return Arrays.stream(c).mapToInt(x -> (int) Math.round(x)).toArray();
    }

    private static int nearest(double[] c, double v) {
        int b = 0;
        for (int k = 1; k < c.length; k++) {
            if (Math.abs(c[k] - v) < Math.abs(c[b] - v)) {
                b = k;
            }
        }
        return b;
    }

    private static QuantiseSynapses.Proj snap(QuantiseSynapses.Proj p, Map<Integer, int[]> levels) {
        int[] w = new int[p.syn().count()];
        double num = 0;
        double den = 0;
        for (int k = 0; k < w.length; k++) {
            int j = p.syn().post()[k];
            int v = p.weight(k);
            int[] lv = levels.get(j);
            if (lv != null) {
                double[] c = Arrays.stream(lv).asDoubleStream().toArray();
                v = lv[nearest(c, v)];
            }
            w[k] = v;
            num += Math.abs(v - p.weight(k));
            den += Math.abs(p.weight(k));
        }
        double extra = den == 0 ? 0 : num / den;
        return new QuantiseSynapses.Proj(p.syn(), w, 0, null, p.relError() + extra);
    }
}
