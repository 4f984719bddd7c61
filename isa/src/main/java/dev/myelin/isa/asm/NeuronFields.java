package dev.myelin.isa.asm;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.NeuronParams;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.List;

import static dev.myelin.isa.model.Limits.*;

/**
 * The named fields of a neuron line, declared once for the parser and the printer. A neuron
 * is a flat vector of int slots; a field covers {@code arity} consecutive slots
 * ({@code s=+1,-1,0,0} is one field of four). Ranges are the record's widths (see
 * {@link TrueNorthNeurons} and {@link LoihiNeurons}).
 */
final class NeuronFields {
    /** One field: its listing name, first slot, number of values and allowed range. */
    record Field(String name, int slot, int arity, long min, long max, String help) {
    }

    final List<Field> fields;
    final int slots;
    private final List<String> names;
    private final String nameList;

    private NeuronFields(List<Field> fields) {
        this.fields = fields;
        this.names = fields.stream().map(Field::name).toList();
        this.nameList = String.join(", ", names);
        Field last = fields.get(fields.size() - 1);
        this.slots = last.slot() + last.arity();
    }

    static NeuronFields of(Architecture arch) {
        if (arch.datapath() == Datapath.TRUENORTH) {
            int bits = arch.weightBits();
            return new NeuronFields(List.of(
                    new Field("s", 0, 4, weightMin(bits), weightMax(bits), "weight per axon type G = 0..3"),
                    new Field("b", 4, 4, 0, 1, "stochastic synapse per axon type"),
                    new Field("lambda", 8, 1, TN_LEAK_MIN, TN_LEAK_MAX, "leak"),
                    new Field("c", 9, 1, 0, 1, "stochastic leak"),
                    new Field("eps", 10, 1, 0, 1, "leak reversal"),
                    new Field("alpha", 11, 1, 0, TN_THRESHOLD_MAX, "positive threshold"),
                    new Field("beta", 12, 1, 0, TN_THRESHOLD_MAX, "negative threshold"),
                    new Field("tm", 13, 1, 0, TN_TM_MAX, "threshold mask bits"),
                    new Field("gamma", 14, 1, 0, TN_RESET_MODE_MAX, "reset mode 0 normal, 1 linear, 2 non-reset"),
                    new Field("kappa", 15, 1, 0, 1, "negative saturation"),
                    new Field("R", 16, 1, TN_V_MIN, TN_V_MAX, "reset potential"),
                    new Field("v0", 17, 1, TN_V_MIN, TN_V_MAX, "initial potential")));
        }
        return new NeuronFields(List.of(
                new Field("du", 0, 1, 0, LOIHI_DECAY_MAX_NXSDK, "current decay (4096 only with .decay nxsdk)"),
                new Field("dv", 1, 1, 0, LOIHI_DECAY_MAX_NXSDK, "voltage decay (4096 only with .decay nxsdk)"),
                new Field("vth", 2, 1, 0, LOIHI_VTH_MAX, "threshold mantissa (threshold = vth << 6)"),
                new Field("bias_mant", 3, 1, LOIHI_BIAS_MANT_MIN, LOIHI_BIAS_MANT_MAX, "bias mantissa"),
                new Field("bias_exp", 4, 1, 0, LOIHI_BIAS_EXP_MAX, "bias exponent"),
                new Field("u0", 5, 1, LOIHI_STATE_MIN, LOIHI_STATE_MAX, "initial current"),
                new Field("v0", 6, 1, LOIHI_STATE_MIN, LOIHI_STATE_MAX, "initial voltage"),
                new Field("refractory", 7, 1, 0, LOIHI_REFRACTORY_MAX,
                        "ticks v is held after a spike (u integrates on)"),
                new Field("join", 8, 1, LoihiNeurons.JOIN_NONE, LoihiNeurons.JOIN_ADD,
                        "0 none, 1 add: a dendrite whose current adds into the next compartment's")));
    }

    /** Loihi fields the 16-byte compartment record holds; the rest need the extended record. */
    static final int LOIHI_BASIC_FIELDS = 7;

    /**
     * The fields a listing prints for a core: every field, except that a Loihi core whose
     * compartments have no refractory delay and no join leaves those two columns out.
     */
    List<Field> printed(NeuronParams p) {
        return p instanceof LoihiNeurons l && !l.extended() ? fields.subList(0, LOIHI_BASIC_FIELDS) : fields;
    }

    /** Position of the field called {@code name} in {@link #fields}, or -1. */
    int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    List<String> names() {
        return names;
    }

    /** The field names as a comma-separated list, for messages. */
    String nameList() {
        return nameList;
    }

    /** The slot vectors of every neuron of {@code p}, neuron-major ({@code n * slots} ints). */
    static int[] slotsOf(NeuronParams p) {
        if (p instanceof TrueNorthNeurons t) {
            int[] v = new int[t.n() * 18];
            for (int j = 0; j < t.n(); j++) {
                int o = j * 18;
                for (int g = 0; g < 4; g++) {
                    v[o + g] = t.weights()[4 * j + g];
                    v[o + 4 + g] = t.stochasticSynapse()[j] >>> g & 1;
                }
                int[][] rest = {t.leak(), t.stochasticLeak(), t.leakReversal(), t.alpha(), t.beta(),
                        t.thresholdMaskBits(), t.resetMode(), t.kappa(), t.resetV(), t.v0()};
                for (int k = 0; k < rest.length; k++) {
                    v[o + 8 + k] = rest[k][j];
                }
            }
            return v;
        }
        LoihiNeurons l = (LoihiNeurons) p;
        int[][] cols = {l.du(), l.dv(), l.vth(), l.biasMant(), l.biasExp(), l.u0(), l.v0(), l.refractory(), l.join()};
        int[] v = new int[l.n() * cols.length];
        for (int j = 0; j < l.n(); j++) {
            for (int k = 0; k < cols.length; k++) {
                v[j * cols.length + k] = cols[k][j];
            }
        }
        return v;
    }

    /** TrueNorth parameters of the first {@code n} neurons of slot vectors {@code v}. */
    static TrueNorthNeurons trueNorth(int n, int[] v) {
        TrueNorthNeurons t = TrueNorthNeurons.zeros(n);
        int[][] rest = {t.leak(), t.stochasticLeak(), t.leakReversal(), t.alpha(), t.beta(),
                t.thresholdMaskBits(), t.resetMode(), t.kappa(), t.resetV(), t.v0()};
        for (int j = 0; j < n; j++) {
            int o = j * 18;
            int mask = 0;
            for (int g = 0; g < 4; g++) {
                t.weights()[4 * j + g] = v[o + g];
                mask |= v[o + 4 + g] << g;
            }
            t.stochasticSynapse()[j] = mask;
            for (int k = 0; k < rest.length; k++) {
                rest[k][j] = v[o + 8 + k];
            }
        }
        return t;
    }

    /** Loihi compartments of the first {@code n} neurons of slot vectors {@code v}. */
    static LoihiNeurons loihi(int n, int decayMode, int[] v) {
        int[][] cols = new int[9][n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < 9; k++) {
                cols[k][j] = v[j * 9 + k];
            }
        }
        return new LoihiNeurons(n, decayMode, cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6],
                cols[7], cols[8]);
    }
}
