package dev.myelin.compiler.ir;

import java.util.Map;

/**
 * Synapses from a population or input ({@code pre}) onto a population ({@code post}).
 *
 * @param delayTicks     axonal delay in ticks (&gt;= 1), unless the connector gives delays
 * @param inhibitory     negate the weights (they are given as magnitudes)
 * @param weightExp      Loihi weight exponent for raw weights, or null to let the compiler choose
 * @param numWeightBits  Loihi significant weight bits for raw weights, or null (8)
 * @param keyWhere       where its keys were written (`post`, `connect.file`, ...; {@link KeyWhere})
 * @param plasticity     how its synapses learn, or null (fixed weights)
 * @param receptor       the post population's receptor the synapses add into, or null (its only current)
 */
public record Projection(String name, String pre, String post, Connector connector, WeightSpec weight,
                         int delayTicks, boolean inhibitory, Integer weightExp, Integer numWeightBits,
                         String where, Map<String, String> keyWhere, Plasticity plasticity, String receptor) {
    public Projection {
        keyWhere = Map.copyOf(keyWhere);
    }

    public Projection(String name, String pre, String post, Connector connector, WeightSpec weight, int delayTicks,
                      boolean inhibitory, Integer weightExp, Integer numWeightBits, String where,
                      Map<String, String> keyWhere) {
        this(name, pre, post, connector, weight, delayTicks, inhibitory, weightExp, numWeightBits, where, keyWhere,
                null, null);
    }

    public Projection(String name, String pre, String post, Connector connector, WeightSpec weight, int delayTicks,
                      boolean inhibitory, Integer weightExp, Integer numWeightBits, String where) {
        this(name, pre, post, connector, weight, delayTicks, inhibitory, weightExp, numWeightBits, where, Map.of());
    }

    /** Where the first written of {@code keys} is (see {@link KeyWhere}), else {@link #where()}. */
    public String whereOf(String... keys) {
        return KeyWhere.first(keyWhere, where, keys);
    }
}
