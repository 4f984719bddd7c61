package dev.myelin.chip.neuron;

import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.TrueNorthNeurons;

/** Range checks of a TrueNorth core before the chip loads it: a bad value names core, neuron, field and range. */
final class TrueNorthChecks {
    private TrueNorthChecks() {
    }

    static TrueNorthNeurons neurons(CoreImage core) {
        if (!(core.neurons() instanceof TrueNorthNeurons p)) {
            throw new MyelinInputException("core " + core.id() + ": datapath truenorth needs TrueNorth neuron "
                    + "parameters, found " + core.neurons().getClass().getSimpleName());
        }
        for (int a = 0; a < core.axonCount(); a++) {
            check(core, "axon", a, "axonType", core.axonType()[a], 0, 3);
        }
        for (int j = 0; j < p.n(); j++) {
            for (int g = 0; g < 4; g++) {
                check(core, "neuron", j, "s" + g, p.weights()[4 * j + g],
                        TrueNorthMath.WEIGHT_MIN, TrueNorthMath.WEIGHT_MAX);
            }
            check(core, "neuron", j, "stochasticSynapse", p.stochasticSynapse()[j], 0, 15);
            check(core, "neuron", j, "lambda", p.leak()[j], TrueNorthMath.WEIGHT_MIN, TrueNorthMath.WEIGHT_MAX);
            check(core, "neuron", j, "c", p.stochasticLeak()[j], 0, 1);
            check(core, "neuron", j, "epsilon", p.leakReversal()[j], 0, 1);
            check(core, "neuron", j, "alpha", p.alpha()[j], 0, TrueNorthMath.THRESHOLD_MAX);
            check(core, "neuron", j, "beta", p.beta()[j], 0, TrueNorthMath.THRESHOLD_MAX);
            check(core, "neuron", j, "TM", p.thresholdMaskBits()[j], 0, TrueNorthMath.TM_MAX);
            check(core, "neuron", j, "gamma", p.resetMode()[j], 0, 2);
            check(core, "neuron", j, "kappa", p.kappa()[j], 0, 1);
            check(core, "neuron", j, "R", p.resetV()[j], TrueNorthMath.V_MIN, TrueNorthMath.V_MAX);
            check(core, "neuron", j, "V0", p.v0()[j], TrueNorthMath.V_MIN, TrueNorthMath.V_MAX);
        }
        return p;
    }

    static Crossbar crossbar(CoreImage core) {
        if (!(core.synapses() instanceof Crossbar xb)) {
            throw new MyelinInputException("core " + core.id() + ": datapath truenorth needs a binary crossbar, found "
                    + core.synapses().getClass().getSimpleName());
        }
        return xb;
    }

    private static void check(CoreImage core, String what, int index, String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new MyelinInputException("core " + core.id() + " " + what + " " + index + ": field " + field
                    + " = " + value + " is out of range [" + min + ", " + max + "]");
        }
    }
}
