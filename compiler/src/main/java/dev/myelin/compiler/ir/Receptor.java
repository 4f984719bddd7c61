package dev.myelin.compiler.ir;

/**
 * One synaptic current of a population's neurons: projections that name it add into it, and it
 * decays with its own time constant. On Loihi each receptor of a neuron is one compartment: the
 * first is the soma's own current, the others dendrites joined into it by ADD.
 *
 * @param name      the name projections use ({@code receptor: inh})
 * @param tauSynMs  the current's decay time constant, ms (&gt; 0)
 */
public record Receptor(String name, double tauSynMs) {
}
