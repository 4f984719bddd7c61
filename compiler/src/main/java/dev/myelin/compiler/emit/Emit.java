package dev.myelin.compiler.emit;

import dev.myelin.compiler.ir.InputSource;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.Probe;
import dev.myelin.compiler.lower.LoihiLowering;
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
        List<CoreId> ids = new ArrayList<>(routed.cores().stream().map(Route.CoreRoute::id).toList());
        int[] receptorOf = new int[n.projections().size()];
        for (int pi = 0; pi < receptorOf.length; pi++) {
            var pj = n.projections().get(pi);
            receptorOf[pi] = pj.receptor() == null ? 0 : n.population(pj.post()).orElseThrow().receptorIndex(pj.receptor());
        }
        for (Route.CoreRoute cr : routed.cores()) {
            LowerNeurons.Pop lp = low.pops().get(cr.slice().pop());
            boolean loihi = lp.neurons() instanceof dev.myelin.isa.model.LoihiNeurons;
            int[] dendriteDu = loihi ? LoihiLowering.dendriteDu(lp.pop(), n.dtMs(), null) : new int[0];
            boolean dense = loihi && dev.myelin.compiler.partition.Partition.dense(arch, cr.axons().axons(),
                    (long) cr.neurons() * compartments(lp), cr.axons().synapses(),
                    n.hints().encodingOf(lp.pop().name()));
            cores.add(CoreEmitter.core(cr, lp, ids, n.projections(), receptorOf, dendriteDu, dense));
        }
        for (Route.InputCore ic : routed.inputCores()) {
            cores.add(CoreEmitter.input(ic, arch, ids));
            ids.add(ic.id());
        }
        cores.sort(Comparator.comparing(CoreImage::id));
        List<Port> inputs = new ArrayList<>();
        List<Stimulus> stimuli = new ArrayList<>();
        for (Route.InputPort ip : routed.inputs()) {
            InputSource source = n.input(ip.name()).orElseThrow();
            List<PortEntry> entries = new ArrayList<>();
            int[] lead = new int[ip.line().length];
            for (int k = 0; k < ip.line().length; k++) {
                entries.add(new PortEntry(ids.get(ip.core()[k]), ip.axon()[k]));
                // a spike on the input reaches the axon's neurons delay ticks later; the axon is
                // driven delay - 1 ticks after the spike (every spike then takes one tick)
                lead[k] = ip.delay()[k] - 1;
            }
            Port port = new Port(ip.name(), entries, source.size(), ip.line().clone(), lead);
            inputs.add(port);
            stimuli.add(stimulus(n, source, port));
        }
        List<Port> outputs = new ArrayList<>();
        List<ProbeRequest> probes = new ArrayList<>();
        for (Probe p : n.probes()) {
            probes.add(new ProbeRequest(p.population(), p.spikes(), p.v(), p.u(),
                    p.indices() == null ? null : p.indices().clone()));
            if (p.spikes() && outputs.stream().noneMatch(o -> o.name().equals(p.population()))) {
                outputs.add(outputPort(n, routed, p, compartments(
                        low.pops().get(dev.myelin.compiler.partition.Partition.indexOf(n, p.population())))));
            }
        }
        List<Symbol> symbols = new ArrayList<>();
        for (int pop = 0; pop < n.populations().size(); pop++) {
            List<Symbol.Range> ranges = new ArrayList<>();
            for (Route.CoreRoute cr : routed.cores()) {
                Slice sl = cr.slice();
                int k = compartments(low.pops().get(pop));
                if (sl.pop() == pop && k == 1) {
                    ranges.add(new Symbol.Range(cr.id(), 0, sl.size(), sl.from()));
                } else if (sl.pop() == pop) {
                    for (int j = 0; j < sl.size(); j++) { // each neuron at its soma, k compartments apart
                        ranges.add(new Symbol.Range(cr.id(), CoreEmitter.compartment(j, 0, k), 1, sl.from() + j));
                    }
                }
            }
            var population = n.populations().get(pop);
            // the voltage scale travels in the binary (UNIT) so a run can show potentials in mV
            Symbol.Scale scale = low.of(population.name()).scale();
            symbols.add(new Symbol(population.name(), population.size(), ranges,
                    scale == null || scale.problem() != null ? null : scale));
        }
        symbols.addAll(inputSymbols(n, routed));
        return new Product(new NetworkImage(arch, 0, cores, inputs, outputs, symbols, n.dtMs()), stimuli, probes);
    }

    /**
     * A symbol per input on the chip, named after the input: line i is the first input neuron that
     * follows it (later ones, TrueNorth's copies for further targets, stay unnamed like a
     * population's copies), so the input's spikes are reported under its name.
     */
    private static List<Symbol> inputSymbols(Network n, Route.Product routed) {
        List<Symbol> out = new ArrayList<>();
        for (InputSource s : n.inputs()) {
            boolean[] seen = new boolean[Math.max(s.size(), 0)];
            List<Symbol.Range> ranges = new ArrayList<>();
            for (Route.InputCore ic : routed.inputCores()) {
                if (!ic.input().equals(s.name())) {
                    continue;
                }
                int runStart = -1;
                for (int j = 0; j <= ic.neurons(); j++) {
                    boolean first = j < ic.neurons() && !seen[ic.line()[j]];
                    boolean extends_ = first && runStart >= 0 && ic.line()[j] == ic.line()[j - 1] + 1;
                    if (runStart >= 0 && !extends_) {
                        ranges.add(new Symbol.Range(ic.id(), runStart, j - runStart, ic.line()[runStart]));
                        runStart = -1;
                    }
                    if (first) {
                        seen[ic.line()[j]] = true;
                        if (runStart < 0) {
                            runStart = j;
                        }
                    }
                }
            }
            if (!ranges.isEmpty()) {
                out.add(new Symbol(s.name(), s.size(), ranges, null));
            }
        }
        return out;
    }

    /** Compartments per neuron of a lowered population: one per receptor on Loihi, else 1. */
    private static int compartments(LowerNeurons.Pop lp) {
        return lp.neurons() instanceof dev.myelin.isa.model.LoihiNeurons ? lp.pop().compartments() : 1;
    }

    private static Port outputPort(Network n, Route.Product routed, Probe p, int k) {
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
                    entries.add(new PortEntry(cr.id(), CoreEmitter.compartment(i - sl.from(), 0, k)));
                    break;
                }
            }
        }
        return new Port(p.population(), entries);
    }

    /** The stimulus of an input, over its port lines (the port maps each input line onto its copies). */
    static Stimulus stimulus(Network n, InputSource s, Port port) {
        if (s instanceof InputSource.Poisson p) {
            return new Stimulus.Poisson(port.name(), port.line().length, p.rateHz(), n.dtMs(), p.seed(),
                    port.line().clone());
        }
        InputSource.SpikeArray a = (InputSource.SpikeArray) s;
        return Stimulus.onPortLines(port, a.tick(), a.index());
    }
}
