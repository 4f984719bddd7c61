package dev.myelin.tests.reference;

import dev.myelin.chip.neuron.XorShift32Random;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.Targets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain whole-network TrueNorth model: reference cores, an ideal network (a spike fired in
 * tick t with delay D is active in tick t + D), injected inputs, output ports. Spikes are
 * records in maps, not bits: slow and obvious.
 */
public final class TrueNorthReferenceNetwork {
    /** An output-port spike. */
    public record Out(String port, int line, long tick) {
    }

    private final NetworkImage image;
    private final List<TrueNorthReferenceCore> cores = new ArrayList<>();
    private final Map<CoreId, Integer> index = new HashMap<>();
    /** Per core: tick -> active axons. */
    private final List<TreeMap<Long, boolean[]>> due = new ArrayList<>();
    private final List<Out> outputs = new ArrayList<>();
    private long tick;

    public TrueNorthReferenceNetwork(NetworkImage image, long seed) {
        this.image = image;
        for (CoreImage c : image.cores()) {
            index.put(c.id(), cores.size());
            cores.add(new TrueNorthReferenceCore(c, XorShift32Random.forCore(seed, c.id())));
            due.add(new TreeMap<>());
        }
    }

    public void injectRaw(CoreId core, int axon, long t) {
        int c = index.get(core);
        due.get(c).computeIfAbsent(t, k -> new boolean[image.cores().get(c).axonCount()])[axon] = true;
    }

    public int v(int core, int neuron) {
        return cores.get(core).v(neuron);
    }

    public List<Out> outputs() {
        return outputs;
    }

    public void step() {
        List<List<Integer>> fired = new ArrayList<>();
        for (int c = 0; c < cores.size(); c++) {
            boolean[] active = due.get(c).remove(tick);
            if (active == null) {
                active = new boolean[image.cores().get(c).axonCount()];
            }
            fired.add(cores.get(c).tick(active));
        }
        for (int c = 0; c < cores.size(); c++) {
            CoreImage ci = image.cores().get(c);
            for (int j : fired.get(c)) {
                for (int p = 0; p < image.outputs().size(); p++) {
                    Port port = image.outputs().get(p);
                    for (int line = 0; line < port.entries().size(); line++) {
                        if (port.entries().get(line).equals(new PortEntry(ci.id(), j))) {
                            outputs.add(new Out(port.name(), line, tick));
                        }
                    }
                }
                Targets t = ci.targets();
                for (int k = t.start()[j]; k < t.start()[j + 1]; k++) {
                    CoreId to = new CoreId(ci.id().x() + t.dx()[k], ci.id().y() + t.dy()[k], t.slot()[k]);
                    injectRaw(to, t.axon()[k], tick + t.delay()[k]);
                }
            }
        }
        tick++;
    }
}
