package dev.myelin.compiler.ir;

import java.util.Map;

/**
 * A population of identical neurons.
 *
 * @param shape     its shape ({@code [size]} when given by size; rows-major for 2-D)
 * @param where     where it was declared (file:line:col, or "population NAME" from the builder)
 * @param keyWhere  where its keys were written (`model`, `params.tau_m`, ...; {@link KeyWhere})
 */
public record Population(String name, int size, int[] shape, NeuronModel model, String where,
                         Map<String, String> keyWhere) {
    public Population {
        keyWhere = Map.copyOf(keyWhere);
    }

    public Population(String name, int size, int[] shape, NeuronModel model, String where) {
        this(name, size, shape, model, where, Map.of());
    }

    /** Where the first written of {@code keys} is (see {@link KeyWhere}), else {@link #where()}. */
    public String whereOf(String... keys) {
        return KeyWhere.first(keyWhere, where, keys);
    }
}
