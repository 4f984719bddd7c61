package dev.myelin.compiler.route;

import dev.myelin.compiler.ir.InputSource;
import dev.myelin.compiler.ir.IntBuf;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.partition.Partition;

import java.util.ArrayList;
import java.util.List;

/**
 * Every source's targets, read off the allocated axons: population neurons' targets grouped by
 * (population, neuron) in CSR form, input lines' targets as port lines. Deterministic order:
 * by destination core, then axon.
 */
final class Targets {
    private final int[][] start;
    private final int[] core;
    private final int[] axon;
    private final int[] delay;
    private final List<IntBuf[]> inputs;

    private Targets(int[][] start, int[] core, int[] axon, int[] delay, List<IntBuf[]> inputs) {
        this.start = start;
        this.core = core;
        this.axon = axon;
        this.delay = delay;
        this.inputs = inputs;
    }

    static Targets collect(Network n, List<CoreAxons> cores, Partition.Product part) {
        int pops = n.populations().size();
        int[][] count = new int[pops][];
        for (int p = 0; p < pops; p++) {
            count[p] = new int[n.populations().get(p).size() + 1];
        }
        List<IntBuf[]> inputs = new ArrayList<>();
        for (int k = 0; k < n.inputs().size(); k++) {
            inputs.add(new IntBuf[] {new IntBuf(16), new IntBuf(16), new IntBuf(16), new IntBuf(16)});
        }
        for (CoreAxons c : cores) {
            for (int a = 0; a < c.axons(); a++) {
                if (c.src.get(a) >= 0) {
                    count[c.src.get(a)][c.srcIndex.get(a) + 1]++;
                }
            }
        }
        int total = 0;
        int[][] start = new int[pops][];
        for (int p = 0; p < pops; p++) {
            start[p] = new int[count[p].length];
            for (int i = 0; i + 1 < count[p].length; i++) {
                start[p][i] = total;
                total += count[p][i + 1];
            }
            start[p][count[p].length - 1] = total;
        }
        int[] fill = new int[total];
        int[][] next = new int[pops][];
        for (int p = 0; p < pops; p++) {
            next[p] = start[p].clone();
        }
        int[] tc = fill;
        int[] ta = new int[total];
        int[] td = new int[total];
        for (int s = 0; s < cores.size(); s++) {
            CoreAxons c = cores.get(s);
            for (int a = 0; a < c.axons(); a++) {
                int src = c.src.get(a);
                if (src >= 0) {
                    int at = next[src][c.srcIndex.get(a)]++;
                    tc[at] = s;
                    ta[at] = a;
                    td[at] = c.delay.get(a);
                } else {
                    IntBuf[] in = inputs.get(-1 - src);
                    in[0].add(c.srcIndex.get(a));
                    in[1].add(s);
                    in[2].add(a);
                    in[3].add(c.delay.get(a));
                }
            }
        }
        return new Targets(start, tc, ta, td, inputs);
    }

    int start(int pop, int i) {
        return start[pop][i];
    }

    int end(int pop, int i) {
        return start[pop][i + 1];
    }

    int core(int k) {
        return core[k];
    }

    int axon(int k) {
        return axon[k];
    }

    int delay(int k) {
        return delay[k];
    }

    /** One port per spiking input, lines sorted by input line (then core, axon). */
    List<Route.InputPort> inputPorts(Network n) {
        List<Route.InputPort> out = new ArrayList<>();
        for (int k = 0; k < n.inputs().size(); k++) {
            InputSource s = n.inputs().get(k);
            if (s instanceof InputSource.Current) {
                continue;
            }
            IntBuf[] in = inputs.get(k);
            int m = in[0].size();
            long[] keys = new long[m];
            for (int e = 0; e < m; e++) {
                keys[e] = (long) in[0].get(e) << 32 | e;
            }
            java.util.Arrays.sort(keys);
            int[] line = new int[m];
            int[] core = new int[m];
            int[] axon = new int[m];
            int[] delay = new int[m];
            for (int e = 0; e < m; e++) {
                int src = (int) keys[e];
                line[e] = in[0].get(src);
                core[e] = in[1].get(src);
                axon[e] = in[2].get(src);
                delay[e] = in[3].get(src);
            }
            out.add(new Route.InputPort(s.name(), line, core, axon, delay));
        }
        return out;
    }
}
