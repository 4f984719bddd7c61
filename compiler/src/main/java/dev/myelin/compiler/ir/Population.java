package dev.myelin.compiler.ir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A population of neurons of one model.
 *
 * @param shape     its shape ({@code [size]} when given by size; rows-major for 2-D)
 * @param where     where it was declared (file:line:col, or "population NAME" from the builder)
 * @param keyWhere  where its keys were written (`model`, `params.tau_m`, ...; {@link KeyWhere})
 * @param perNeuron parameters that differ from neuron to neuron, by their names in the
 *                  description language ({@link NeuronModel#paramNames()}); each replaces the
 *                  model's one value (which then holds the values' mean, {@link ParamSpec#typical()})
 * @param receptors its named synaptic currents (cuba_lif on Loihi), the soma's own first; empty
 *                  when the model's single current (tau_syn) takes every projection
 */
public record Population(String name, int size, int[] shape, NeuronModel model, String where,
                         Map<String, String> keyWhere, Map<String, ParamSpec> perNeuron, List<Receptor> receptors) {
    public Population {
        keyWhere = Map.copyOf(keyWhere);
        perNeuron = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perNeuron));
        receptors = List.copyOf(receptors);
    }

    public Population(String name, int size, int[] shape, NeuronModel model, String where,
                      Map<String, String> keyWhere, Map<String, ParamSpec> perNeuron) {
        this(name, size, shape, model, where, keyWhere, perNeuron, List.of());
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

    public Population(String name, int size, int[] shape, NeuronModel model, String where,
                      Map<String, String> keyWhere) {
        this(name, size, shape, model, where, keyWhere, Map.of());
    }

    public Population(String name, int size, int[] shape, NeuronModel model, String where) {
        this(name, size, shape, model, where, Map.of(), Map.of());
    }

    /** Where the first written of {@code keys} is (see {@link KeyWhere}), else {@link #where()}. */
    public String whereOf(String... keys) {
        return KeyWhere.first(keyWhere, where, keys);
    }

    /** True when some parameter differs from neuron to neuron. */
    public boolean heterogeneous() {
        return !perNeuron.isEmpty();
    }

    /** Every per-neuron parameter's values (drawn once; {@link ParamSpec#values(int)} is deterministic). */
    public Map<String, double[]> resolvePerNeuron() {
        Map<String, double[]> out = new LinkedHashMap<>();
        perNeuron.forEach((k, s) -> out.put(k, s.values(size)));
        return out;
    }

    /** Neuron {@code i}'s model: {@link #model()} with the values of {@code resolved} (from {@link #resolvePerNeuron()}). */
    public NeuronModel modelOf(Map<String, double[]> resolved, int i) {
        if (resolved.isEmpty()) {
            return model;
        }
        return model.with(k -> {
            double[] v = resolved.get(k);
            return v == null ? model.param(k) : v[i];
        });
    }
}
