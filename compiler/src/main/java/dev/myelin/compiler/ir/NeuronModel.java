package dev.myelin.compiler.ir;

import dev.myelin.isa.model.NegativeThreshold;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A population's neuron model as the user wrote it: continuous-time models with physical
 * units (mV, ms, nA, MOhm), or a datapath's raw fixed-point parameters.
 *
 * <p>Every numeric parameter has its description-language name ({@link #paramNames()}), read
 * with {@link #param(String)}; {@link #with(ToDoubleFunction)} builds the same model with other
 * values, which is how a neuron's own parameters ({@link Population#perNeuron()}) are applied
 * ({@link Population#modelOf(java.util.Map, int)}).
 */
public sealed interface NeuronModel {
    /** The model's name in the description language. */
    String id();

    /** True for the raw fixed-point models whose weights are integers. */
    default boolean raw() {
        return false;
    }

    /** {min, max} of a raw model's integer parameter {@code name}; null for continuous models. */
    default long[] rawRange(String name) {
        return null;
    }

    /** The numeric parameters, by their names in the description language. */
    List<String> paramNames();

    /** The value of parameter {@code name} (one of {@link #paramNames()}) in its base unit or raw integer. */
    double param(String name);

    /** The same model with every parameter {@code name} taking {@code value.applyAsDouble(name)}. */
    NeuronModel with(ToDoubleFunction<String> value);

    private static IllegalArgumentException unknown(NeuronModel m, String name) {
        return new IllegalArgumentException("model " + m.id() + " has no parameter '" + name + "'");
    }

    /** A raw integer parameter from a value already checked to be an integer in range. */
    private static int rawInt(ToDoubleFunction<String> value, String name) {
        return (int) Math.round(value.applyAsDouble(name));
    }

    /**
     * Leaky integrate-and-fire with delta synapses: tau_m dv/dt = -(v - v_rest) + r_m (bias);
     * a spike adds the projection weight (mV) to v.
     */
    record Lif(double tauMMs, double vRestMv, double vThreshMv, double vResetMv, double vInitMv, double rMMohm,
               double biasNa, double refractoryMs) implements NeuronModel {
        static final List<String> NAMES = List.of("tau_m", "v_rest", "v_thresh", "v_reset", "v_init", "r_m", "bias",
                "refractory");

        public String id() { return "lif"; }

        @Override public List<String> paramNames() { return NAMES; }

        @Override
        public double param(String name) {
            return switch (name) {
                case "tau_m" -> tauMMs;
                case "v_rest" -> vRestMv;
                case "v_thresh" -> vThreshMv;
                case "v_reset" -> vResetMv;
                case "v_init" -> vInitMv;
                case "r_m" -> rMMohm;
                case "bias" -> biasNa;
                case "refractory" -> refractoryMs;
                default -> throw unknown(this, name);
            };
        }

        @Override
        public Lif with(ToDoubleFunction<String> v) {
            return new Lif(v.applyAsDouble("tau_m"), v.applyAsDouble("v_rest"), v.applyAsDouble("v_thresh"),
                    v.applyAsDouble("v_reset"), v.applyAsDouble("v_init"), v.applyAsDouble("r_m"),
                    v.applyAsDouble("bias"), v.applyAsDouble("refractory"));
        }
    }

    /**
     * LIF with an exponentially decaying synaptic current (tau_syn); weights are current jumps (nA).
     *
     * @param uInitNa the synaptic current at tick 0
     */
    record CubaLif(double tauMMs, double tauSynMs, double vRestMv, double vThreshMv, double vResetMv,
                   double vInitMv, double rMMohm, double biasNa, double refractoryMs, double uInitNa)
            implements NeuronModel {
        static final List<String> NAMES = List.of("tau_m", "tau_syn", "v_rest", "v_thresh", "v_reset", "v_init",
                "u_init", "r_m", "bias", "refractory");

        /** With no synaptic current at tick 0. */
        public CubaLif(double tauMMs, double tauSynMs, double vRestMv, double vThreshMv, double vResetMv,
                       double vInitMv, double rMMohm, double biasNa, double refractoryMs) {
            this(tauMMs, tauSynMs, vRestMv, vThreshMv, vResetMv, vInitMv, rMMohm, biasNa, refractoryMs, 0);
        }

        public String id() { return "cuba_lif"; }

        @Override public List<String> paramNames() { return NAMES; }

        @Override
        public double param(String name) {
            return switch (name) {
                case "tau_m" -> tauMMs;
                case "tau_syn" -> tauSynMs;
                case "v_rest" -> vRestMv;
                case "v_thresh" -> vThreshMv;
                case "v_reset" -> vResetMv;
                case "v_init" -> vInitMv;
                case "u_init" -> uInitNa;
                case "r_m" -> rMMohm;
                case "bias" -> biasNa;
                case "refractory" -> refractoryMs;
                default -> throw unknown(this, name);
            };
        }

        @Override
        public CubaLif with(ToDoubleFunction<String> v) {
            return new CubaLif(v.applyAsDouble("tau_m"), v.applyAsDouble("tau_syn"), v.applyAsDouble("v_rest"),
                    v.applyAsDouble("v_thresh"), v.applyAsDouble("v_reset"), v.applyAsDouble("v_init"),
                    v.applyAsDouble("r_m"), v.applyAsDouble("bias"), v.applyAsDouble("refractory"),
                    v.applyAsDouble("u_init"));
        }
    }

    /** Non-leaky integrate-and-fire: v += weights + bias every tick; weights and bias in mV. */
    record If(double vThreshMv, double vResetMv, double vInitMv, double biasMv) implements NeuronModel {
        static final List<String> NAMES = List.of("v_thresh", "v_reset", "v_init", "bias");

        public String id() { return "if"; }

        @Override public List<String> paramNames() { return NAMES; }

        @Override
        public double param(String name) {
            return switch (name) {
                case "v_thresh" -> vThreshMv;
                case "v_reset" -> vResetMv;
                case "v_init" -> vInitMv;
                case "bias" -> biasMv;
                default -> throw unknown(this, name);
            };
        }

        @Override
        public If with(ToDoubleFunction<String> v) {
            return new If(v.applyAsDouble("v_thresh"), v.applyAsDouble("v_reset"), v.applyAsDouble("v_init"),
                    v.applyAsDouble("bias"));
        }
    }

    /**
     * Loihi CUBA LIF in raw fixed point (see docs/isa.md and docs/reference/loihi.md).
     *
     * @param u0 the synaptic current at tick 0 (24-bit signed)
     */
    record LoihiLif(int du, int dv, int vth, int biasMant, int biasExp, int v0, int u0) implements NeuronModel {
        static final List<String> NAMES = List.of("du", "dv", "vth", "bias_mant", "bias_exp", "v_init", "u_init");
        static final java.util.Map<String, long[]> RANGES = java.util.Map.of("du", new long[] {0, 4095},
                "dv", new long[] {0, 4095}, "vth", new long[] {0, (1 << 17) - 1},
                "bias_mant", new long[] {-(1 << 12), (1 << 12) - 1}, "bias_exp", new long[] {0, 7},
                "v_init", new long[] {-(1 << 23) + 1, (1 << 23) - 1}, "u_init", new long[] {-(1 << 23) + 1, (1 << 23) - 1});

        /** With no synaptic current at tick 0. */
        public LoihiLif(int du, int dv, int vth, int biasMant, int biasExp, int v0) {
            this(du, dv, vth, biasMant, biasExp, v0, 0);
        }

        public String id() { return "loihi_lif"; }
        @Override public boolean raw() { return true; }
        @Override public long[] rawRange(String name) { return RANGES.get(name).clone(); }

        @Override public List<String> paramNames() { return NAMES; }

        @Override
        public double param(String name) {
            return switch (name) {
                case "du" -> du;
                case "dv" -> dv;
                case "vth" -> vth;
                case "bias_mant" -> biasMant;
                case "bias_exp" -> biasExp;
                case "v_init" -> v0;
                case "u_init" -> u0;
                default -> throw unknown(this, name);
            };
        }

        @Override
        public LoihiLif with(ToDoubleFunction<String> v) {
            return new LoihiLif(NeuronModel.rawInt(v, "du"), NeuronModel.rawInt(v, "dv"), NeuronModel.rawInt(v, "vth"), NeuronModel.rawInt(v, "bias_mant"), NeuronModel.rawInt(v, "bias_exp"),
                    NeuronModel.rawInt(v, "v_init"), NeuronModel.rawInt(v, "u_init"));
        }
    }

    /**
     * TrueNorth neuron in raw parameters (deterministic subset: no stochastic modes).
     *
     * @param negativeThreshold how V is compared with -beta on the cores of the population:
     *                          strict {@code V < -beta} (TrueNorth, the default) or inclusive
     *                          {@code V <= -beta} (the RANC simulator's {@code neuron_reset_type} 1);
     *                          a rule of the core, so one per population
     */
    record TrueNorth(int leak, int leakReversal, int alpha, int beta, int resetMode, int kappa, int resetV, int v0,
                     NegativeThreshold negativeThreshold) implements NeuronModel {
        static final List<String> NAMES = List.of("leak", "leak_reversal", "alpha", "beta", "reset_mode", "kappa",
                "reset_v", "v_init");
        static final java.util.Map<String, long[]> RANGES = java.util.Map.of("leak", new long[] {-256, 255},
                "leak_reversal", new long[] {0, 1}, "alpha", new long[] {0, (1 << 18) - 1},
                "beta", new long[] {0, (1 << 18) - 1}, "reset_mode", new long[] {0, 2}, "kappa", new long[] {0, 1},
                "reset_v", new long[] {-(1 << 19), (1 << 19) - 1}, "v_init", new long[] {-(1 << 19), (1 << 19) - 1});

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
        @Override public long[] rawRange(String name) { return RANGES.get(name).clone(); }

        @Override public List<String> paramNames() { return NAMES; }

        @Override
        public double param(String name) {
            return switch (name) {
                case "leak" -> leak;
                case "leak_reversal" -> leakReversal;
                case "alpha" -> alpha;
                case "beta" -> beta;
                case "reset_mode" -> resetMode;
                case "kappa" -> kappa;
                case "reset_v" -> resetV;
                case "v_init" -> v0;
                default -> throw unknown(this, name);
            };
        }

        @Override
        public TrueNorth with(ToDoubleFunction<String> v) {
            return new TrueNorth(NeuronModel.rawInt(v, "leak"), NeuronModel.rawInt(v, "leak_reversal"), NeuronModel.rawInt(v, "alpha"), NeuronModel.rawInt(v, "beta"),
                    NeuronModel.rawInt(v, "reset_mode"), NeuronModel.rawInt(v, "kappa"), NeuronModel.rawInt(v, "reset_v"), NeuronModel.rawInt(v, "v_init"), negativeThreshold);
        }
    }
}
