package dev.myelin.compiler.lower;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.ParamSpec;
import dev.myelin.compiler.ir.Population;

import java.util.Map;

/**
 * Part of the validate pass: a population's per-neuron parameters ({@link Population#perNeuron()})
 * name parameters of its model, hold one value per neuron, describe sound distributions, and give
 * every neuron values its model accepts (raw models: integers in the field's range; continuous
 * models: positive time constants and resistance, a threshold above the reset). Errors are
 * located at the parameter's key, or at the value in its CSV file; at most
 * {@link #MAX_PER_PARAM} per parameter.
 */
final class PerNeuronCheck {
    static final int MAX_PER_PARAM = 3;

    private PerNeuronCheck() {
    }

    static void check(Population p, Diagnostics d) {
        NeuronModel m = p.model();
        boolean sound = true;
        for (Map.Entry<String, ParamSpec> e : p.perNeuron().entrySet()) {
            String name = e.getKey();
            String where = p.whereOf("params." + name, "params");
            if (!m.paramNames().contains(name)) {
                d.error(where, "population '" + p.name() + "': model " + m.id() + " has no parameter '" + name
                        + "' (its parameters: " + String.join(", ", m.paramNames()) + ")");
                sound = false;
                continue;
            }
            String problem = problem(e.getValue(), p.size());
            if (problem != null) {
                d.error(where, "population '" + p.name() + "', parameter '" + name + "': " + problem);
                sound = false;
            }
        }
        if (!sound) {
            return;
        }
        Map<String, double[]> per = p.resolvePerNeuron();
        for (Map.Entry<String, double[]> e : per.entrySet()) {
            checkValues(p, e.getKey(), e.getValue(), d);
        }
        if (!m.raw() && (per.containsKey("v_thresh") || per.containsKey("v_reset"))) {
            int bad = 0;
            for (int i = 0; i < p.size() && bad < MAX_PER_PARAM; i++) {
                NeuronModel mi = p.modelOf(per, i);
                if (!(mi.param("v_thresh") > mi.param("v_reset"))) {
                    d.error(p.whereOf("params.v_thresh", "params"), "population '" + p.name() + "' neuron " + i
                            + ": v_thresh (" + mi.param("v_thresh") + " mV) must be above v_reset ("
                            + mi.param("v_reset") + " mV)");
                    bad++;
                }
            }
        }
    }

    /** What is wrong with a spec for {@code n} neurons, or null. */
    static String problem(ParamSpec s, int n) {
        if (s instanceof ParamSpec.Values v) {
            return v.values().length == n ? null : v.values().length + " values given for " + n + " neurons";
        }
        if (s instanceof ParamSpec.Uniform u) {
            return Double.isFinite(u.low()) && Double.isFinite(u.high()) && u.low() <= u.high() ? null
                    : "uniform [" + u.low() + ", " + u.high() + ") needs finite bounds with low <= high";
        }
        ParamSpec.Normal g = (ParamSpec.Normal) s;
        if (!Double.isFinite(g.mean()) || !(g.sd() >= 0) || !Double.isFinite(g.sd())) {
            return "normal needs a finite mean and a finite sd >= 0 (mean " + g.mean() + ", sd " + g.sd() + ")";
        }
        return g.low() <= g.high() ? null : "normal's clip [" + g.low() + ", " + g.high() + "] needs low <= high";
    }

    private static void checkValues(Population p, String name, double[] v, Diagnostics d) {
        NeuronModel m = p.model();
        ParamSpec spec = p.perNeuron().get(name);
        String key = p.whereOf("params." + name, "params");
        long[] range = m.rawRange(name);
        boolean positive = name.equals("tau_m") || name.equals("tau_syn") || name.equals("r_m");
        int bad = 0;
        for (int i = 0; i < v.length && bad < MAX_PER_PARAM; i++) {
            String why = null;
            double x = v[i];
            if (!Double.isFinite(x)) {
                why = "is not a finite number";
            } else if (range != null && spec instanceof ParamSpec.Values && x != Math.rint(x)) {
                why = "is not an integer (raw model " + m.id() + ")";
            } else if (range != null && (Math.round(x) < range[0] || Math.round(x) > range[1])) {
                why = "is out of range [" + range[0] + ", " + range[1] + "]";
            } else if (positive && !(x > 0)) {
                why = "must be positive";
            } else if (name.equals("refractory") && x < 0) {
                why = "must not be negative";
            }
            if (why != null) {
                String where = spec instanceof ParamSpec.Values given ? given.where(i, key) : key;
                d.error(where, "population '" + p.name() + "' neuron " + i + ": " + name + " = " + x + " " + why);
                bad++;
            }
        }
    }
}
