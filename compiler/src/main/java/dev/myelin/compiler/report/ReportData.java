package dev.myelin.compiler.report;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.lower.LowerNeurons;
import dev.myelin.compiler.lower.QuantiseSynapses;
import dev.myelin.compiler.partition.Partition;
import dev.myelin.compiler.route.Route;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.SynapseFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The numbers of a mapping report, computed once from a compilation and rendered as text or JSON. */
public record ReportData(String network, String arch, String datapath, double dtMs, long neurons, long synapses,
                         long neuronCopies, int coresUsed, long coresAvailable, List<PopRow> populations, List<ProjRow> projections,
                         List<CoreRow> cores, Limits limits, double packetsPerTick, double placedCost,
                         double initialCost, double naiveCost, int sweeps, Map<String, Double> passMs,
                         List<String> warnings, List<InputRow> inputs) {

    /**
     * A spiking input: how it reaches the chip ({@code axons} or {@code on_chip}), its lines, and
     * on the chip its input neurons, input cores and their targets.
     */
    public record InputRow(String name, String delivery, int lines, int inputNeurons, int cores, int targets) {
    }

    /** @param errors the quantisation error of each lowered parameter (threshold, drive, ...) */
    public record PopRow(String name, String model, int size, int cores, double lsbMv, double rateHz,
                         List<String> notes, List<LowerNeurons.ParamError> errors) {
    }

    public record ProjRow(String name, String pre, String post, int synapses, double relError, String format) {
    }

    /**
     * @param encoding    how the core stores its synapses: {@code crossbar} (TrueNorth), {@code sparse} or
     *                    {@code dense} (Loihi), {@code none} (an input core)
     * @param memoryBytes the synaptic memory that encoding takes (docs/architecture.md, "Synaptic memory")
     */
    public record CoreRow(String id, String population, int from, int to, int neurons, int axons, long synapses,
                          long memoryBytes, int fanOut, int formats, String encoding) {
    }

    public record Limits(int neurons, int axons, long memoryBytes, int fanOut, int axonTypes) {
    }

    /** How the emitted core stores its synapses (see {@link CoreRow#encoding()}). */
    static String encoding(CoreImage ci) {
        if (ci.synapses() instanceof SparseRows r) {
            return r.dense() ? "dense" : "sparse";
        }
        return "crossbar";
    }

    /** The bytes the emitted core's synapses take in its encoding, counted as the partitioner counts them. */
    static long storedBytes(Architecture a, CoreImage ci) {
        if (ci.synapses() instanceof SparseRows r) {
            return r.dense() ? Partition.loihiDenseBytes(a, ci.axonCount(), ci.neuronCount())
                    : Partition.loihiSparseBytes(a, r.synapseCount());
        }
        Crossbar x = (Crossbar) ci.synapses();
        return (long) x.axons() * ((x.neurons() + 7) / 8);
    }

    public static ReportData of(Compiler.Compilation c) {
        Architecture a = c.arch();
        var n = c.network();
        List<PopRow> pops = new ArrayList<>();
        for (int p = 0; p < n.populations().size(); p++) {
            LowerNeurons.Pop lp = c.lowered().pops().get(p);
            int pi = p;
            int cores = (int) c.partition().slices().stream().filter(s -> s.pop() == pi).count();
            pops.add(new PopRow(lp.pop().name(), lp.pop().model().id(), lp.pop().size(), cores, lp.lsbMv(),
                    c.rates().of(lp.pop().name()) * 1000 / n.dtMs(), lp.notes(), lp.errors()));
        }
        List<ProjRow> projs = new ArrayList<>();
        for (QuantiseSynapses.Proj q : c.quantised().projections()) {
            var p = q.syn().projection();
            SynapseFormat f = q.format();
            String fmt = f == null ? "4 axon types x 4 weights per neuron"
                    : "numWeightBits " + f.numWeightBits() + ", weightExp " + f.weightExp() + ", "
                    + SynapseFormat.signModeName(f.signMode());
            projs.add(new ProjRow(p.name(), p.pre(), p.post(), q.syn().count(), q.relError(), fmt));
        }
        Map<dev.myelin.isa.model.CoreId, CoreImage> images = new java.util.HashMap<>();
        for (CoreImage ci : c.emitted().image().cores()) {
            images.put(ci.id(), ci);
        }
        List<CoreRow> cores = new ArrayList<>();
        long synapses = 0;
        long copies = 0;
        for (Route.CoreRoute cr : c.routed().cores()) {
            var ax = cr.axons();
            synapses += ax.synapses();
            copies += cr.neurons() - cr.slice().size();
            CoreImage ci = images.get(cr.id());
            cores.add(new CoreRow(cr.id().toString(), n.populations().get(cr.slice().pop()).name(), cr.slice().from(),
                    cr.slice().to(), cr.neurons(), ax.axons(), ax.synapses(), storedBytes(a, ci), cr.targetCore().length,
                    cr.formats().size(), encoding(ci)));
        }
        List<InputRow> inputs = new ArrayList<>();
        for (var s : n.inputs()) {
            if (s instanceof dev.myelin.compiler.ir.InputSource.Current) {
                continue;
            }
            int neuronsOf = 0;
            int coresOf = 0;
            int targets = 0;
            for (Route.InputCore ic : c.routed().inputCores()) {
                if (ic.input().equals(s.name())) {
                    coresOf++;
                    neuronsOf += ic.neurons();
                    targets += ic.targetCore().length;
                    int lo = Integer.MAX_VALUE;
                    int hi = -1;
                    for (int l : ic.line()) {
                        lo = Math.min(lo, l);
                        hi = Math.max(hi, l);
                    }
                    cores.add(new CoreRow(ic.id().toString(), "input " + s.name(), lo, hi + 1, ic.neurons(),
                            ic.neurons(), 0, 0, ic.targetCore().length, 0, "none"));
                }
            }
            inputs.add(new InputRow(s.name(), n.hints().delivery(s.name()).id(), s.size(), neuronsOf, coresOf,
                    targets));
        }
        long neurons = n.populations().stream().mapToLong(p -> p.size()).sum();
        return new ReportData(n.name(), a.name(), a.datapath().id(), n.dtMs(), neurons, synapses, copies, cores.size(),
                a.totalCores(), pops, projs, cores,
                new Limits(a.neurons(), Math.min(a.axons(), a.maxFanIn()), a.synapticMemoryBytes(), a.maxFanOut(),
                        a.axonTypes()),
                c.traffic().totalRate(), c.placement().cost(), c.placement().initialCost(), c.placement().naiveCost(),
                c.placement().sweeps(), c.passMs(), c.diagnostics().warnings(), inputs);
    }
}
