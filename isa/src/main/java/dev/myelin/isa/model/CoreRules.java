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
        if (core.input()) {
            checkInput();
        } else if (arch.datapath() == Datapath.TRUENORTH) {
            checkTrueNorth();
        } else {
            checkLoihi();
        }
        checkTargets();
    }

    /**
     * An input core: as many axons as neurons (axon a fires neuron a), no synapses, axon types 0,
     * no synapse formats and every neuron parameter 0 (the writer's only encoding of one).
     */
    private void checkInput() {
        boolean tn = arch.datapath() == Datapath.TRUENORTH;
        if (tn ? !(core.neurons() instanceof TrueNorthNeurons) : !(core.neurons() instanceof LoihiNeurons)) {
            fail("neurons", " do not match datapath " + arch.datapath().id());
        }
        if (tn ? !(core.synapses() instanceof Crossbar) : !(core.synapses() instanceof SparseRows)) {
            fail("synapses", " do not match datapath " + arch.datapath().id());
        }
        if (core.axonCount() != core.neuronCount()) {
            fail("axons", "=" + core.axonCount() + " of an input core must equal its neurons=" + core.neuronCount()
                    + " (axon a fires input neuron a)");
        }
        if (core.synapses().synapseCount() != 0) {
            fail("synapses", "=" + core.synapses().synapseCount() + " must be 0 on an input core");
        }
        if (!core.formats().isEmpty()) {
            fail("formats", ".size=" + core.formats().size() + " must be 0 on an input core");
        }
        for (int a = 0; a < core.axonCount(); a++) {
            if (core.axonType()[a] != 0) {
                fail("axon[" + a + "].type", "=" + core.axonType()[a] + " must be 0 on an input core");
            }
        }
        NeuronParams zeros = tn ? TrueNorthNeurons.zeros(core.neuronCount()) : LoihiNeurons.zeros(core.neuronCount());
        if (!Images.equal(core.neurons(), zeros)) {
            fail("neurons", ": every neuron parameter of an input core must be 0 (input neurons have no state)");
        }
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
        int types = arch.axonTypes();
        int[] axonType = core.axonType();
        for (int a = 0; a < axonType.length; a++) {
            if (axonType[a] < 0 || axonType[a] >= types) {
                below("axon[" + a + "].type", axonType[a], types, "core.axonTypes");
            }
        }
        long bytes = (long) c.axons() * ((c.neurons() + 7) / 8);
        if (bytes > arch.synapticMemoryBytes()) {
            fail("synapses", ": crossbar of " + c.axons() + "x" + c.neurons() + " needs " + bytes
                    + " bytes, exceeds core.synapticMemoryBytes=" + arch.synapticMemoryBytes());
        }
        int wMin = weightMin(arch.weightBits());
        int wMax = weightMax(arch.weightBits());
        if (allInRange(n, wMin, wMax)) {
            return;
        }
        for (int j = 0; j < n.n(); j++) {
            for (int g = 0; g < 4; g++) {
                neuron(j, WEIGHT_NAMES[g], n.weights()[4 * j + g], wMin, wMax);
            }
            neuron(j, "stochasticSynapse", n.stochasticSynapse()[j], 0, TN_STOCHASTIC_MASK_MAX);
            neuron(j, "leak", n.leak()[j], TN_LEAK_MIN, TN_LEAK_MAX);
            neuron(j, "stochasticLeak", n.stochasticLeak()[j], 0, 1);
            neuron(j, "leakReversal", n.leakReversal()[j], 0, 1);
            neuron(j, "alpha", n.alpha()[j], 0, TN_THRESHOLD_MAX);
            neuron(j, "beta", n.beta()[j], 0, TN_THRESHOLD_MAX);
            neuron(j, "thresholdMaskBits", n.thresholdMaskBits()[j], 0, TN_TM_MAX);
            neuron(j, "resetMode", n.resetMode()[j], 0, TN_RESET_MODE_MAX);
            neuron(j, "kappa", n.kappa()[j], 0, 1);
            neuron(j, "resetV", n.resetV()[j], TN_V_MIN, TN_V_MAX);
            neuron(j, "v0", n.v0()[j], TN_V_MIN, TN_V_MAX);
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
        if (s.dense()) {
            checkDenseRows(s, n.n());
        }
        limit("formats.size", core.formats().size(), 0, FORMATS_MAX, "the binary's largest format count");
        for (int t = 0; t < core.formats().size(); t++) {
            SynapseFormat f = core.formats().get(t);
            String p = "format[" + t + "].";
            range(p + "numWeightBits", f.numWeightBits(), LOIHI_WEIGHT_BITS_MIN, LOIHI_WEIGHT_BITS_MAX);
            range(p + "weightExp", f.weightExp(), LOIHI_WEIGHT_EXP_MIN, LOIHI_WEIGHT_EXP_MAX);
            range(p + "signMode", f.signMode(), SynapseFormat.EXCITATORY, SynapseFormat.MIXED);
        }
        for (int a = 0; a < core.axonCount(); a++) {
            if (core.axonType()[a] < 0 || core.axonType()[a] >= core.formats().size()) {
                below("axon[" + a + "].type", core.axonType()[a], core.formats().size(), "formats.size");
            }
        }
        checkSparseRows(s);
        range("decayMode", n.decayMode(), LoihiNeurons.DECAY_LAVA, LoihiNeurons.DECAY_NXSDK);
        int decayMax = n.decayMode() == LoihiNeurons.DECAY_NXSDK ? LOIHI_DECAY_MAX_NXSDK : LOIHI_DECAY_MAX;
        for (int j = 0; j < n.n(); j++) {
            neuron(j, "du", n.du()[j], 0, decayMax);
            neuron(j, "dv", n.dv()[j], 0, decayMax);
            neuron(j, "vth", n.vth()[j], 0, LOIHI_VTH_MAX);
            neuron(j, "biasMant", n.biasMant()[j], LOIHI_BIAS_MANT_MIN, LOIHI_BIAS_MANT_MAX);
            neuron(j, "biasExp", n.biasExp()[j], 0, LOIHI_BIAS_EXP_MAX);
            neuron(j, "u0", n.u0()[j], LOIHI_STATE_MIN, LOIHI_STATE_MAX);
            neuron(j, "v0", n.v0()[j], LOIHI_STATE_MIN, LOIHI_STATE_MAX);
            neuron(j, "refractory", n.refractory()[j], 0, LOIHI_REFRACTORY_MAX);
            neuron(j, "join", n.join()[j], LoihiNeurons.JOIN_NONE, LoihiNeurons.JOIN_ADD);
            if (n.join()[j] == LoihiNeurons.JOIN_ADD) {
                if (j == n.n() - 1) {
                    fail("neuron[" + j + "].join", "=add on the core's last compartment: a dendrite joins the"
                            + " compartment after it, and there is none");
                } else if (n.refractory()[j] != 0) {
                    fail("neuron[" + j + "].refractory", "=" + n.refractory()[j] + " on a dendrite (join=add):"
                            + " a dendrite has no voltage to hold; give the refractory delay to its soma");
                }
            }
        }
    }

    private void checkSparseRows(SparseRows s) {
        int wMin = weightMin(arch.weightBits());
        int wMax = weightMax(arch.weightBits());
        for (int a = 0; a < s.axons(); a++) {
            SynapseFormat f = core.formats().get(core.axonType()[a]);
            for (int k = s.rowStart()[a]; k < s.rowStart()[a + 1]; k++) {
                int post = s.post()[k];
                int w = s.weight()[k];
                if (post < 0 || post >= core.neuronCount()) {
                    below(synapse(a, k - s.rowStart()[a], "post"), post, core.neuronCount(), "neurons used");
                }
                if (w < wMin || w > wMax) {
                    range(synapse(a, k - s.rowStart()[a], "weight"), w, wMin, wMax);
                }
                if (f.signMode() == SynapseFormat.EXCITATORY && w < 0
                        || f.signMode() == SynapseFormat.INHIBITORY && w > 0) {
                    fail(synapse(a, k - s.rowStart()[a], "weight"), "=" + w + " contradicts sign mode "
                            + SynapseFormat.signModeName(f.signMode()) + " of axon type " + core.axonType()[a]);
                }
            }
        }
    }

    private void checkTargets() {
        Targets t = core.targets();
        limit("targets", t.count(), 0, arch.maxFanOut(), "core.maxFanOut");
        int axons = arch.axons();
        int maxDelay = arch.maxDelay();
        int slots = arch.coresPerRouter();
        int perNeuron = arch.targetsPerNeuron();
        int[] start = t.start();
        int[] axon = t.axon();
        int[] delay = t.delay();
        int[] slot = t.slot();
        for (int j = 0; j < t.neurons(); j++) {
            if (t.countOf(j) > perNeuron) {
                limit("neuron[" + j + "].targetCount", t.countOf(j), 0, perNeuron, "core.targetsPerNeuron");
            }
            for (int k = start[j]; k < start[j + 1]; k++) {
                int i = k - start[j];
                if (axon[k] < 0 || axon[k] >= axons) {
                    below(target(j, i, "axon"), axon[k], axons, "core.axons");
                }
                if (delay[k] < 1 || delay[k] > maxDelay) {
                    range(target(j, i, "delay"), delay[k], 1, maxDelay);
                }
                if (slot[k] < 0 || slot[k] >= slots) {
                    below(target(j, i, "slot"), slot[k], slots, "mesh.coresPerRouter");
                }
            }
        }
    }

    /**
     * Whether every neuron parameter is in range, checked array by array in tight loops (a full
     * chip has a million neurons): when not, the neuron-by-neuron loop of {@link #checkTrueNorth}
     * runs and names the first problem in its order, so the message does not depend on this scan.
     */
    private static boolean allInRange(TrueNorthNeurons n, int wMin, int wMax) {
        int k = n.n();
        return inRange(n.weights(), 4 * k, wMin, wMax)
                && inRange(n.stochasticSynapse(), k, 0, TN_STOCHASTIC_MASK_MAX)
                && inRange(n.leak(), k, TN_LEAK_MIN, TN_LEAK_MAX)
                && inRange(n.stochasticLeak(), k, 0, 1)
                && inRange(n.leakReversal(), k, 0, 1)
                && inRange(n.alpha(), k, 0, TN_THRESHOLD_MAX)
                && inRange(n.beta(), k, 0, TN_THRESHOLD_MAX)
                && inRange(n.thresholdMaskBits(), k, 0, TN_TM_MAX)
                && inRange(n.resetMode(), k, 0, TN_RESET_MODE_MAX)
                && inRange(n.kappa(), k, 0, 1)
                && inRange(n.resetV(), k, TN_V_MIN, TN_V_MAX)
                && inRange(n.v0(), k, TN_V_MIN, TN_V_MAX);
    }

    /** Whether the first {@code count} values lie in [min, max] (false too when the array is shorter). */
    private static boolean inRange(int[] values, int count, int min, int max) {
        if (values.length < count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            int v = values[i];
            if (v < min || v > max) {
                return false;
            }
        }
        return true;
    }

    private static final String[] WEIGHT_NAMES = {"weight[0]", "weight[1]", "weight[2]", "weight[3]"};

    /** Checks field {@code leaf} of neuron j; the field's name is built only when it fails. */
    /** A dense row holds a weight for every compartment, in order: post[k] of row a is k - rowStart[a]. */
    private void checkDenseRows(SparseRows s, int neurons) {
        for (int a = 0; a < s.axons(); a++) {
            if (s.rowLength(a) != neurons) {
                fail("axon[" + a + "]", " holds " + s.rowLength(a) + " synapses; a dense row has one per compartment ("
                        + neurons + ")");
            }
            for (int i = 0; i < neurons; i++) {
                int post = s.post()[s.rowStart()[a] + i];
                if (post != i) {
                    fail("axon[" + a + "].synapse[" + i + "].post", "=" + post + " in a dense row, whose synapse i"
                            + " is compartment i");
                }
            }
        }
    }

    private void neuron(int j, String leaf, int v, int min, int max) {
        if (v < min || v > max) {
            range("neuron[" + j + "]." + leaf, v, min, max);
        }
    }

    private static String synapse(int axon, int i, String leaf) {
        return "axon[" + axon + "].synapse[" + i + "]." + leaf;
    }

    private static String target(int neuron, int i, String leaf) {
        return "neuron[" + neuron + "].target[" + i + "]." + leaf;
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
