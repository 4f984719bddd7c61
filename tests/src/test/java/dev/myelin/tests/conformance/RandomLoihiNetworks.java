package dev.myelin.tests.conformance;

import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.Targets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Small random multi-core Loihi networks on the {@code loihi} preset: random cores of
 * {@link RandomLoihiCores}, placed on distinct (x, y, slot), each neuron with 0..3 targets
 * (recurrent ones included) of delay 1..63, an input port and an output port. Half the cores
 * are calm (no bias, zero initial state) so that they fall quiescent and the engine skips them.
 */
final class RandomLoihiNetworks {
    private RandomLoihiNetworks() {
    }

    static NetworkImage image(long seed) {
        SplittableRandom r = new SplittableRandom(seed * 7919);
        int count = 2 + r.nextInt(3);
        TreeSet<CoreId> places = new TreeSet<>();
        while (places.size() < count) {
            places.add(new CoreId(r.nextInt(3), r.nextInt(2), r.nextInt(4)));
        }
        List<CoreId> ids = new ArrayList<>(places);
        List<CoreImage> base = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            CoreImage core = RandomLoihiCores.core(seed * 101 + c);
            if (c % 2 == 0) {
                calm((LoihiNeurons) core.neurons());
            }
            base.add(core);
        }
        List<CoreImage> cores = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            CoreImage b = base.get(c);
            cores.add(new CoreImage(ids.get(c), b.axonType(), b.neurons(), b.synapses(), b.formats(),
                    targets(r, ids.get(c), ids, base, b.neuronCount()), b.learning()));
        }
        List<PortEntry> in = new ArrayList<>();
        for (int line = 0; line < 6; line++) {
            int c = r.nextInt(count);
            in.add(new PortEntry(ids.get(c), r.nextInt(base.get(c).axonCount())));
        }
        List<PortEntry> out = new ArrayList<>();
        for (int j = 0; j < base.get(0).neuronCount(); j++) {
            out.add(new PortEntry(ids.get(0), j));
        }
        return new NetworkImage(Presets.require("loihi"), 0, cores, List.of(new Port("in", in)),
                List.of(new Port("out", out)), List.of());
    }

    /** No bias, zero initial state, u and v decaying by at least a quarter each tick. */
    private static void calm(LoihiNeurons p) {
        for (int j = 0; j < p.n(); j++) {
            p.du()[j] = Math.max(p.du()[j], 1024);
            p.dv()[j] = Math.max(p.dv()[j], 1024);
        }
        Arrays.fill(p.biasMant(), 0);
        Arrays.fill(p.u0(), 0);
        Arrays.fill(p.v0(), 0);
    }

    private static Targets targets(SplittableRandom r, CoreId from, List<CoreId> ids, List<CoreImage> base,
                                   int neurons) {
        int[] start = new int[neurons + 1];
        List<int[]> t = new ArrayList<>();
        for (int j = 0; j < neurons; j++) {
            int k = r.nextInt(4);
            for (int i = 0; i < k; i++) {
                int c = r.nextInt(ids.size());
                CoreId to = ids.get(c);
                int delay = 1 + r.nextInt(r.nextBoolean() ? 4 : 63);
                t.add(new int[] {to.x() - from.x(), to.y() - from.y(), to.slot(),
                        r.nextInt(base.get(c).axonCount()), delay});
            }
            start[j + 1] = t.size();
        }
        return new Targets(start, column(t, 0), column(t, 1), column(t, 2), column(t, 3), column(t, 4));
    }

    private static int[] column(List<int[]> rows, int i) {
        return rows.stream().mapToInt(x -> x[i]).toArray();
    }
}
