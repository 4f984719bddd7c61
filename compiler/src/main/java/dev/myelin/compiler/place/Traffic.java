package dev.myelin.compiler.place;

import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.Synapses;
import dev.myelin.compiler.lower.ExpandConnectivity;
import dev.myelin.compiler.lower.RateEstimate;
import dev.myelin.compiler.partition.Partition;
import dev.myelin.isa.arch.Architecture;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Estimated spike packets per tick between slices: for each source neuron, one packet per
 * distinct (destination slice, delay) per spike, times its estimated rate (at least
 * {@link #RATE_FLOOR}). Inputs enter at
 * their destination core and cost no hops, so only population-to-population traffic counts.
 * Stored as an undirected adjacency in CSR form for the placer.
 */
public record Traffic(int slices, int[] edgeA, int[] edgeB, double[] rate, int[] adjStart, int[] adjOther,
                      double[] adjRate) {

    /**
     * Least rate counted per source neuron (spikes per tick), so populations the rough estimate
     * calls silent (balanced excitation and inhibition, edge detectors) still shape the placement.
     */
    public static final double RATE_FLOOR = 0.01;

    public double totalRate() {
        return Arrays.stream(rate).sum();
    }

    public static Traffic estimate(Network n, Architecture arch, ExpandConnectivity.Product ex,
                                   Partition.Product part, RateEstimate.Product rates) {
        int s = part.slices().size();
        int d = arch.delaySlots();
        Map<Long, Double> edges = new HashMap<>();
        int[] mark = new int[s * d];
        int stamp = 0;
        for (Synapses syn : ex.projections()) {
            int pre = Partition.indexOf(n, syn.projection().pre());
            if (pre < 0) {
                continue;
            }
            double r = Math.max(RATE_FLOOR, rates.of(syn.projection().pre()));
            int[] preSlice = part.sliceOf()[pre];
            int[] postSlice = part.sliceOf()[Partition.indexOf(n, syn.projection().post())];
            for (int i = 0; i < syn.preSize(); i++) {
                stamp++;
                int a = preSlice[i];
                for (int k = syn.rowStart()[i]; k < syn.rowStart()[i + 1]; k++) {
                    int b = postSlice[syn.post()[k]];
                    int key = b * d + syn.delay(k);
                    if (mark[key] != stamp) {
                        mark[key] = stamp;
                        if (a != b) {
                            edges.merge(Math.min(a, b) * (long) s + Math.max(a, b), r, Double::sum);
                        }
                    }
                }
            }
        }
        return build(s, edges);
    }

    static Traffic build(int s, Map<Long, Double> edges) {
        int m = edges.size();
        int[] ea = new int[m];
        int[] eb = new int[m];
        double[] er = new double[m];
        int k = 0;
        Long[] keys = edges.keySet().toArray(new Long[0]);
        Arrays.sort(keys);
        int[] deg = new int[s + 1];
        for (Long key : keys) {
            ea[k] = (int) (key / s);
            eb[k] = (int) (key % s);
            er[k] = edges.get(key);
            deg[ea[k] + 1]++;
            deg[eb[k] + 1]++;
            k++;
        }
        for (int i = 0; i < s; i++) {
            deg[i + 1] += deg[i];
        }
        int[] fill = deg.clone();
        int[] other = new int[2 * m];
        double[] rate = new double[2 * m];
        for (int e = 0; e < m; e++) {
            other[fill[ea[e]]] = eb[e];
            rate[fill[ea[e]]++] = er[e];
            other[fill[eb[e]]] = ea[e];
            rate[fill[eb[e]]++] = er[e];
        }
        return new Traffic(s, ea, eb, er, deg, other, rate);
    }
}
