package dev.myelin.chip.dist;

import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.NeuronParams;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.ArrayList;
import java.util.List;

/**
 * The image one member of a partitioned run loads: the whole board, so core numbers, ports,
 * symbols and every core's random generator are those of the single-JVM run, with the cores
 * other members run made inert (no weights, no leak or bias, V and U at 0, thresholds at their
 * maximum). An inert core never fires and stays quiescent, so the engine's idle skipping never
 * steps it; its synapses and targets are kept (nothing reaches it: its arrivals go to its owner).
 */
public final class MemberImage {
    private MemberImage() {
    }

    public static NetworkImage restrict(NetworkImage image, boolean[] owned) {
        List<CoreImage> cores = new ArrayList<>(image.cores().size());
        for (int c = 0; c < image.cores().size(); c++) {
            CoreImage ci = image.cores().get(c);
            cores.add(owned[c] ? ci : new CoreImage(ci.id(), ci.axonType(), inert(ci.neurons()), ci.synapses(),
                    ci.formats(), ci.targets(), ci.learning()));
        }
        return new NetworkImage(image.arch(), image.flags(), cores, image.inputs(), image.outputs(), image.symbols(),
                image.dtMs());
    }

    private static NeuronParams inert(NeuronParams p) {
        if (p instanceof TrueNorthNeurons t) {
            TrueNorthNeurons z = TrueNorthNeurons.zeros(t.n()).withNegativeThreshold(t.negativeThreshold());
            java.util.Arrays.fill(z.alpha(), (1 << 18) - 1);
            java.util.Arrays.fill(z.beta(), (1 << 18) - 1);
            return z;
        }
        LoihiNeurons l = (LoihiNeurons) p;
        LoihiNeurons z = new LoihiNeurons(l.n(), l.decayMode(), new int[l.n()], new int[l.n()], new int[l.n()],
                new int[l.n()], new int[l.n()], new int[l.n()], new int[l.n()]);
        java.util.Arrays.fill(z.vth(), (1 << 17) - 1);
        return z;
    }
}
