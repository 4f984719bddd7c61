package dev.myelin.chip.neuron;

import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.SynapseFormat;

import java.util.List;

/**
 * The field ranges the Loihi datapath relies on (../shared/reference/loihi.md). A decoded
 * binary is range-checked by the codec; a core that still violates them here is a programming
 * error, reported with the core, field, neuron and value.
 */
final class LoihiChecks {
    private LoihiChecks() {
    }

    static void neurons(String core, LoihiNeurons p) {
        if (p.decayMode() != LoihiNeurons.DECAY_LAVA && p.decayMode() != LoihiNeurons.DECAY_NXSDK) {
            throw bad(core, "decayMode", -1, p.decayMode(), "0 (Lava) or 1 (NxSDK)");
        }
        // Lava's factor 4096 - du - 1 needs du <= 4095; NxSDK's 4096 - du allows du = 4096.
        int maxDecay = p.decayMode() == LoihiNeurons.DECAY_NXSDK ? 4096 : 4095;
        for (int j = 0; j < p.n(); j++) {
            range(core, "du", j, p.du()[j], 0, maxDecay);
            range(core, "dv", j, p.dv()[j], 0, maxDecay);
            range(core, "vth", j, p.vth()[j], 0, (1 << 17) - 1);
            range(core, "biasMant", j, p.biasMant()[j], -(1 << 12), (1 << 12) - 1);
            range(core, "biasExp", j, p.biasExp()[j], 0, 7);
            range(core, "u0", j, p.u0()[j], -LoihiMath.UV_HALF, LoihiMath.UV_HALF - 1);
            range(core, "v0", j, p.v0()[j], -LoihiMath.V_MAX, LoihiMath.V_MAX);
        }
    }

    static void formats(String core, List<SynapseFormat> formats, int[] axonType) {
        for (int t = 0; t < formats.size(); t++) {
            SynapseFormat f = formats.get(t);
            range(core, "numWeightBits of type " + t, -1, f.numWeightBits(), 1, 8);
            range(core, "weightExp of type " + t, -1, f.weightExp(), -8, 7);
            range(core, "signMode of type " + t, -1, f.signMode(), SynapseFormat.EXCITATORY, SynapseFormat.MIXED);
        }
        for (int a = 0; a < axonType.length; a++) {
            range(core, "axonType", a, axonType[a], 0, formats.size() - 1);
        }
    }

    private static void range(String core, String field, int index, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw bad(core, field, index, value, "[" + lo + ", " + hi + "]");
        }
    }

    private static IllegalArgumentException bad(String core, String field, int index, int value, String allowed) {
        return new IllegalArgumentException("core " + core + ": " + field + (index >= 0 ? "[" + index + "]" : "")
                + " = " + value + " is out of range " + allowed);
    }
}
