package dev.myelin.compiler.emit;

import dev.myelin.compiler.ir.InputSource;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.Probe;
import dev.myelin.compiler.lower.LowerNeurons;
import dev.myelin.compiler.partition.Slice;
import dev.myelin.compiler.route.Route;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.spi.ProbeRequest;
import dev.myelin.isa.spi.Stimulus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The emit pass: the {@link NetworkImage} (cores sorted by id, one input port per spiking
 * input, one output port per population probed for spikes, a symbol per population), the
 * stimuli bound to the input ports and the probe requests.
 */
public final class Emit {
    private Emit() {
    }

    public record Product(NetworkImage image, List<Stimulus> stimuli, List<ProbeRequest> probes) {
    }

    public static Product run(Network n, Architecture arch, LowerNeurons.Product low, Route.Product routed) {
        List<CoreImage> cores = new ArrayList<>();
        List<CoreId> ids = routed.cores().stream().map(Route.CoreRoute::id).toList();
        for (Route.CoreRoute cr : routed.cores()) {
            cores.add(CoreEmitter.core(cr, low.pops().get(cr.slice().pop()).params(), ids));
        }
        cores.sort(Comparator.comparing(CoreImage::id));
        List<Port> inputs = new ArrayList<>();
        List<Stimulus> stimuli = new ArrayList<>();
        for (Route.InputPort ip : routed.inputs()) {
            List<PortEntry> entries = new ArrayList<>();
            for (int k = 0; k < ip.line().length; k++) {
                entries.add(new PortEntry(ids.get(ip.core()[k]), ip.axon()[k]));
            }
            inputs.add(new Port(ip.name(), entries));
            stimuli.add(stimulus(n, n.input(ip.name()).orElseThrow(), ip));
        }
        List<Port> outputs = new ArrayList<>();
        List<ProbeRequest> probes = new ArrayList<>();
        for (Probe p : n.probes()) {
            probes.add(new ProbeRequest(p.population(), p.spikes(), p.v(), p.u(),
                    p.indices() == null ? null : p.indices().clone()));
            if (p.spikes() && outputs.stream().noneMatch(o -> o.name().equals(p.population()))) {
                outputs.add(outputPort(n, routed, p));
            }
        }
        List<Symbol> symbols = new ArrayList<>();
        for (int pop = 0; pop < n.populations().size(); pop++) {
            List<Symbol.Range> ranges = new ArrayList<>();
            for (Route.CoreRoute cr : routed.cores()) {
                Slice sl = cr.slice();
                if (sl.pop() == pop) {
                    ranges.add(new Symbol.Range(cr.id(), 0, sl.size(), sl.from()));
                }
            }
            var population = n.populations().get(pop);
            symbols.add(new Symbol(population.name(), population.size(), ranges));
        }
        return new Product(new NetworkImage(arch, 0, cores, inputs, outputs, symbols), stimuli, probes);
    }

    private static Port outputPort(Network n, Route.Product routed, Probe p) {
        int pop = dev.myelin.compiler.partition.Partition.indexOf(n, p.population());
        int size = n.populations().get(pop).size();
        int[] idx = p.indices();
        if (idx == null) {
            idx = new int[size];
            for (int i = 0; i < size; i++) {
                idx[i] = i;
            }
        }
        List<PortEntry> entries = new ArrayList<>();
        for (int i : idx) {
            for (Route.CoreRoute cr : routed.cores()) {
                Slice sl = cr.slice();
                if (sl.pop() == pop && i >= sl.from() && i < sl.to()) {
                    entries.add(new PortEntry(cr.id(), i - sl.from()));
                    break;
                }
            }
        }
        return new Port(p.population(), entries);
    }

    /**
     * The stimulus of an input, over its port lines (several port lines may copy one input line).
     * A listed spike in tick k reaches its targets in tick k + delay - 1, so it is injected then.
     */
    static Stimulus stimulus(Network n, InputSource s, Route.InputPort ip) {
        if (s instanceof InputSource.Poisson p) {
            return new Stimulus.Poisson(ip.name(), ip.line().length, p.rateHz(), n.dtMs(), p.seed(), ip.line().clone());
        }
        InputSource.SpikeArray a = (InputSource.SpikeArray) s;
        // port lines are sorted by input line: first[i] .. first[i + 1] - 1 follow input line i
        int[] first = new int[a.size() + 1];
        for (int l : ip.line()) {
            first[l + 1]++;
        }
        for (int i = 0; i < a.size(); i++) {
            first[i + 1] += first[i];
        }
        List<int[]> spikes = new ArrayList<>();
        for (int k = 0; k < a.tick().length; k++) {
            for (int l = first[a.index()[k]]; l < first[a.index()[k] + 1]; l++) {
                spikes.add(new int[] {a.tick()[k] + ip.delay()[l] - 1, l});
            }
        }
        int[] tick = spikes.stream().mapToInt(x -> x[0]).toArray();
        int[] line = spikes.stream().mapToInt(x -> x[1]).toArray();
        return new Stimulus.SpikeArray(ip.name(), tick, line);
    }
}
