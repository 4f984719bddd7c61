package dev.myelin.isa.model;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;

import static dev.myelin.isa.model.Limits.*;

/** The checks of one core against its architecture and datapath (used by {@link ImageValidator}). */
final class CoreRules {
    private final Architecture arch;
    private final CoreImage core;
    private final String scope;

    CoreRules(Architecture arch, CoreImage core) {
        this.arch = arch;
        this.core = core;
        this.scope = "core " + core.id();
    }

    void check() {
        CoreId id = core.id();
        if (!arch.hasCore(id.x(), id.y(), id.slot())) {
            fail("id", "=" + id + " is not on the " + arch.meshWidth() + "x" + arch.meshHeight() + "x"
                    + arch.coresPerRouter() + " board of " + arch.name());
        }
        limit("axons", core.axonCount(), 0, arch.axons(), "core.axons");
        limit("neurons", core.neuronCount(), 0, arch.neurons(), "core.neurons");
        if (arch.datapath() == Datapath.TRUENORTH) {
            checkTrueNorth();
        } else {
            checkLoihi();
        }
        checkTargets();
    }

    private void checkTrueNorth() {
        if (!(core.neurons() instanceof TrueNorthNeurons n)) {
            fail("neurons", " are Loihi compartments; datapath truenorth needs TrueNorth neurons");
            return;
        }
        if (!(core.synapses() instanceof Crossbar c)) {
            fail("synapses", " are sparse rows; datapath truenorth needs a crossbar");
            return;
        }
        if (!core.formats().isEmpty()) {
            fail("formats", ".size=" + core.formats().size() + " must be 0 for datapath truenorth");
        }
        for (int a = 0; a < core.axonCount(); a++) {
            below("axon[" + a + "].type", core.axonType()[a], arch.axonTypes(), "core.axonTypes");
        }
        long bytes = (long) c.axons() * ((c.neurons() + 7) / 8);
        if (bytes > arch.synapticMemoryBytes()) {
            fail("synapses", ": crossbar of " + c.axons() + "x" + c.neurons() + " needs " + bytes
                    + " bytes, exceeds core.synapticMemoryBytes=" + arch.synapticMemoryBytes());
        }
        int wMin = weightMin(arch.weightBits());
        int wMax = weightMax(arch.weightBits());
        for (int j = 0; j < n.n(); j++) {
            String p = "neuron[" + j + "].";
            for (int g = 0; g < 4; g++) {
                range(p + "weight[" + g + "]", n.weights()[4 * j + g], wMin, wMax);
            }
            range(p + "stochasticSynapse", n.stochasticSynapse()[j], 0, TN_STOCHASTIC_MASK_MAX);
            range(p + "leak", n.leak()[j], TN_LEAK_MIN, TN_LEAK_MAX);
            range(p + "stochasticLeak", n.stochasticLeak()[j], 0, 1);
            range(p + "leakReversal", n.leakReversal()[j], 0, 1);
            range(p + "alpha", n.alpha()[j], 0, TN_THRESHOLD_MAX);
            range(p + "beta", n.beta()[j], 0, TN_THRESHOLD_MAX);
            range(p + "thresholdMaskBits", n.thresholdMaskBits()[j], 0, TN_TM_MAX);
            range(p + "resetMode", n.resetMode()[j], 0, TN_RESET_MODE_MAX);
            range(p + "kappa", n.kappa()[j], 0, 1);
            range(p + "resetV", n.resetV()[j], TN_V_MIN, TN_V_MAX);
            range(p + "v0", n.v0()[j], TN_V_MIN, TN_V_MAX);
        }
    }

    private void checkLoihi() {
        if (!(core.neurons() instanceof LoihiNeurons n)) {
            fail("neurons", " are TrueNorth neurons; datapath loihi-cuba needs Loihi compartments");
            return;
        }
        if (!(core.synapses() instanceof SparseRows s)) {
            fail("synapses", " are a crossbar; datapath loihi-cuba needs sparse rows");
            return;
        }
        limit("formats.size", core.formats().size(), 0, arch.axonTypes(), "core.axonTypes");
        for (int t = 0; t < core.formats().size(); t++) {
            SynapseFormat f = core.formats().get(t);
            String p = "format[" + t + "].";
            range(p + "numWeightBits", f.numWeightBits(), LOIHI_WEIGHT_BITS_MIN, LOIHI_WEIGHT_BITS_MAX);
            range(p + "weightExp", f.weightExp(), LOIHI_WEIGHT_EXP_MIN, LOIHI_WEIGHT_EXP_MAX);
            range(p + "signMode", f.signMode(), SynapseFormat.EXCITATORY, SynapseFormat.MIXED);
        }
        for (int a = 0; a < core.axonCount(); a++) {
            below("axon[" + a + "].type", core.axonType()[a], core.formats().size(), "formats.size");
        }
        checkSparseRows(s);
        range("decayMode", n.decayMode(), LoihiNeurons.DECAY_LAVA, LoihiNeurons.DECAY_NXSDK);
        int decayMax = n.decayMode() == LoihiNeurons.DECAY_NXSDK ? LOIHI_DECAY_MAX_NXSDK : LOIHI_DECAY_MAX;
        for (int j = 0; j < n.n(); j++) {
            String p = "neuron[" + j + "].";
            range(p + "du", n.du()[j], 0, decayMax);
            range(p + "dv", n.dv()[j], 0, decayMax);
            range(p + "vth", n.vth()[j], 0, LOIHI_VTH_MAX);
            range(p + "biasMant", n.biasMant()[j], LOIHI_BIAS_MANT_MIN, LOIHI_BIAS_MANT_MAX);
            range(p + "biasExp", n.biasExp()[j], 0, LOIHI_BIAS_EXP_MAX);
            range(p + "u0", n.u0()[j], LOIHI_STATE_MIN, LOIHI_STATE_MAX);
            range(p + "v0", n.v0()[j], LOIHI_STATE_MIN, LOIHI_STATE_MAX);
        }
    }

    private void checkSparseRows(SparseRows s) {
        int wMin = weightMin(arch.weightBits());
        int wMax = weightMax(arch.weightBits());
        for (int a = 0; a < s.axons(); a++) {
            SynapseFormat f = core.formats().get(core.axonType()[a]);
            for (int k = s.rowStart()[a]; k < s.rowStart()[a + 1]; k++) {
                String p = "axon[" + a + "].synapse[" + (k - s.rowStart()[a]) + "].";
                below(p + "post", s.post()[k], core.neuronCount(), "neurons used");
                int w = s.weight()[k];
                range(p + "weight", w, wMin, wMax);
                if (f.signMode() == SynapseFormat.EXCITATORY && w < 0
                        || f.signMode() == SynapseFormat.INHIBITORY && w > 0) {
                    fail(p + "weight", "=" + w + " contradicts sign mode "
                            + SynapseFormat.signModeName(f.signMode()) + " of axon type " + core.axonType()[a]);
                }
            }
        }
    }

    private void checkTargets() {
        Targets t = core.targets();
        limit("targets", t.count(), 0, arch.maxFanOut(), "core.maxFanOut");
        for (int j = 0; j < t.neurons(); j++) {
            limit("neuron[" + j + "].targets", t.countOf(j), 0, arch.targetsPerNeuron(), "core.targetsPerNeuron");
            for (int k = t.start()[j]; k < t.start()[j + 1]; k++) {
                String p = "neuron[" + j + "].target[" + (k - t.start()[j]) + "].";
                below(p + "axon", t.axon()[k], arch.axons(), "core.axons");
                range(p + "delay", t.delay()[k], 1, arch.maxDelay());
                below(p + "slot", t.slot()[k], arch.coresPerRouter(), "mesh.coresPerRouter");
            }
        }
    }

    private void limit(String field, long v, long min, long max, String limitName) {
        if (v < min) {
            fail(field, "=" + v + " is negative");
        }
        if (v > max) {
            fail(field, "=" + v + " exceeds " + limitName + "=" + max);
        }
    }

    private void below(String field, int v, int bound, String limitName) {
        if (v < 0) {
            fail(field, "=" + v + " is negative");
        }
        if (v >= bound) {
            fail(field, "=" + v + " exceeds " + (bound - 1) + " (" + limitName + "=" + bound + ")");
        }
    }

    private void range(String field, int v, int min, int max) {
        if (v < min || v > max) {
            fail(field, "=" + v + " is out of range [" + min + ", " + max + "]");
        }
    }

    private void fail(String field, String detail) {
        throw new ImageViolation(scope, core.id(), "CORE", field, detail);
    }
}
