package dev.myelin.compiler.ir;

import dev.myelin.isa.model.NegativeThreshold;

/**
 * A population's neuron model as the user wrote it: continuous-time models with physical
 * units (mV, ms, nA, MOhm), or a datapath's raw fixed-point parameters.
 */
public sealed interface NeuronModel {
    /** The model's name in the description language. */
    String id();

    /** True for the raw fixed-point models whose weights are integers. */
    default boolean raw() {
        return false;
    }

    /**
     * Leaky integrate-and-fire with delta synapses: tau_m dv/dt = -(v - v_rest) + r_m (bias);
     * a spike adds the projection weight (mV) to v.
     */
    record Lif(double tauMMs, double vRestMv, double vThreshMv, double vResetMv, double vInitMv, double rMMohm,
               double biasNa, double refractoryMs) implements NeuronModel {
        public String id() { return "lif"; }
    }

    /** LIF with an exponentially decaying synaptic current (tau_syn); weights are current jumps (nA). */
    record CubaLif(double tauMMs, double tauSynMs, double vRestMv, double vThreshMv, double vResetMv,
                   double vInitMv, double rMMohm, double biasNa, double refractoryMs) implements NeuronModel {
        public String id() { return "cuba_lif"; }
    }

    /** Non-leaky integrate-and-fire: v += weights + bias every tick; weights and bias in mV. */
    record If(double vThreshMv, double vResetMv, double vInitMv, double biasMv) implements NeuronModel {
        public String id() { return "if"; }
    }

    /**
     * Loihi CUBA LIF in raw fixed point (see docs/isa.md and docs/reference/loihi.md).
     *
     * @param refractory  ticks v is held after a spike (0..255; 0 none)
     * @param dendriteDu  the current decay of each further receptor's compartment, a dendrite
     *                    joined by ADD into the soma (empty: a single compartment)
     */
    record LoihiLif(int du, int dv, int vth, int biasMant, int biasExp, int v0, int refractory, int[] dendriteDu)
            implements NeuronModel {
        /** A single compartment without refractory period. */
        public LoihiLif(int du, int dv, int vth, int biasMant, int biasExp, int v0) {
            this(du, dv, vth, biasMant, biasExp, v0, 0, new int[0]);
        }

        public String id() { return "loihi_lif"; }
        @Override public boolean raw() { return true; }
    }

    /**
     * TrueNorth neuron in raw parameters (deterministic subset: no stochastic modes).
     *
     * @param negativeThreshold how V is compared with -beta on the cores of the population:
     *                          strict {@code V < -beta} (TrueNorth, the default) or inclusive
     *                          {@code V <= -beta} (the RANC simulator's {@code neuron_reset_type} 1)
     */
    record TrueNorth(int leak, int leakReversal, int alpha, int beta, int resetMode, int kappa, int resetV, int v0,
                     NegativeThreshold negativeThreshold) implements NeuronModel {
        public TrueNorth {
            java.util.Objects.requireNonNull(negativeThreshold, "negativeThreshold");
        }

        /** With TrueNorth's strict negative threshold. */
        public TrueNorth(int leak, int leakReversal, int alpha, int beta, int resetMode, int kappa, int resetV,
                         int v0) {
            this(leak, leakReversal, alpha, beta, resetMode, kappa, resetV, v0, NegativeThreshold.STRICT);
        }

        public String id() { return "truenorth"; }
        @Override public boolean raw() { return true; }
    }
}
