package dev.myelin.compiler.ir;

/** The weights of a projection, in the post model's weight unit (mV, nA, or raw integers). */
public sealed interface WeightSpec {
    /** Every synapse the same weight. */
    record Constant(double value) implements WeightSpec {
    }

    /** Uniform in [low, high), drawn per synapse in expansion order from {@code seed}. */
    record Uniform(double low, double high, long seed) implements WeightSpec {
    }

    /** Weights given by the connector (list, matrix or kernel), multiplied by {@code scale}. */
    record Given(double scale) implements WeightSpec {
    }
}
