package dev.myelin.isa.model;

/**
 * Loihi CUBA LIF compartments of one core (see docs/reference/loihi.md).
 *
 * @param decayMode  0 = Lava-compatible current decay u*(4096-du-1)/4096 (default),
 *                   1 = NxSDK-style u*(4096-du)/4096
 * @param du         current decay, 12-bit 0..4095 (0..4096 in NxSDK mode)
 * @param dv         voltage decay, 12-bit 0..4095 (0..4096 in NxSDK mode)
 * @param vth        threshold mantissa, 17-bit unsigned; effective threshold vth &lt;&lt; 6
 * @param biasMant   bias mantissa, 13-bit signed
 * @param biasExp    bias exponent 0..7
 * @param u0         initial current, 24-bit signed
 * @param v0         initial voltage, 24-bit signed
 * @param refractory refractory delay in ticks, 0..255: after a spike, v is held for this many
 *                   ticks while u goes on integrating (0: no refractory period)
 * @param join       {@link #JOIN_NONE}, or {@link #JOIN_ADD}: the compartment is a dendrite whose
 *                   current is added into the next compartment's (it neither integrates v nor spikes)
 */
public record LoihiNeurons(int n, int decayMode, int[] du, int[] dv, int[] vth, int[] biasMant, int[] biasExp,
                           int[] u0, int[] v0, int[] refractory, int[] join) implements NeuronParams {
    public static final int DECAY_LAVA = 0;
    public static final int DECAY_NXSDK = 1;
    /** A compartment of its own (a soma, or a single-compartment neuron). */
    public static final int JOIN_NONE = 0;
    /** A dendrite: its joined current (its u plus what it received) is added into the next compartment's. */
    public static final int JOIN_ADD = 1;

    public LoihiNeurons {
        for (int[] a : new int[][] {du, dv, vth, biasMant, biasExp, u0, v0, refractory, join}) {
            Arrays2.requireLength("Loihi neuron field", a, n);
        }
    }

    /** Compartments without refractory period and joins (the 16-byte records of docs/isa.md). */
    public LoihiNeurons(int n, int decayMode, int[] du, int[] dv, int[] vth, int[] biasMant, int[] biasExp,
                        int[] u0, int[] v0) {
        this(n, decayMode, du, dv, vth, biasMant, biasExp, u0, v0, new int[n], new int[n]);
    }

    public static LoihiNeurons zeros(int n) {
        return new LoihiNeurons(n, DECAY_LAVA, new int[n], new int[n], new int[n], new int[n], new int[n],
                new int[n], new int[n]);
    }

    /** Whether some compartment has a refractory delay or a join (the binary's extended records). */
    public boolean extended() {
        for (int j = 0; j < n; j++) {
            if (refractory[j] != 0 || join[j] != 0) {
                return true;
            }
        }
        return false;
    }

    public static String joinName(int join) {
        return switch (join) {
            case JOIN_NONE -> "none";
            case JOIN_ADD -> "add";
            default -> "invalid(" + join + ")";
        };
    }

    @Override
    public int count() {
        return n;
    }
}
