package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.isa.model.NegativeThreshold;
import org.snakeyaml.engine.v2.nodes.Node;

import java.util.Set;

import static dev.myelin.compiler.source.Units.Dimension.CURRENT;
import static dev.myelin.compiler.source.Units.Dimension.RESISTANCE;
import static dev.myelin.compiler.source.Units.Dimension.TIME;
import static dev.myelin.compiler.source.Units.Dimension.VOLTAGE;

/** Reads a population's {@code params:} for each neuron model, with units and ranges. */
final class ModelReader {
    static final Set<String> LIF = Set.of("tau_m", "v_rest", "v_thresh", "v_reset", "v_init", "r_m", "bias",
            "i_offset", "refractory");
    static final Set<String> CUBA = Set.of("tau_m", "tau_syn", "v_rest", "v_thresh", "v_reset", "v_init", "r_m",
            "bias", "i_offset", "refractory");
    static final Set<String> IF = Set.of("v_thresh", "v_reset", "v_init", "bias");
    static final Set<String> LOIHI = Set.of("du", "dv", "vth", "bias_mant", "bias_exp", "v_init", "refractory");
    static final Set<String> TN = Set.of("leak", "leak_reversal", "alpha", "beta", "reset_mode", "kappa", "reset_v",
            "v_init", "negative_threshold");

    private ModelReader() {
    }

    /**
     * The model's parameters; {@code receptors}: the population lists its synaptic currents, so
     * a cuba_lif takes its tau_syn from them and must not give its own.
     */
    static NeuronModel model(String model, String file, Node params, String popWhere, boolean receptors,
                             Diagnostics d) {
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
        YMap p = YMap.open(file, params, d, "the parameters of model " + model, keys);
        if (p == null) {
            return null;
        }
        return switch (model) {
            case "lif", "cuba_lif" -> lif(model, p, receptors);
            case "if" -> {
                double th = p.quantity("v_thresh", VOLTAGE, 1, true);
                double reset = p.quantity("v_reset", VOLTAGE, 0, false);
                yield new NeuronModel.If(th, reset, p.quantity("v_init", VOLTAGE, reset, false),
                        p.quantity("bias", VOLTAGE, 0, false));
            }
            case "loihi_lif" -> new NeuronModel.LoihiLif((int) p.integer("du", 0, 4095, 0, true),
                    (int) p.integer("dv", 0, 4095, 0, true), (int) p.integer("vth", 0, (1 << 17) - 1, 1, true),
                    (int) p.integer("bias_mant", -(1 << 12), (1 << 12) - 1, 0, false),
                    (int) p.integer("bias_exp", 0, 7, 0, false),
                    (int) p.integer("v_init", -(1 << 23) + 1, (1 << 23) - 1, 0, false),
                    (int) p.integer("refractory", 0, 255, 0, false), new int[0]);
            default -> new NeuronModel.TrueNorth((int) p.integer("leak", -256, 255, 0, false),
                    (int) p.integer("leak_reversal", 0, 1, 0, false),
                    (int) p.integer("alpha", 0, (1 << 18) - 1, 1, true),
                    (int) p.integer("beta", 0, (1 << 18) - 1, 0, false),
                    (int) p.integer("reset_mode", 0, 2, 0, false), (int) p.integer("kappa", 0, 1, 0, false),
                    (int) p.integer("reset_v", -(1 << 19), (1 << 19) - 1, 0, false),
                    (int) p.integer("v_init", -(1 << 19), (1 << 19) - 1, 0, false),
                    NegativeThreshold.byId(p.choice("negative_threshold", NegativeThreshold.ids(),
                            NegativeThreshold.STRICT.id(), false)).orElseThrow());
        };
    }

    private static NeuronModel lif(String model, YMap p, boolean receptors) {
        double tau = p.quantity("tau_m", TIME, 10, true);
        if (receptors && p.has("tau_syn")) {
            p.error("tau_syn", "'tau_syn' given with 'receptors': each receptor has its own tau_syn");
        }
        // with receptors, the lowering takes every tau_syn from them; 5 ms only fills the field
        double tauSyn = model.equals("cuba_lif") ? p.quantity("tau_syn", TIME, 5, !receptors) : 0;
        double rest = p.quantity("v_rest", VOLTAGE, 0, true);
        double th = p.quantity("v_thresh", VOLTAGE, rest + 1, true);
        double reset = p.quantity("v_reset", VOLTAGE, rest, false);
        double init = p.quantity("v_init", VOLTAGE, reset, false);
        double rm = p.quantity("r_m", RESISTANCE, 1, false);
        if (p.has("bias") && p.has("i_offset")) {
            p.error("i_offset", "give 'bias' or 'i_offset', not both (they are the same current)");
        }
        double bias = p.has("i_offset") ? p.quantity("i_offset", CURRENT, 0, false)
                : p.quantity("bias", CURRENT, 0, false);
        double refr = p.quantity("refractory", TIME, 0, false);
        double[] positive = {tau, tauSyn, rm};
        String[] names = {"tau_m", "tau_syn", "r_m"};
        for (int k = 0; k < names.length; k++) {
            if (p.has(names[k]) && !(positive[k] > 0)) {
                p.error(names[k], "'" + names[k] + "' must be positive");
            }
        }
        if (p.has("v_thresh") && th <= reset) {
            p.error("v_thresh", "'v_thresh' (" + th + " mV) must be above 'v_reset' (" + reset + " mV)");
        }
        if (model.equals("lif")) {
            return new NeuronModel.Lif(tau, rest, th, reset, init, rm, bias, refr);
        }
        return new NeuronModel.CubaLif(tau, tauSyn, rest, th, reset, init, rm, bias, refr);
    }
}
