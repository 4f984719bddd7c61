package dev.myelin.compiler.ir;

import java.util.Map;

/**
 * What to record from a population; {@code indices == null} means every neuron.
 *
 * @param keyWhere where its keys were written (`population`, `indices.3`, ...; {@link KeyWhere})
 */
public record Probe(String population, boolean spikes, boolean v, boolean u, int[] indices, String where,
                    Map<String, String> keyWhere) {
    public Probe {
        keyWhere = Map.copyOf(keyWhere);
    }

    public Probe(String population, boolean spikes, boolean v, boolean u, int[] indices, String where) {
        this(population, spikes, v, u, indices, where, Map.of());
    }

    /** Where the first written of {@code keys} is (see {@link KeyWhere}), else {@link #where()}. */
    public String whereOf(String... keys) {
        return KeyWhere.first(keyWhere, where, keys);
    }
}
