package dev.myelin.compiler.ir;

/**
 * Synapses from a population or input ({@code pre}) onto a population ({@code post}).
 *
 * @param delayTicks     axonal delay in ticks (&gt;= 1), unless the connector gives delays
 * @param inhibitory     negate the weights (they are given as magnitudes)
 * @param weightExp      Loihi weight exponent for raw weights, or null to let the compiler choose
 * @param numWeightBits  Loihi significant weight bits for raw weights, or null (8)
 */
public record Projection(String name, String pre, String post, Connector connector, WeightSpec weight,
                         int delayTicks, boolean inhibitory, Integer weightExp, Integer numWeightBits,
                         String where) {
}
