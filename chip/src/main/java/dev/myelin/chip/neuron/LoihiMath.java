package dev.myelin.chip.neuron;

import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.SynapseFormat;

/**
 * The fixed-point arithmetic of a Loihi CUBA compartment and its dense synapses, one named
 * helper per operation (docs/reference/loihi.md, Lava's bit-accurate models).
 *
 * <p>Widths: u and v are 24-bit two's-complement values held in {@code int}; du, dv are 12-bit
 * decay constants; the effective bias is at most 13 + 7 = 20 bits; the threshold {@code vth << 6}
 * at most 23 bits. Products of a 24-bit state and a 13-bit decay factor need 37 bits, so every
 * product is formed in {@code long}. Activations (weighted input sums) are {@code long} too: a
 * core may have up to 65,536 axons of weight 255 scaled by {@code 2^7} and then by {@code 2^6}.
 */
public final class LoihiMath {
    /** Decay factors are fractions of 4096 = 2^12. */
    public static final int DECAY_SHIFT = 12;
    /** Unity decay factor, 2^12. */
    public static final int DECAY_UNITY = 1 << DECAY_SHIFT;
    /** Incoming activation is MSB-aligned to u by a left shift of 6 bits. */
    public static final int ACT_SHIFT = 6;
    /** The threshold mantissa is MSB-aligned to v by a left shift of 6 bits. */
    public static final int VTH_SHIFT = 6;
    /** u and v are 24 bits wide; 2^23 bounds their magnitude. */
    public static final int UV_BITS = 24;
    /** 2^23. */
    public static final int UV_HALF = 1 << (UV_BITS - 1);
    /** Largest v after clipping, 2^23 - 1 (the clip is symmetric: smallest is -(2^23 - 1)). */
    public static final int V_MAX = UV_HALF - 1;
    /** Weights are clipped to 8 magnitude bits before truncation. */
    public static final int WEIGHT_BITS = 8;

    private LoihiMath() {
    }

    /**
     * Round-toward-zero division by 4096 of a decay product: {@code sgn(p) * (|p| >> 12)}.
     * Java's {@code long} division truncates toward zero, which is the same for every
     * {@code |p| < 2^63}; written with the shift so the rounding direction is visible.
     */
    public static long trunc0(long p) {
        return p >= 0 ? p >> DECAY_SHIFT : -((-p) >> DECAY_SHIFT);
    }

    /**
     * Current decay factor (multiplier of u, over 4096). Lava ({@link LoihiNeurons#DECAY_LAVA}):
     * {@code 4096 - du - 1}, the hardware's fixed 1-bit offset, so du = 0 still decays by 1/4096
     * and du = 4095 clears u. NxSDK ({@link LoihiNeurons#DECAY_NXSDK}): {@code 4096 - du}.
     */
    public static int currentDecayFactor(int decayMode, int du) {
        return decayMode == LoihiNeurons.DECAY_NXSDK ? DECAY_UNITY - du : DECAY_UNITY - du - 1;
    }

    /** Voltage decay factor {@code 4096 - dv} (no offset in either mode). */
    public static int voltageDecayFactor(int dv) {
        return DECAY_UNITY - dv;
    }

    /**
     * {@code trunc0(x * factor / 4096)}: x is a 24-bit state, factor 0..4096 (13 bits), so the
     * product needs up to 37 bits and is widened to long; the result fits 24 bits again.
     */
    public static long decay(int x, int factor) {
        return trunc0((long) x * factor);
    }

    /**
     * Wraps u to 24 bits, Lava's rule: if u &gt; 2^23 then u -= 2^24; then if u &lt;= -2^23 then
     * u += 2^24. The result lies in (-2^23, 2^23] (note: +2^23 itself is kept, as Lava keeps it).
     * For |u| beyond 3 * 2^23, reachable only with very large activations, the same rule is
     * applied as often as needed, i.e. u is reduced modulo 2^24 into (-2^23, 2^23].
     */
    public static int wrapU24(long u) {
        // floorMod gives [0, 2^24); shift the representative into (-2^23, 2^23].
        long m = Math.floorMod(u + UV_HALF - 1, 1L << UV_BITS) - UV_HALF + 1;
        return (int) m;
    }

    /**
     * {@link #decay} in {@code int} arithmetic, without a branch, for the fast update loops:
     * {@code trunc0(x * factor / 4096)} for |x| &lt;= 2^23 (every u and v, and u0, v0) and factor
     * 0..4096. With |x| = 4096 h + l (l &lt; 4096), |x| * f / 4096 = h f + l f / 4096, where h f
     * &lt;= 2^23 and l f &lt; 2^24 both fit an {@code int}; the magnitude is floored and the sign
     * put back ({@code (r ^ s) - s} negates when s = -1), which rounds toward zero.
     */
    public static int decay24(int x, int factor) {
        int s = x >> 31;
        int a = (x ^ s) - s;
        int r = (a >> DECAY_SHIFT) * factor + ((a & (DECAY_UNITY - 1)) * factor >> DECAY_SHIFT);
        return (r ^ s) - s;
    }

    /**
     * {@link #wrapU24} of a value known only modulo 2^32 (an {@code int} sum that may have
     * overflowed): the result depends only on u mod 2^24, which 2^32 preserves, so
     * {@code wrapU24int((int) u) == wrapU24(u)} for every long u. A mask instead of a branch.
     */
    public static int wrapU24int(int u) {
        return ((u + UV_HALF - 1) & ((1 << UV_BITS) - 1)) - UV_HALF + 1;
    }

    /** Saturates v to [-(2^23 - 1), 2^23 - 1] (clip, not wrap). */
    public static int clipV24(long v) {
        return (int) Math.max(-V_MAX, Math.min(V_MAX, v));
    }

    /**
     * {@link #clipV24} of an {@code int} sum (|v'| &lt; 2^23 + 2^23 + 2^20 fits), by masks: the
     * excess over a bound is subtracted when its sign says the bound is crossed. C2 compiles
     * {@code Math.max}/{@code min} here into conditional moves that stop the loop from being
     * vectorised (measured: about 10 times slower per neuron).
     */
    public static int clipV24int(int v) {
        int over = v - V_MAX;
        int x = v - (over & ~(over >> 31));
        int under = x + V_MAX;
        return x - (under & (under >> 31));
    }

    /**
     * The ADD join of a multi-compartment neuron: the current a compartment received from the
     * dendrite before it plus its own u, wrapped to 24 bits as u is ({@link #wrapU24}). Both are
     * in (-2^23, 2^23], so the sum fits an {@code int} before the wrap.
     */
    public static int joinAdd(int received, int u) {
        return wrapU24int(received + u);
    }

    /** Effective bias {@code biasMant << biasExp}: 13-bit signed mantissa, exponent 0..7, at most 20 bits. */
    public static int biasOf(int biasMant, int biasExp) {
        return biasMant << biasExp;
    }

    /** Effective threshold {@code vth << 6}: 17-bit unsigned mantissa, at most 23 bits. */
    public static int thresholdOf(int vth) {
        return vth << VTH_SHIFT;
    }

    /** Spike test: strictly greater than the effective threshold (v == threshold does not fire). */
    public static boolean fires(int v, int threshold) {
        return v > threshold;
    }

    /** Clips a raw weight to 8 bits by sign mode: [0, 255], [-255, 0] or [-256, 255] (saturating). */
    public static int clipWeight(int w, int signMode) {
        int lo = signMode == SynapseFormat.EXCITATORY ? 0 : signMode == SynapseFormat.INHIBITORY ? -255 : -256;
        int hi = signMode == SynapseFormat.INHIBITORY ? 0 : 255;
        return Math.max(lo, Math.min(hi, w));
    }

    /**
     * Low bits dropped by truncation: {@code 8 - numWeightBits}, plus one in mixed mode
     * (the sign takes one of the 8 bits).
     */
    public static int weightDropBits(int numWeightBits, int signMode) {
        return WEIGHT_BITS - numWeightBits + (signMode == SynapseFormat.MIXED ? 1 : 0);
    }

    /**
     * The weight the synapse really applies: clipped by sign mode, then its low
     * {@link #weightDropBits} bits dropped and restored as zeros. Mixed and excitatory weights
     * use an arithmetic (floor) shift, so negative mixed weights round toward minus infinity
     * (-127 -&gt; -128, -33 -&gt; -34; 47 -&gt; 46). Inhibitory synapses store the magnitude (the
     * sign is the mode's), so their magnitude is truncated: toward zero (-33 -&gt; -32 with 7
     * bits), exactly as Lava's {@code truncate_weights} negates, shifts and negates back.
     */
    public static int effectiveWeight(int rawWeight, int numWeightBits, int signMode) {
        int shift = weightDropBits(numWeightBits, signMode);
        int w = clipWeight(rawWeight, signMode);
        if (signMode == SynapseFormat.INHIBITORY) {
            return -((-w >> shift) << shift);
        }
        return (w >> shift) << shift;
    }

    /**
     * Scales a weighted input sum by the format's exponent: {@code sum << weightExp}, or
     * {@code sum >> -weightExp} (arithmetic shift, i.e. floor) when negative. long in, long out:
     * a sum of up to 2^16 weights of 9 bits shifted by 7 still fits easily.
     */
    public static long scaleActivation(long sum, int weightExp) {
        return weightExp >= 0 ? sum << weightExp : sum >> -weightExp;
    }

    /**
     * One current update, step 2 and 3 of the reference: decay u toward zero by the mode's
     * factor, add the MSB-aligned activation ({@code aIn << 6}), wrap to 24 bits.
     */
    public static int nextU(int u, int currentFactor, long aIn) {
        return wrapU24(decay(u, currentFactor) + (aIn << ACT_SHIFT));
    }

    /**
     * One voltage update, step 4: decay v toward zero, add the new u and the bias, clip to 24 bits.
     * Before the clip |v| &lt; 2^23 + 2^23 + 2^20, so long is only needed for the decay product.
     */
    public static int nextV(int v, int voltageFactor, int u, int bias) {
        return clipV24(decay(v, voltageFactor) + u + bias);
    }
}
