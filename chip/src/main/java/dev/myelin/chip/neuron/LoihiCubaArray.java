package dev.myelin.chip.neuron;

import dev.myelin.chip.core.NeuronArray;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.ImageValidator;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.SynapseFormat;

import java.util.List;

/**
 * A Loihi core's CUBA LIF compartments and dense synapses, bit-accurate with Lava's
 * {@code PyLifModelBitAcc} and {@code PyDenseModelBitAcc} (arithmetic in {@link LoihiMath}).
 *
 * <p>Synapses: raw weights are clipped and truncated by their axon type's
 * {@link SynapseFormat} once, here, into one flat array of effective weights. Each axon type
 * plays the part of one Lava {@code Dense}: its weighted sum is scaled by its own
 * {@code weightExp} before the sums of all types are added into the neuron's a_in. Types with
 * {@code weightExp >= 0} are exact under addition ({@code (a+b) << e == (a << e) + (b << e)}),
 * so their weights are stored pre-shifted and share accumulator group 0; each type with a
 * negative exponent floors its own sum and so keeps its own group.
 *
 * <p>Accumulators are {@code long}: each synapse adds at most |256 << 7| = 2^15, so a sum could
 * only overflow with 2^48 synapses on one neuron; there is no saturation anywhere in the
 * synaptic path.
 *
 * <p>Per tick: {@link #integrate} adds the active axons' rows, {@link #update} turns the sums
 * into a_in, advances u and v, fires, resets v and clears the sums.
 */
public final class LoihiCubaArray implements NeuronArray {
    private final int n;
    private final int groups;
    /** Per neuron: current decay factor (mode applied), voltage decay factor, bias, threshold. */
    private final int[] uFactor;
    private final int[] vFactor;
    private final int[] bias;
    private final int[] threshold;
    /** Per axon: first synapse, and the accumulator group of its type. */
    private final int[] rowStart;
    private final int[] axonGroup;
    /** Per synapse: target neuron and effective weight (pre-shifted for weightExp >= 0). */
    private final int[] post;
    private final int[] weight;
    /** Per group: exponent still to apply (0 for group 0, the type's negative exponent otherwise). */
    private final int[] groupExp;
    /** Weighted sums of this tick, group-major: acc[g * n + j]. */
    private final long[] acc;
    /** Neurons reached by a synaptic event this tick (bit j % 64 of word j / 64), even if the sum is 0. */
    private final long[] hasInput;
    private final int[] u;
    private final int[] v;
    private int lastActive;
    /** Neurons whose u, v or bias is non-zero after the last update (0 means quiescent). */
    private int live;

    /**
     * @throws dev.myelin.isa.model.ImageViolation when the core breaks a rule of the architecture or
     *         the datapath (the ranges of loihi.md; the message names core, field, value and range)
     */
    public LoihiCubaArray(CoreImage core, Architecture arch) {
        ImageValidator.validateCore(arch, core);
        LoihiNeurons p = (LoihiNeurons) core.neurons();
        SparseRows rows = (SparseRows) core.synapses();
        n = p.n();
        uFactor = new int[n];
        vFactor = new int[n];
        bias = new int[n];
        threshold = new int[n];
        u = p.u0().clone();
        v = p.v0().clone();
        for (int j = 0; j < n; j++) {
            uFactor[j] = LoihiMath.currentDecayFactor(p.decayMode(), p.du()[j]);
            vFactor[j] = LoihiMath.voltageDecayFactor(p.dv()[j]);
            bias[j] = LoihiMath.biasOf(p.biasMant()[j], p.biasExp()[j]);
            threshold[j] = LoihiMath.thresholdOf(p.vth()[j]);
        }
        List<SynapseFormat> formats = core.formats();
        int[] typeGroup = new int[formats.size()];
        int g = 1;
        for (int t = 0; t < formats.size(); t++) {
            typeGroup[t] = formats.get(t).weightExp() >= 0 ? 0 : g++;
        }
        groups = g;
        groupExp = new int[groups];
        for (int t = 0; t < formats.size(); t++) {
            if (typeGroup[t] > 0) {
                groupExp[typeGroup[t]] = formats.get(t).weightExp();
            }
        }
        rowStart = rows.rowStart().clone();
        post = rows.post().clone();
        axonGroup = new int[rows.axons()];
        weight = new int[post.length];
        for (int a = 0; a < rows.axons(); a++) {
            SynapseFormat f = formats.get(core.axonType()[a]);
            axonGroup[a] = typeGroup[core.axonType()[a]];
            int preShift = Math.max(0, f.weightExp());
            for (int k = rowStart[a]; k < rowStart[a + 1]; k++) {
                weight[k] = LoihiMath.effectiveWeight(rows.weight()[k], f.numWeightBits(), f.signMode()) << preShift;
            }
        }
        acc = new long[groups * n];
        hasInput = new long[(n + 63) >>> 6];
        live = countLive();
    }

    @Override
    public int neurons() {
        return n;
    }

    @Override
    public long integrate(long[] activeAxons, int words) {
        long events = 0;
        int axons = axonGroup.length;
        int lastWord = Math.min(words, (axons + 63) >>> 6);
        for (int w = 0; w < lastWord; w++) {
            long bits = activeAxons[w];
            while (bits != 0) {
                int a = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (a >= axons) {
                    break;
                }
                int base = axonGroup[a] * n;
                int end = rowStart[a + 1];
                for (int k = rowStart[a]; k < end; k++) {
                    int j = post[k];
                    acc[base + j] += weight[k];
                    hasInput[j >>> 6] |= 1L << (j & 63);
                }
                events += end - rowStart[a];
            }
        }
        return events;
    }

    @Override
    public int update(long tick, int[] fired) {
        int count = 0;
        int active = 0;
        int stillLive = 0;
        for (int j = 0; j < n; j++) {
            long aIn = activation(j);
            int uj = u[j];
            int vj = v[j];
            boolean hadInput = (hasInput[j >>> 6] >>> (j & 63) & 1L) != 0;
            if (!hadInput && uj == 0 && vj == 0 && bias[j] == 0) {
                continue; // the update would leave u = v = 0 and cannot fire (threshold >= 0)
            }
            // SANA-FE's "updated": a synaptic event this tick (even summing to 0), u or v non-zero, or a bias
            active++;
            uj = LoihiMath.nextU(uj, uFactor[j], aIn);
            vj = LoihiMath.nextV(vj, vFactor[j], uj, bias[j]);
            if (LoihiMath.fires(vj, threshold[j])) {
                fired[count++] = j;
                vj = 0; // reset v only; u carries on (no refractory period in the bit-accurate model)
            }
            u[j] = uj;
            v[j] = vj;
            if (uj != 0 || vj != 0 || bias[j] != 0) {
                stillLive++;
            }
        }
        java.util.Arrays.fill(hasInput, 0L);
        lastActive = active;
        live = stillLive;
        return count;
    }

    /** This tick's a_in of neuron j (before the << 6 alignment): the scaled group sums; clears them. */
    private long activation(int j) {
        long aIn = acc[j];
        acc[j] = 0;
        for (int g = 1; g < groups; g++) {
            int i = g * n + j;
            aIn += LoihiMath.scaleActivation(acc[i], groupExp[g]);
            acc[i] = 0;
        }
        return aIn;
    }

    private int countLive() {
        int c = 0;
        for (int j = 0; j < n; j++) {
            if (u[j] != 0 || v[j] != 0 || bias[j] != 0) {
                c++;
            }
        }
        return c;
    }

    @Override
    public int lastActiveUpdates() {
        return lastActive;
    }

    /** Neurons with u, v or bias non-zero: all of them are updated even without input. */
    @Override
    public int restingUpdates() {
        return live;
    }

    @Override
    public boolean quiescent() {
        return live == 0;
    }

    @Override
    public int v(int j) {
        return v[j];
    }

    @Override
    public int u(int j) {
        return u[j];
    }
}
