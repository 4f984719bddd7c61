package dev.myelin.isa.model;

/**
 * TrueNorth neuron parameters for {@code n} neurons of one core, one array per field
 * (see docs/reference/truenorth.md and docs/isa.md for widths).
 *
 * @param negativeThreshold the core's comparison with the negative threshold: {@code V < -beta}
 *                      (strict, TrueNorth, the default) or {@code V <= -beta} (inclusive, RANC)
 * @param weights       s_j^G, 4 per neuron: {@code weights[4*j + G]}, signed 9-bit (-256..255)
 * @param stochasticSynapse b_j^G as a 4-bit mask per neuron (bit G set: stochastic synapse for type G)
 * @param leak          lambda, signed 9-bit
 * @param stochasticLeak c, 0 or 1
 * @param leakReversal  epsilon, 0 or 1
 * @param alpha         positive threshold, unsigned 18-bit
 * @param beta          negative threshold, unsigned 18-bit
 * @param thresholdMaskBits TM, 0..8 (eta = rho AND (2^TM - 1))
 * @param resetMode     gamma: 0 normal, 1 linear, 2 non-reset
 * @param kappa         negative saturation, 0 or 1
 * @param resetV        R, signed 20-bit
 * @param v0            initial membrane potential, signed 20-bit
 */
public record TrueNorthNeurons(int n, NegativeThreshold negativeThreshold, int[] weights, int[] stochasticSynapse, int[] leak, int[] stochasticLeak,
                               int[] leakReversal, int[] alpha, int[] beta, int[] thresholdMaskBits,
                               int[] resetMode, int[] kappa, int[] resetV, int[] v0) implements NeuronParams {
    public TrueNorthNeurons {
        java.util.Objects.requireNonNull(negativeThreshold, "negativeThreshold");
        Arrays2.requireLength("weights", weights, 4 * n);
        for (int[] a : new int[][] {stochasticSynapse, leak, stochasticLeak, leakReversal, alpha, beta,
                thresholdMaskBits, resetMode, kappa, resetV, v0}) {
            Arrays2.requireLength("TrueNorth neuron field", a, n);
        }
    }

    /**
     * n neurons with every parameter zero and the strict negative threshold (alpha 0 fires
     * whenever V >= 0; callers set what they need).
     */
    public static TrueNorthNeurons zeros(int n) {
        return new TrueNorthNeurons(n, NegativeThreshold.STRICT, new int[4 * n], new int[n], new int[n], new int[n], new int[n], new int[n],
                new int[n], new int[n], new int[n], new int[n], new int[n], new int[n]);
    }

    /** The same neurons (sharing these arrays) under another negative-threshold rule. */
    public TrueNorthNeurons withNegativeThreshold(NegativeThreshold rule) {
        return new TrueNorthNeurons(n, rule, weights, stochasticSynapse, leak, stochasticLeak, leakReversal, alpha,
                beta, thresholdMaskBits, resetMode, kappa, resetV, v0);
    }

    @Override
    public int count() {
        return n;
    }
}
