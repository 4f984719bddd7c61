package dev.myelin.tests.reference;

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
import java.util.function.Function;

/**
 * A plain whole-network model over reference cores of any datapath: an ideal network (a spike
 * fired in tick t towards a target of delay D makes its axon active in tick t + D), injected
 * inputs (active in the tick given), output ports. Spikes are entries in maps: slow and obvious.
 *
 * @param <C> the reference core type
 */
public final class ReferenceNetwork<C extends ReferenceNetwork.Core> {
    /** One core of some datapath: a tick with these axons active returns who fired, ascending. */
    public interface Core {
        List<Integer> tick(boolean[] active);
    }

    /** An output-port spike. */
    public record Out(String port, int line, long tick) {
    }

    private final NetworkImage image;
    private final List<C> cores = new ArrayList<>();
    private final Map<CoreId, Integer> index = new HashMap<>();
    /** Per core: tick -> active axons. */
    private final List<TreeMap<Long, boolean[]>> due = new ArrayList<>();
    private final List<List<Integer>> lastFired = new ArrayList<>();
    private final List<Out> outputs = new ArrayList<>();
    private long tick;

    public ReferenceNetwork(NetworkImage image, Function<CoreImage, C> coreModel) {
        this.image = image;
        for (CoreImage c : image.cores()) {
            index.put(c.id(), cores.size());
            cores.add(coreModel.apply(c));
            due.add(new TreeMap<>());
            lastFired.add(List.of());
        }
    }

    public C core(int c) {
        return cores.get(c);
    }

    /** Neurons of core c that fired in the last tick, ascending. */
    public List<Integer> fired(int c) {
        return lastFired.get(c);
    }

    public void inject(String port, int line, long t) {
        Port p = image.inputs().stream().filter(x -> x.name().equals(port)).findFirst().orElseThrow();
        PortEntry e = p.entries().get(line);
        injectRaw(e.core(), e.index(), t);
    }

    public void injectRaw(CoreId core, int axon, long t) {
        int c = index.get(core);
        due.get(c).computeIfAbsent(t, k -> new boolean[image.cores().get(c).axonCount()])[axon] = true;
    }

    public List<Out> outputs() {
        return outputs;
    }

    public void step() {
        for (int c = 0; c < cores.size(); c++) {
            boolean[] active = due.get(c).remove(tick);
            if (active == null) {
                active = new boolean[image.cores().get(c).axonCount()];
            }
            lastFired.set(c, cores.get(c).tick(active));
        }
        for (int c = 0; c < cores.size(); c++) {
            CoreImage ci = image.cores().get(c);
            for (int j : lastFired.get(c)) {
                report(ci.id(), j);
                Targets t = ci.targets();
                for (int k = t.start()[j]; k < t.start()[j + 1]; k++) {
                    CoreId to = new CoreId(ci.id().x() + t.dx()[k], ci.id().y() + t.dy()[k], t.slot()[k]);
                    injectRaw(to, t.axon()[k], tick + t.delay()[k]);
                }
            }
        }
        tick++;
    }

    private void report(CoreId core, int neuron) {
        for (Port port : image.outputs()) {
            for (int line = 0; line < port.entries().size(); line++) {
                if (port.entries().get(line).equals(new PortEntry(core, neuron))) {
                    outputs.add(new Out(port.name(), line, tick));
                }
            }
        }
    }
}
