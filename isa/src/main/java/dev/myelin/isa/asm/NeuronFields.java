package dev.myelin.isa.asm;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.NeuronParams;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.List;

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

    private static final int S18 = (1 << 18) - 1;
    private static final int V20 = 1 << 19;
    private static final int V24 = 1 << 23;

    final List<Field> fields;
    final int slots;

    private NeuronFields(List<Field> fields) {
        this.fields = fields;
        Field last = fields.get(fields.size() - 1);
        this.slots = last.slot() + last.arity();
    }

    static NeuronFields of(Architecture arch) {
        if (arch.datapath() == Datapath.TRUENORTH) {
            long w = 1L << (arch.weightBits() - 1);
            return new NeuronFields(List.of(
                    new Field("s", 0, 4, -w, w - 1, "weight per axon type G = 0..3"),
                    new Field("b", 4, 4, 0, 1, "stochastic synapse per axon type"),
                    new Field("lambda", 8, 1, -256, 255, "leak"),
                    new Field("c", 9, 1, 0, 1, "stochastic leak"),
                    new Field("eps", 10, 1, 0, 1, "leak reversal"),
                    new Field("alpha", 11, 1, 0, S18, "positive threshold"),
                    new Field("beta", 12, 1, 0, S18, "negative threshold"),
                    new Field("tm", 13, 1, 0, 8, "threshold mask bits"),
                    new Field("gamma", 14, 1, 0, 2, "reset mode 0 normal, 1 linear, 2 non-reset"),
                    new Field("kappa", 15, 1, 0, 1, "negative saturation"),
                    new Field("R", 16, 1, -V20, V20 - 1, "reset potential"),
                    new Field("v0", 17, 1, -V20, V20 - 1, "initial potential")));
        }
        return new NeuronFields(List.of(
                new Field("du", 0, 1, 0, 4096, "current decay (4096 only with .decay nxsdk)"),
                new Field("dv", 1, 1, 0, 4096, "voltage decay (4096 only with .decay nxsdk)"),
                new Field("vth", 2, 1, 0, (1 << 17) - 1, "threshold mantissa (threshold = vth << 6)"),
                new Field("bias_mant", 3, 1, -4096, 4095, "bias mantissa"),
                new Field("bias_exp", 4, 1, 0, 7, "bias exponent"),
                new Field("u0", 5, 1, -V24, V24 - 1, "initial current"),
                new Field("v0", 6, 1, -V24, V24 - 1, "initial voltage")));
    }

    Field byName(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    List<String> names() {
        return fields.stream().map(Field::name).toList();
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
        int[][] cols = {l.du(), l.dv(), l.vth(), l.biasMant(), l.biasExp(), l.u0(), l.v0()};
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
        int[][] cols = new int[7][n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < 7; k++) {
                cols[k][j] = v[j * 7 + k];
            }
        }
        return new LoihiNeurons(n, decayMode, cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]);
    }
}
