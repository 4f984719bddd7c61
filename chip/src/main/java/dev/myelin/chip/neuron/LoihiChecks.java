package dev.myelin.chip.neuron;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.SynapseFormat;

import java.util.List;

/**
 * Range checks of a Loihi core before the chip loads it (../shared/reference/loihi.md): a bad
 * value names the core, the neuron, axon type or synapse, the field and its allowed range.
 */
final class LoihiChecks {
    private LoihiChecks() {
    }

    static LoihiNeurons neurons(CoreImage core, Architecture arch) {
        if (!(core.neurons() instanceof LoihiNeurons p)) {
            throw new MyelinInputException("core " + core.id() + ": datapath loihi-cuba needs Loihi neuron "
                    + "parameters, found " + core.neurons().getClass().getSimpleName());
        }
        check(core, "neurons", -1, "count", p.n(), 0, arch.neurons());
        check(core, "neurons", -1, "decayMode", p.decayMode(), LoihiNeurons.DECAY_LAVA, LoihiNeurons.DECAY_NXSDK);
        // Lava's factor 4096 - du - 1 needs du <= 4095; NxSDK's 4096 - du allows du = 4096.
        int maxDecay = p.decayMode() == LoihiNeurons.DECAY_NXSDK ? LoihiMath.DECAY_UNITY : LoihiMath.DECAY_UNITY - 1;
        for (int j = 0; j < p.n(); j++) {
            check(core, "neuron", j, "du", p.du()[j], 0, maxDecay);
            check(core, "neuron", j, "dv", p.dv()[j], 0, maxDecay);
            check(core, "neuron", j, "vth", p.vth()[j], 0, (1 << 17) - 1);
            check(core, "neuron", j, "biasMant", p.biasMant()[j], -(1 << 12), (1 << 12) - 1);
            check(core, "neuron", j, "biasExp", p.biasExp()[j], 0, 7);
            check(core, "neuron", j, "u0", p.u0()[j], -LoihiMath.UV_HALF, LoihiMath.UV_HALF - 1);
            check(core, "neuron", j, "v0", p.v0()[j], -LoihiMath.V_MAX, LoihiMath.V_MAX);
        }
        return p;
    }

    static SparseRows synapses(CoreImage core, Architecture arch) {
        if (!(core.synapses() instanceof SparseRows rows)) {
            throw new MyelinInputException("core " + core.id() + ": datapath loihi-cuba needs sparse synapse rows, "
                    + "found " + core.synapses().getClass().getSimpleName());
        }
        check(core, "axons", -1, "count", rows.axons(), 0, arch.axons());
        List<SynapseFormat> formats = core.formats();
        for (int t = 0; t < formats.size(); t++) {
            SynapseFormat f = formats.get(t);
            check(core, "axon type", t, "numWeightBits", f.numWeightBits(), 1, LoihiMath.WEIGHT_BITS);
            check(core, "axon type", t, "weightExp", f.weightExp(), -8, 7);
            check(core, "axon type", t, "signMode", f.signMode(), SynapseFormat.EXCITATORY, SynapseFormat.MIXED);
        }
        for (int a = 0; a < core.axonCount(); a++) {
            check(core, "axon", a, "axonType", core.axonType()[a], 0, formats.size() - 1);
        }
        int n = core.neuronCount();
        for (int k = 0; k < rows.post().length; k++) {
            check(core, "synapse", k, "post", rows.post()[k], 0, n - 1);
            check(core, "synapse", k, "weight", rows.weight()[k], -256, 255);
        }
        return rows;
    }

    private static void check(CoreImage core, String what, int index, String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new MyelinInputException("core " + core.id() + " " + what + (index >= 0 ? " " + index : "")
                    + ": field " + field + " = " + value + " is out of range [" + min + ", " + max + "]");
        }
    }
}
