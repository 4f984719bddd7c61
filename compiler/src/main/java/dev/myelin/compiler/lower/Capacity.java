package dev.myelin.compiler.lower;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.Population;
import dev.myelin.compiler.ir.Projection;
import dev.myelin.isa.arch.Architecture;

/**
 * Necessary conditions for fitting the chip, checked from the declared sizes before
 * connectivity is expanded, so a description that cannot fit is a "does not fit" error and
 * never an array sized from its numbers: every neuron needs a neuron slot of some core, and a
 * post neuron receives from at most min(core.axons, core.maxFanIn) distinct sources (each
 * incoming source needs its own axon of the neuron's core). The dense connectors are the
 * ones whose expansion could exhaust memory: all_to_all (in-degree = pre size) and
 * fixed_probability (expected in-degree p * pre, or p * block; rejected above twice the bound,
 * so a draw that happens to come in under the bound is never refused here), and together
 * they may not expect more synapses than the chip has synaptic-memory bits. Only projections
 * that would expand to more than {@link #EXPANDED_SYNAPSES} synapses are refused here: smaller
 * ones are expanded and the partitioner names the exact core limit and the excess; for the
 * same reason the neuron total is only checked here when some projection expands large or
 * the network has more than {@link #LARGE_NETWORK} neurons.
 */
final class Capacity {
    /** Synapses a projection that cannot fit may still be expanded to (a few tens of MB of IR). */
    static final long EXPANDED_SYNAPSES = 1L << 20;
    /** Neurons the partitioner may cut into slices before it finds the chip too small (67M took seconds). */
    static final long LARGE_NETWORK = 1L << 20;

    private Capacity() {
    }

    static void check(Network n, Architecture arch, Diagnostics d) {
        long neurons = n.populations().stream().mapToLong(Population::size).sum();
        if (neurons <= LARGE_NETWORK && n.projections().stream().noneMatch(p -> expandsLarge(n, p))) {
            return;
        }
        if (neuronsFit(n, arch, d)) {
            synapsesFit(n, arch, d);
        }
    }

    private static boolean neuronsFit(Network n, Architecture arch, Diagnostics d) {
        long need = 0;
        for (Population p : n.populations()) {
            need += p.size();
            if (need > arch.totalNeurons()) {
                d.error(p.whereOf("size", "shape"),
                        "does not fit: the populations up to '" + p.name() + "' need " + need
                        + " neurons, architecture " + arch.name() + " has " + arch.totalNeurons() + " ("
                        + arch.totalCores() + " cores x " + arch.neurons() + " core.neurons)");
                return false;
            }
        }
        return true;
    }

    private static void synapsesFit(Network n, Architecture arch, Diagnostics d) {
        int fanIn = Math.min(arch.axons(), arch.maxFanIn());
        double synapses = 0;
        double largestSynapses = -1;
        Projection largest = null;
        for (Projection p : n.projections()) {
            int pre = Validate.sourceSize(n, p.pre());
            if (!expandsLarge(n, p)) {
                continue;
            }
            long post = n.population(p.post()).map(Population::size).orElse(0);
            double expected = 0;
            if (p.connector() instanceof Connector.AllToAll) {
                expected = pre;
                if (pre > fanIn) {
                    tooDense(p, arch, fanIn, pre + "", d);
                }
            } else if (p.connector() instanceof Connector.FixedProbability f) {
                expected = f.p() * (f.block() > 0 ? Math.min(f.block(), pre) : pre);
                if (expected > 2.0 * fanIn) {
                    tooDense(p, arch, fanIn, "about " + (long) Math.ceil(expected), d);
                }
            }
            if (expected * post > largestSynapses) {
                largest = p;
                largestSynapses = expected * post;
            }
            synapses += expected * post;
        }
        // every synapse takes at least one bit of some core's synaptic memory (a TrueNorth crossbar bit);
        // 1 % over allows for fixed_probability draws, whose spread over so many pairs is far smaller
        double bits = 8.0 * arch.synapticMemoryBytes() * arch.totalCores();
        if (!d.hasErrors() && synapses > 1.01 * bits) {
            d.error(largest.whereOf("connect"), "does not fit: the dense projections expect about " + (long) synapses
                    + " synapses, architecture " + arch.name() + " holds at most " + (long) bits + " ("
                    + arch.totalCores() + " cores x " + arch.synapticMemoryBytes()
                    + " bytes of core.synapticMemoryBytes, one bit per synapse at least)");
        }
    }

    /** Whether the projection's pre x post pairs exceed {@link #EXPANDED_SYNAPSES}. */
    private static boolean expandsLarge(Network n, Projection p) {
        long post = n.population(p.post()).map(Population::size).orElse(0);
        return (long) Math.max(0, Validate.sourceSize(n, p.pre())) * post > EXPANDED_SYNAPSES;
    }

    private static void tooDense(Projection p, Architecture arch, int fanIn, String sources, Diagnostics d) {
        d.error(p.whereOf("connect"), "does not fit: projection '" + p.name() + "' gives each post neuron " + sources
                + " sources, a core of architecture " + arch.name() + " receives from at most " + fanIn
                + " (min of core.axons and core.maxFanIn); use a sparser connector or fewer pre neurons");
    }
}
