package dev.myelin.compiler.route;

import dev.myelin.compiler.ir.IntBuf;
import dev.myelin.compiler.lower.QuantiseSynapses;
import dev.myelin.isa.model.SynapseFormat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Axon types. TrueNorth: each axon gets one of 4 types G and each neuron one weight per type;
 * an axon whose synapses cannot share a type (a neuron already uses every compatible type for
 * another weight) is split into copies, one per type needed. Loihi: the type is the index of
 * the projection's synapse format among the core's formats.
 */
final class AxonTypes {
    static final int UNSET = Integer.MIN_VALUE;

    private AxonTypes() {
    }

    /**
     * Assigns TrueNorth types in axon order; returns the weights per neuron and type
     * ({@code [4 * neuron + G]}, UNSET where unused). Copies are appended to {@code c}.
     */
    static int[] trueNorth(CoreAxons c, int neurons, int[][] rows) {
        int[] s = new int[4 * neurons];
        Arrays.fill(s, UNSET);
        int original = c.axons();
        int[] originalType = new int[original];
        IntBuf copyType = new IntBuf(4);
        for (int a = 0; a < original; a++) {
            int[] row = rows[a];
            int g = commonType(c, s, row);
            if (g >= 0) {
                apply(c, s, row, g);
                originalType[a] = g;
                continue;
            }
            int[] choice = new int[row.length];
            for (int r = 0; r < row.length; r++) {
                choice[r] = typeFor(s, c.synPost.get(row[r]), c.synWeight.get(row[r]));
                s[4 * c.synPost.get(row[r]) + choice[r]] = c.synWeight.get(row[r]);
            }
            boolean first = true;
            for (int gg = 0; gg < 4; gg++) {
                int axon = -1;
                for (int r = 0; r < row.length; r++) {
                    if (choice[r] != gg) {
                        continue;
                    }
                    if (axon < 0) {
                        if (first) {
                            axon = a;
                            originalType[a] = gg;
                            first = false;
                        } else {
                            axon = c.addAxon(c.src.get(a), c.srcIndex.get(a), c.delay.get(a), c.proj.get(a));
                            copyType.add(gg);
                        }
                    }
                    c.synAxon.set(row[r], axon);
                }
            }
        }
        int[] type = Arrays.copyOf(originalType, c.axons());
        for (int k = 0; k < copyType.size(); k++) {
            type[original + k] = copyType.get(k);
        }
        c.type = type;
        return s;
    }

    private static int commonType(CoreAxons c, int[] s, int[] row) {
        for (int g = 0; g < 4; g++) {
            boolean ok = true;
            for (int k : row) {
                int j = c.synPost.get(k);
                int w = c.synWeight.get(k);
                int v = s[4 * j + g];
                // a free slot may take w only if no other slot of j holds w: a weight never takes two slots,
                // so a neuron's at most 4 distinct weights always find room
                if (v != w && (v != UNSET || holds(s, j, w))) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return g;
            }
        }
        return -1;
    }

    private static boolean holds(int[] s, int j, int w) {
        for (int g = 0; g < 4; g++) {
            if (s[4 * j + g] == w) {
                return true;
            }
        }
        return false;
    }

    private static void apply(CoreAxons c, int[] s, int[] row, int g) {
        for (int k : row) {
            s[4 * c.synPost.get(k) + g] = c.synWeight.get(k);
        }
    }

    /** A type for weight w at neuron j: one already holding w, else an unused one. */
    private static int typeFor(int[] s, int j, int w) {
        for (int g = 0; g < 4; g++) {
            if (s[4 * j + g] == w) {
                return g;
            }
        }
        for (int g = 0; g < 4; g++) {
            if (s[4 * j + g] == UNSET) {
                return g;
            }
        }
        throw new IllegalStateException("neuron " + j + " needs a fifth weight; quantisation limits it to 4");
    }

    static int[][] rowsByAxon(CoreAxons c) {
        int[] count = new int[c.axons()];
        for (int k = 0; k < c.synapses(); k++) {
            count[c.synAxon.get(k)]++;
        }
        int[][] rows = new int[c.axons()][];
        for (int a = 0; a < rows.length; a++) {
            rows[a] = new int[count[a]];
            count[a] = 0;
        }
        for (int k = 0; k < c.synapses(); k++) {
            int a = c.synAxon.get(k);
            rows[a][count[a]++] = k;
        }
        return rows;
    }

    /** Loihi: the core's formats (one per projection arriving) and each axon's index into them. */
    static List<SynapseFormat> loihi(CoreAxons c, QuantiseSynapses.Product q) {
        List<Integer> projs = new ArrayList<>();
        List<SynapseFormat> formats = new ArrayList<>();
        int[] type = new int[c.axons()];
        for (int a = 0; a < c.axons(); a++) {
            int p = c.proj.get(a);
            int at = projs.indexOf(p);
            if (at < 0) {
                at = projs.size();
                projs.add(p);
                formats.add(q.projections().get(p).format());
            }
            type[a] = at;
        }
        c.type = type;
        return formats;
    }
}
