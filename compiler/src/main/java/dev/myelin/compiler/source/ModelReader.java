package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.compiler.ir.ParamSpec;
import org.snakeyaml.engine.v2.nodes.Node;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static dev.myelin.compiler.source.Units.Dimension.CURRENT;
import static dev.myelin.compiler.source.Units.Dimension.RESISTANCE;
import static dev.myelin.compiler.source.Units.Dimension.TIME;
import static dev.myelin.compiler.source.Units.Dimension.VOLTAGE;

/**
 * Reads a population's {@code params:} for each neuron model, with units and ranges. A
 * parameter written as a list or a mapping has one value per neuron ({@link ParamReader}); the
 * model then holds the values' typical value (their mean), and {@link Read#perNeuron()} the values.
 */
final class ModelReader {
    /** A model and its per-neuron parameters. */
    record Read(NeuronModel model, Map<String, ParamSpec> perNeuron) {
    }

    static final Set<String> LIF = Set.of("tau_m", "v_rest", "v_thresh", "v_reset", "v_init", "r_m", "bias",
            "i_offset", "refractory");
    static final Set<String> CUBA = Set.of("tau_m", "tau_syn", "v_rest", "v_thresh", "v_reset", "v_init", "u_init",
            "r_m", "bias", "i_offset", "refractory");
    static final Set<String> IF = Set.of("v_thresh", "v_reset", "v_init", "bias");
    static final Set<String> LOIHI = Set.of("du", "dv", "vth", "bias_mant", "bias_exp", "v_init", "u_init");
    static final Set<String> TN = Set.of("leak", "leak_reversal", "alpha", "beta", "reset_mode", "kappa", "reset_v",
            "v_init", "negative_threshold");

    private ModelReader() {
    }

    /**
     * @param pop  the population's name (with {@code seed}, the seed of a distribution written without one)
     * @param seed the description's seed
     * @param receptors the population lists its synaptic currents, so a cuba_lif takes its
     *             tau_syn from them and must not give its own
     */
    static Read model(String model, String file, Node params, String popWhere, String pop, long seed, Path dir,
                      boolean receptors, Diagnostics d) {
        Set<String> keys = switch (model) {
            case "lif" -> LIF;
            case "cuba_lif" -> CUBA;
            case "if" -> IF;
            case "loihi_lif" -> LOIHI;
            default -> TN;
        };
        if (params == null) {
            d.error(popWhere, "missing key 'params' (the " + model + " model's parameters)");
            return null;
        }
        YMap y = YMap.open(file, params, d, "the parameters of model " + model, keys);
        if (y == null) {
            return null;
        }
        Params p = new Params(y, model, pop, seed, dir);
        NeuronModel m = switch (model) {
            case "lif", "cuba_lif" -> lif(model, p, receptors);
            case "if" -> {
                double th = p.quantity("v_thresh", VOLTAGE, 1, true);
                double reset = p.quantity("v_reset", VOLTAGE, 0, false);
                yield new NeuronModel.If(th, reset, p.quantity("v_init", VOLTAGE, reset, false),
                        p.quantity("bias", VOLTAGE, 0, false));
            }
            case "loihi_lif" -> new NeuronModel.LoihiLif(p.raw("du", 0, true), p.raw("dv", 0, true),
                    p.raw("vth", 1, true), p.raw("bias_mant", 0, false), p.raw("bias_exp", 0, false),
                    p.raw("v_init", 0, false), p.raw("u_init", 0, false));
            default -> new NeuronModel.TrueNorth(p.raw("leak", 0, false), p.raw("leak_reversal", 0, false),
                    p.raw("alpha", 1, true), p.raw("beta", 0, false), p.raw("reset_mode", 0, false),
                    p.raw("kappa", 0, false), p.raw("reset_v", 0, false), p.raw("v_init", 0, false),
                    NegativeThreshold.byId(y.choice("negative_threshold", NegativeThreshold.ids(),
                            NegativeThreshold.STRICT.id(), false)).orElseThrow());
        };
        return new Read(m, p.perNeuron);
    }

    /**
     * The parameters of one population: a value written once is read as before; one written per
     * neuron goes to {@link #perNeuron} and gives its typical value to the model.
     */
    private static final class Params {
        final YMap y;
        final String model;
        final String pop;
        final long seed;
        final Path dir;
        final Map<String, ParamSpec> perNeuron = new LinkedHashMap<>();

        Params(YMap y, String model, String pop, long seed, Path dir) {
            this.y = y;
            this.model = model;
            this.pop = pop;
            this.seed = seed;
            this.dir = dir;
        }

        boolean has(String key) {
            return y.has(key);
        }

        void error(String key, String message) {
            y.error(key, message);
        }

        /** The per-neuron spec of {@code key} stored under {@code name}, if written per neuron; else null. */
        private ParamSpec spec(String key, String name, Units.Dimension dim) {
            Node n = y.get(key);
            if (!ParamReader.perNeuron(n)) {
                return null;
            }
            ParamSpec s = ParamReader.read(y.file, key, n, dim, dir, ParamSpec.derivedSeed(seed, pop, name), y.diag());
            if (s != null) {
                perNeuron.put(name, s);
            }
            return s;
        }

        double quantity(String key, Units.Dimension dim, double fallback, boolean required) {
            return quantity(key, key, dim, fallback, required);
        }

        /** {@code key} as written (i_offset), stored as parameter {@code name} (bias). */
        double quantity(String key, String name, Units.Dimension dim, double fallback, boolean required) {
            if (ParamReader.perNeuron(y.get(key))) {
                ParamSpec s = spec(key, name, dim);
                return s == null ? fallback : s.typical();
            }
            return y.quantity(key, dim, fallback, required);
        }

        /** A raw integer parameter in the model's field range ({@link NeuronModel#rawRange}). */
        int raw(String key, long fallback, boolean required) {
            long[] r = RAW_RANGES.get(model + "." + key);
            if (ParamReader.perNeuron(y.get(key))) {
                ParamSpec s = spec(key, key, null);
                return (int) (s == null ? fallback : Math.max(r[0], Math.min(r[1], Math.round(s.typical()))));
            }
            return (int) y.integer(key, r[0], r[1], fallback, required);
        }
    }

    /** The raw models' field ranges, from the models themselves. */
    private static final Map<String, long[]> RAW_RANGES = rawRanges();

    private static Map<String, long[]> rawRanges() {
        Map<String, long[]> out = new java.util.HashMap<>();
        NeuronModel[] models = {new NeuronModel.LoihiLif(0, 0, 0, 0, 0, 0), new NeuronModel.TrueNorth(0, 0, 0, 0, 0,
                0, 0, 0)};
        for (NeuronModel m : models) {
            for (String k : m.paramNames()) {
                long[] r = m.rawRange(k);
                // v_init is in both with different widths: each model reads its own
                out.put(m.id() + "." + k, r);
            }
        }
        return out;
    }

    private static NeuronModel lif(String model, Params p, boolean receptors) {
        double tau = p.quantity("tau_m", TIME, 10, true);
        if (receptors && p.has("tau_syn")) {
            p.error("tau_syn", "'tau_syn' given with 'receptors': each receptor has its own tau_syn");
        }
        // with receptors the population's reader sets tau_syn to the first receptor's
        double tauSyn = model.equals("cuba_lif") ? p.quantity("tau_syn", TIME, 5, !receptors) : 0;
        double rest = p.quantity("v_rest", VOLTAGE, 0, true);
        double th = p.quantity("v_thresh", VOLTAGE, rest + 1, true);
        double reset = p.quantity("v_reset", VOLTAGE, rest, false);
        double init = p.quantity("v_init", VOLTAGE, reset, false);
        double rm = p.quantity("r_m", RESISTANCE, 1, false);
        if (p.has("bias") && p.has("i_offset")) {
            p.error("i_offset", "give 'bias' or 'i_offset', not both (they are the same current)");
        }
        double bias = p.has("i_offset") ? p.quantity("i_offset", "bias", CURRENT, 0, false)
                : p.quantity("bias", CURRENT, 0, false);
        double uInit = model.equals("cuba_lif") ? p.quantity("u_init", CURRENT, 0, false) : 0;
        double refr = p.quantity("refractory", TIME, 0, false);
        double[] positive = {tau, tauSyn, rm};
        String[] names = {"tau_m", "tau_syn", "r_m"};
        for (int k = 0; k < names.length; k++) {
            // per-neuron values are checked neuron by neuron by the validate pass
            if (p.has(names[k]) && !p.perNeuron.containsKey(names[k]) && !(positive[k] > 0)) {
                p.error(names[k], "'" + names[k] + "' must be positive");
            }
        }
        if (p.has("v_thresh") && th <= reset && !p.perNeuron.containsKey("v_thresh")
                && !p.perNeuron.containsKey("v_reset")) {
            p.error("v_thresh", "'v_thresh' (" + th + " mV) must be above 'v_reset' (" + reset + " mV)");
        }
        if (model.equals("lif")) {
            return new NeuronModel.Lif(tau, rest, th, reset, init, rm, bias, refr);
        }
        return new NeuronModel.CubaLif(tau, tauSyn, rest, th, reset, init, rm, bias, refr, uInit);
    }
}
