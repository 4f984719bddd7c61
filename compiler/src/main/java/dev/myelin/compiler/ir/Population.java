package dev.myelin.compiler.ir;

import java.util.List;
import java.util.Map;

/**
 * A population of identical neurons.
 *
 * @param shape     its shape ({@code [size]} when given by size; rows-major for 2-D)
 * @param where     where it was declared (file:line:col, or "population NAME" from the builder)
 * @param keyWhere  where its keys were written (`model`, `params.tau_m`, ...; {@link KeyWhere})
 * @param receptors its named synaptic currents (cuba_lif on Loihi), the soma's own first; empty
 *                  when the model's single current (tau_syn) takes every projection
 */
public record Population(String name, int size, int[] shape, NeuronModel model, String where,
                         Map<String, String> keyWhere, List<Receptor> receptors) {
    public Population {
        keyWhere = Map.copyOf(keyWhere);
        receptors = List.copyOf(receptors);
    }

    public Population(String name, int size, int[] shape, NeuronModel model, String where,
                      Map<String, String> keyWhere) {
        this(name, size, shape, model, where, keyWhere, List.of());
    }

    public Population(String name, int size, int[] shape, NeuronModel model, String where) {
        this(name, size, shape, model, where, Map.of());
    }

    /** Compartments per neuron on Loihi: one per receptor, at least one. */
    public int compartments() {
        return Math.max(1, receptors.size());
    }

    /** Position of the receptor called {@code name} (0 = the soma's), or -1. */
    public int receptorIndex(String name) {
        for (int r = 0; r < receptors.size(); r++) {
            if (receptors.get(r).name().equals(name)) {
                return r;
            }
        }
        return -1;
    }

    /** Where the first written of {@code keys} is (see {@link KeyWhere}), else {@link #where()}. */
    public String whereOf(String... keys) {
        return KeyWhere.first(keyWhere, where, keys);
    }
}
