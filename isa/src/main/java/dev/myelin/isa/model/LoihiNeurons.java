package dev.myelin.isa.model;

/**
 * Loihi CUBA LIF compartments of one core (see docs/reference/loihi.md).
 *
 * @param decayMode 0 = Lava-compatible current decay u*(4096-du-1)/4096 (default),
 *                  1 = NxSDK-style u*(4096-du)/4096
 * @param du        current decay, 12-bit 0..4095 (0..4096 in NxSDK mode)
 * @param dv        voltage decay, 12-bit 0..4095 (0..4096 in NxSDK mode)
 * @param vth       threshold mantissa, 17-bit unsigned; effective threshold vth &lt;&lt; 6
 * @param biasMant  bias mantissa, 13-bit signed
 * @param biasExp   bias exponent 0..7
 * @param u0        initial current, 24-bit signed
 * @param v0        initial voltage, 24-bit signed
 */
public record LoihiNeurons(int n, int decayMode, int[] du, int[] dv, int[] vth, int[] biasMant, int[] biasExp,
                           int[] u0, int[] v0) implements NeuronParams {
    public static final int DECAY_LAVA = 0;
    public static final int DECAY_NXSDK = 1;

    public LoihiNeurons {
        for (int[] a : new int[][] {du, dv, vth, biasMant, biasExp, u0, v0}) {
            Arrays2.requireLength("Loihi neuron field", a, n);
        }
    }

    public static LoihiNeurons zeros(int n) {
        return new LoihiNeurons(n, DECAY_LAVA, new int[n], new int[n], new int[n], new int[n], new int[n],
                new int[n], new int[n]);
    }

    @Override
    public int count() {
        return n;
    }
}
