package dev.myelin.compiler.route;

import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.lower.QuantiseSynapses;
import dev.myelin.compiler.partition.Partition;
import dev.myelin.compiler.partition.Slice;
import dev.myelin.isa.arch.Architecture;

import java.util.ArrayList;
import java.util.List;

/**
 * Allocates each core's axons: one per (projection, source neuron or input line, delay)
 * reaching the core, in projection and source order, with the synapses it feeds.
 */
final class AxonAllocation {
    private AxonAllocation() {
    }

    static List<CoreAxons> run(Network n, Architecture arch, QuantiseSynapses.Product q, Partition.Product part) {
        int s = part.slices().size();
        List<CoreAxons> cores = new ArrayList<>(s);
        for (int k = 0; k < s; k++) {
            cores.add(new CoreAxons((int) part.usage().axons()[k], (int) part.usage().synapses()[k]));
        }
        int d = arch.delaySlots();
        int[] mark = new int[s * d];
        int[] axonAt = new int[s * d];
        int stamp = 0;
        for (int pi = 0; pi < q.projections().size(); pi++) {
            QuantiseSynapses.Proj pj = q.projections().get(pi);
            var syn = pj.syn();
            int pre = Partition.indexOf(n, syn.projection().pre());
            int source = pre >= 0 ? pre : -1 - inputIndex(n, syn.projection().pre());
            int post = Partition.indexOf(n, syn.projection().post());
            int[] postSlice = part.sliceOf()[post];
            for (int i = 0; i < syn.preSize(); i++) {
                stamp++;
                for (int k = syn.rowStart()[i]; k < syn.rowStart()[i + 1]; k++) {
                    int j = syn.post()[k];
                    int sl = postSlice[j];
                    int key = sl * d + syn.delay(k);
                    CoreAxons c = cores.get(sl);
                    if (mark[key] != stamp) {
                        mark[key] = stamp;
                        axonAt[key] = c.addAxon(source, i, syn.delay(k), pi);
                    }
                    Slice slice = part.slices().get(sl);
                    c.addSynapse(axonAt[key], j - slice.from(), pj.weight(k));
                }
            }
        }
        return cores;
    }

    static int inputIndex(Network n, String name) {
        for (int k = 0; k < n.inputs().size(); k++) {
            if (n.inputs().get(k).name().equals(name)) {
                return k;
            }
        }
        throw new IllegalStateException("validated pre '" + name + "' is neither population nor input");
    }
}
