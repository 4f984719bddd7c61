package dev.myelin.compiler.partition;

import dev.myelin.compiler.ir.MappingHints;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.Population;
import dev.myelin.compiler.ir.SynapseEncoding;
import dev.myelin.compiler.ir.Synapses;
import dev.myelin.compiler.lower.ExpandConnectivity;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Cuts populations into slices of at most {@code perCore[pop]} consecutive neurons (also cut
 * at pinned slice boundaries) and measures what each slice uses ({@link Usage}). Populations
 * never share a core. {@link Partitioner} shrinks {@code perCore} until every limit holds.
 */
public final class Partition {
    /**
     * The partition: slices in population order, each neuron's slice, each source neuron's
     * number of targets (distinct projection, destination slice and delay), and the usage.
     */
    public record Product(List<Slice> slices, int[][] sliceOf, int[][] targets, Usage usage) {
    }

    private Partition() {
    }

    public static Product cut(Network n, Architecture arch, ExpandConnectivity.Product ex, int[] perCore) {
        List<Slice> slices = new ArrayList<>();
        int[][] sliceOf = new int[n.populations().size()][];
        for (int p = 0; p < n.populations().size(); p++) {
            Population pop = n.populations().get(p);
            TreeSet<Integer> cuts = new TreeSet<>();
            for (int c = 0; c < pop.size(); c += perCore[p]) {
                cuts.add(c);
            }
            for (MappingHints.Pin pin : n.hints().pins()) {
                if (pin.population().equals(pop.name())) {
                    cuts.add(pin.from());
                    int to = pin.to() < 0 ? pop.size() : pin.to();
                    if (to < pop.size()) {
                        cuts.add(to);
                    }
                    for (int c = pin.from(); c < to; c += perCore[p]) {
                        cuts.add(c);
                    }
                }
            }
            sliceOf[p] = new int[pop.size()];
            Integer[] cs = cuts.toArray(new Integer[0]);
            for (int k = 0; k < cs.length; k++) {
                int to = k + 1 < cs.length ? cs[k + 1] : pop.size();
                java.util.Arrays.fill(sliceOf[p], cs[k], to, slices.size());
                slices.add(new Slice(p, cs[k], to));
            }
        }
        int[][] targets = new int[n.populations().size()][];
        for (int p = 0; p < targets.length; p++) {
            targets[p] = new int[n.populations().get(p).size()];
        }
        Usage u = measure(n, arch, ex, slices, sliceOf, targets);
        return new Product(slices, sliceOf, targets, u);
    }

    private static Usage measure(Network n, Architecture arch, ExpandConnectivity.Product ex, List<Slice> slices,
                                 int[][] sliceOf, int[][] targets) {
        int s = slices.size();
        Usage u = Usage.of(s);
        int d = arch.delaySlots();
        int[] mark = new int[s * d];
        int[] projMark = new int[s];
        java.util.Arrays.fill(projMark, -1);
        int stamp = 0;
        for (int pi = 0; pi < ex.projections().size(); pi++) {
            Synapses syn = ex.projections().get(pi);
            int pre = indexOf(n, syn.projection().pre());
            int[] postSlice = sliceOf[indexOf(n, syn.projection().post())];
            for (int i = 0; i < syn.preSize(); i++) {
                stamp++;
                int t = 0;
                for (int k = syn.rowStart()[i]; k < syn.rowStart()[i + 1]; k++) {
                    int sl = postSlice[syn.post()[k]];
                    int key = sl * d + Math.min(d - 1, syn.delay(k));
                    if (mark[key] != stamp) {
                        mark[key] = stamp;
                        u.axons()[sl]++;
                        t++;
                    }
                    if (projMark[sl] != pi) {
                        projMark[sl] = pi;
                        u.formats()[sl]++;
                    }
                    u.synapses()[sl]++;
                }
                if (pre >= 0) {
                    targets[pre][i] += t;
                }
            }
        }
        boolean tn = arch.datapath() == Datapath.TRUENORTH;
        for (int p = 0; p < targets.length; p++) {
            for (int i = 0; i < targets[p].length; i++) {
                int sl = sliceOf[p][i];
                // TrueNorth: a copy per extra target; Loihi: a compartment per receptor
                u.neurons()[sl] += tn ? Math.max(1, targets[p][i]) : n.populations().get(p).compartments();
                u.fanOut()[sl] += targets[p][i];
                u.maxTargets()[sl] = Math.max(u.maxTargets()[sl], targets[p][i]);
            }
        }
        for (int sl = 0; sl < s; sl++) {
            SynapseEncoding enc = n.hints().encodingOf(n.populations().get(slices.get(sl).pop()).name());
            u.memoryBytes()[sl] = memoryBytes(arch, u.axons()[sl], u.neurons()[sl], u.synapses()[sl], enc);
        }
        return u;
    }

    /**
     * Synaptic memory of a core. TrueNorth: the crossbar, a row of ceil(neurons / 8) bytes per axon used (as ImageValidator counts).
     * Loihi: the smaller of its two encodings (docs/architecture.md, "Synaptic memory"): sparse, per synapse a weight
     * (core.weightBits) and a compartment index (ceil(log2 core.neurons) bits); dense, a weight for every (axon,
     * compartment) pair of the core, no index.
     */
    public static long memoryBytes(Architecture arch, long axons, long neurons, long synapses) {
        return memoryBytes(arch, axons, neurons, synapses, SynapseEncoding.AUTO);
    }

    /** {@link #memoryBytes} of a Loihi core in the encoding asked for (auto: the smaller). */
    public static long memoryBytes(Architecture arch, long axons, long neurons, long synapses, SynapseEncoding enc) {
        if (arch.datapath() == Datapath.TRUENORTH) {
            return axons * ((neurons + 7) / 8);
        }
        return switch (enc) {
            case SPARSE -> loihiSparseBytes(arch, synapses);
            case DENSE -> loihiDenseBytes(arch, axons, neurons);
            case AUTO -> Math.min(loihiSparseBytes(arch, synapses), loihiDenseBytes(arch, axons, neurons));
        };
    }

    /**
     * Whether a Loihi core stores its synapses densely: as asked, or for auto when the dense
     * encoding takes fewer bytes than the sparse one (ties stay sparse).
     */
    public static boolean dense(Architecture arch, long axons, long neurons, long synapses, SynapseEncoding enc) {
        return enc == SynapseEncoding.DENSE || enc == SynapseEncoding.AUTO
                && loihiDenseBytes(arch, axons, neurons) < loihiSparseBytes(arch, synapses);
    }

    /** Loihi's sparse encoding: (weight + compartment index) bits per synapse, rounded up to whole bytes. */
    public static long loihiSparseBytes(Architecture arch, long synapses) {
        int index = 32 - Integer.numberOfLeadingZeros(Math.max(1, arch.neurons() - 1));
        return (synapses * (arch.weightBits() + index) + 7) / 8;
    }

    /** Loihi's dense encoding: weight bits for every (axon, compartment) pair, rounded up to whole bytes. */
    public static long loihiDenseBytes(Architecture arch, long axons, long neurons) {
        return (axons * neurons * arch.weightBits() + 7) / 8;
    }

    /** Index of a population by name, or -1 for an input. */
    public static int indexOf(Network n, String name) {
        for (int p = 0; p < n.populations().size(); p++) {
            if (n.populations().get(p).name().equals(name)) {
                return p;
            }
        }
        return -1;
    }
}
