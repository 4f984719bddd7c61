package dev.myelin.isa.model;

/**
 * How a Loihi core interprets the weights on axons of one type (Lava's Dense bit-accurate
 * weight handling, docs/reference/loihi.md).
 *
 * @param numWeightBits 1..8 significant bits kept after clipping
 * @param weightExp     activation scaling, -8..7: a_in = sum &lt;&lt; weightExp (&gt;&gt; floor when negative)
 * @param signMode      {@link #EXCITATORY}, {@link #INHIBITORY} or {@link #MIXED}
 */
public record SynapseFormat(int numWeightBits, int weightExp, int signMode) {
    public static final int EXCITATORY = 0;
    public static final int INHIBITORY = 1;
    public static final int MIXED = 2;

    public static String signModeName(int m) {
        return switch (m) {
            case EXCITATORY -> "excitatory";
            case INHIBITORY -> "inhibitory";
            case MIXED -> "mixed";
            default -> "invalid(" + m + ")";
        };
    }
}
