package dev.myelin.chip.neuron;

import dev.myelin.isa.model.Limits;

/**
 * The fixed-point rules of the TrueNorth datapath, each a named helper so the bit-accurate
 * array and the reference model in tests share nothing but these definitions.
 *
 * <p>Widths (the ranges themselves are declared once in {@link Limits} and checked at load):
 * V is signed 20-bit, held in an {@code int}. Policy: V SATURATES to
 * [{@link #V_MIN}, {@link #V_MAX}] after each of the three steps that can move it (the
 * summed synaptic input of the tick, the leak, a reset to -R); it never wraps. The
 * synaptic input of one tick is summed exactly in 32 bits first (at most 65,536 axons x 256
 * &lt; 2^31) and added to V once.
 */
public final class TrueNorthMath {
    /** Bits of the membrane potential, sign included. */
    public static final int V_BITS = 20;
    public static final int V_MIN = Limits.TN_V_MIN;
    public static final int V_MAX = Limits.TN_V_MAX;
    /** alpha and beta: unsigned 18-bit. */
    public static final int THRESHOLD_MAX = Limits.TN_THRESHOLD_MAX;

    private TrueNorthMath() {
    }

    /** Saturates a wide value to signed 20 bits (no wrap). */
    public static int saturateV(long v) {
        return v > V_MAX ? V_MAX : v < V_MIN ? V_MIN : (int) v;
    }

    /**
     * The stochastic rounding F(s, rho): sgn(s) when |s| &gt;= rho, else 0. With rho uniform on
     * 0..255 this is +-1 with probability min(|s| + 1, 256) / 256 for s != 0, and 0 for s = 0.
     */
    public static int stochastic(int s, int rho) {
        return Math.abs(s) >= rho ? Integer.signum(s) : 0;
    }

    /** eta = rho AND (2^TM - 1): the random addition to both thresholds. */
    public static int thresholdMask(int rho, int tm) {
        return rho & ((1 << tm) - 1);
    }

    /** Omega = (1 - eps) + eps * sgn(V): the leak's direction (sgn(0) = 0). */
    public static int leakDirection(int epsilon, int v) {
        return epsilon == 0 ? 1 : Integer.signum(v);
    }
}
