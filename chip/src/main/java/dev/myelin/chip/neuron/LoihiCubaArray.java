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
 * <p>Two implementations of the same arithmetic: the general path, one neuron at a time through
 * {@link LoihiMath}'s long helpers (the reference), and the fast path every core takes unless a
 * test turns it off: 32-bit sums and a branch-free int update the JIT vectorises
 * (docs/architecture.md, "Fast path"; {@code LoihiFastPathTest} proves them equal).
 *
 * <p>Per tick: {@link #integrate} adds the active axons' rows, {@link #update} turns the sums
 * into a_in, advances u and v, fires, resets v and clears the sums.
 *
 * <p>Compartments with a refractory delay (Lava's {@code LIFRefractory}) or a join (a dendrite
 * adding its current into the next compartment's, docs/isa.md) make the core "extended": its
 * update runs one compartment after another, as the joined current flows from each dendrite to
 * the next compartment; a core without them keeps the vectorised loop.
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
    /** Weighted sums of this tick, group-major: acc[g * n + j] (the general path). */
    private final long[] acc;
    /**
     * The same sums modulo 2^32, for the fast path: u depends on a_in only modulo 2^18
     * (a_in &lt;&lt; 6 is wrapped to 24 bits), and a group's floored sum {@code s >> k} (k &lt;= 8)
     * only on s modulo 2^(18 + k), so 32 bits carry every bit the update reads.
     */
    private final int[] acc32;
    /**
     * Per synapse, for the fast path: its accumulator index {@code g * n + j} above the low
     * {@link #PACK_WEIGHT_BITS} bits, which hold its effective weight (|w| &lt;= 256 &lt;&lt; 7 =
     * 2^15, signed); null when the indices do not fit the remaining 15 bits.
     */
    private final int[] packed;
    private static final int PACK_WEIGHT_BITS = 17;
    /**
     * Per synapse, for the fast path, when {@link #packed} exists: its accumulator index
     * {@code g * n + j} alone, unsigned 16 bits (null when an index does not fit). A row whose
     * synapses all carry the same effective weight is read from here, half the bytes of
     * {@link #packed}: the integration is mostly cache misses on rows, and the rows of most
     * networks (one weight per projection) are uniform.
     */
    private final short[] index16;
    /** Per axon: the effective weight all synapses of its row share, or {@link #MIXED}. */
    private final int[] rowWeight;
    /**
     * For the fast integration, per axon a: {@code rowInfo[2a]} its first synapse,
     * {@code rowInfo[2a + 1]} its {@link #rowWeight}, so {@code rowInfo[2a + 2]} is its end: a row's
     * bounds and weight share one cache line (one miss per row instead of one per array).
     */
    private final int[] rowInfo;
    /** Not an effective weight (|w| &lt;= 2^15): the row's weights differ. */
    private static final int MIXED = Integer.MIN_VALUE;
    /** This tick's active axons, listed by the fast integration. */
    private final int[] activeList;
    private final int[] activeEnd;
    private final int[] activeWeight;
    /** Every neuron has a non-zero bias: every update is active and the core is never quiescent. */
    private final boolean allBiased;
    /** Every neuron has the same decay factors, bias and threshold: the fast update reads them once. */
    private final boolean shared;
    /** Neurons reached by a synaptic event this tick (bit j % 64 of word j / 64), even if the sum is 0. */
    private final long[] hasInput;
    private final int[] u;
    private final int[] v;
    /** Axon types and their formats, kept for {@link #setRawWeight}. */
    private final int[] axonType;
    private final List<SynapseFormat> formats;
    /**
     * Extended cores only (null otherwise): per compartment the refractory delay, the ticks its
     * voltage is still held, and whether it is a dendrite (join = add).
     */
    private final int[] refractoryDelay;
    private final int[] refractoryLeft;
    private final boolean[] dendrite;
    private int lastActive;
    /** The sum of the rows' first indices read ahead by the fast integration (not otherwise used). */
    @SuppressWarnings("unused")
    private int touched;
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
        formats = core.formats();
        axonType = core.axonType().clone();
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
        acc32 = new int[groups * n];
        activeList = new int[rows.axons()];
        activeEnd = new int[rows.axons()];
        activeWeight = new int[rows.axons()];
        rowWeight = new int[rows.axons()];
        for (int a = 0; a < rows.axons(); a++) {
            int w = rowStart[a] < rowStart[a + 1] ? weight[rowStart[a]] : 0;
            for (int k = rowStart[a]; k < rowStart[a + 1]; k++) {
                if (weight[k] != w) {
                    w = MIXED;
                    break;
                }
            }
            rowWeight[a] = w;
        }
        rowInfo = new int[2 * rows.axons() + 1];
        for (int a = 0; a < rows.axons(); a++) {
            rowInfo[2 * a] = rowStart[a];
            rowInfo[2 * a + 1] = rowWeight[a];
        }
        rowInfo[2 * rows.axons()] = rowStart[rows.axons()];
        if ((long) groups * n <= 1 << (32 - PACK_WEIGHT_BITS)) {
            packed = new int[post.length];
            for (int a = 0; a < rows.axons(); a++) {
                for (int k = rowStart[a]; k < rowStart[a + 1]; k++) {
                    packed[k] = (axonGroup[a] * n + post[k]) << PACK_WEIGHT_BITS
                            | weight[k] & ((1 << PACK_WEIGHT_BITS) - 1);
                }
            }
        } else {
            packed = null;
        }
        if (packed != null) {
            index16 = new short[post.length];
            for (int a = 0; a < rows.axons(); a++) {
                for (int k = rowStart[a]; k < rowStart[a + 1]; k++) {
                    index16[k] = (short) (axonGroup[a] * n + post[k]);
                }
            }
        } else {
            index16 = null;
        }
        if (p.extended()) {
            refractoryDelay = p.refractory().clone();
            refractoryLeft = new int[n];
            dendrite = new boolean[n];
            for (int j = 0; j < n; j++) {
                dendrite[j] = p.join()[j] == LoihiNeurons.JOIN_ADD;
            }
        } else {
            refractoryDelay = null;
            refractoryLeft = null;
            dendrite = null;
        }
        // a dendrite's update depends on whether input reached it, whatever the biases: extended
        // cores always keep the bitmap of neurons reached
        boolean biased = dendrite == null;
        for (int j = 0; j < n; j++) {
            biased &= bias[j] != 0;
        }
        allBiased = biased;
        boolean same = n > 0;
        for (int j = 1; j < n; j++) {
            same &= uFactor[j] == uFactor[0] && vFactor[j] == vFactor[0] && bias[j] == bias[0]
                    && threshold[j] == threshold[0];
        }
        shared = same;
        hasInput = new long[(n + 63) >>> 6];
        live = countLive();
    }

    @Override
    public int neurons() {
        return n;
    }

    /** Whether integrate and update take the fast paths (tests turn them off to compare). */
    boolean fastPaths = true;

    /**
     * The update path this core takes: "fast, biased" (no bookkeeping of idle neurons), "fast",
     * "fast, compartments" (refractory delays or joins) or "general".
     */
    String updatePath() {
        return !fastPaths ? "general" : dendrite != null ? "fast, compartments" : allBiased ? "fast, biased" : "fast";
    }

    /** Whether the fast update reads one set of decay factors, bias and threshold for every neuron. */
    boolean sharedParameters() {
        return shared;
    }

    @Override
    public long integrate(long[] activeAxons, int words) {
        if (fastPaths) {
            return integrate32(activeAxons, words);
        }
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

    /**
     * {@link #integrate} into the 32-bit sums. The rows of a tick's axons are scattered over
     * memory far larger than the cache, so the work is a handful of cache misses per axon; to
     * keep them few and overlapping, the active axons are first listed, then each row is read
     * from {@link #packed} alone (one stream of ints instead of group, target and weight arrays),
     * or, when all its synapses share one weight, from {@link #index16} (one stream of shorts).
     * On a core whose neurons all have a bias the bitmap of neurons reached is not kept (every
     * neuron counts as active anyway).
     */
    /**
     * Adds synapses [start, end) of one row into the sums: each {@code w} when the row has one
     * weight, else each its own weight from the packed stream ({@code w == MIXED}).
     */
    private static void addRow(int[] sums, short[] idx, int[] syn, int start, int end, int w) {
        if (w != MIXED) {
            for (int k = start; k < end; k++) {
                sums[idx[k] & 0xFFFF] += w;
            }
        } else {
            for (int k = start; k < end; k++) {
                int e = syn[k];
                sums[e >>> PACK_WEIGHT_BITS] += e << (32 - PACK_WEIGHT_BITS) >> (32 - PACK_WEIGHT_BITS);
            }
        }
    }

    private long integrate32(long[] activeAxons, int words) {
        int axons = axonGroup.length;
        int lastWord = Math.min(words, (axons + 63) >>> 6);
        int[] list = activeList;
        int count = 0;
        for (int w = 0; w < lastWord; w++) {
            long bits = activeAxons[w];
            while (bits != 0) {
                int a = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (a >= axons) {
                    break;
                }
                list[count++] = a;
            }
        }
        long events = 0;
        int[] sums = acc32;
        int[] rows = rowStart;
        int[] syn = packed;
        if (syn == null) {
            for (int i = 0; i < count; i++) {
                int a = list[i];
                int base = axonGroup[a] * n;
                for (int k = rows[a]; k < rows[a + 1]; k++) {
                    sums[base + post[k]] += weight[k];
                }
            }
        }
        // the row bounds first, as loads independent of each other, so their misses overlap
        int[] ends = activeEnd;
        int[] weights = activeWeight;
        int[] info = rowInfo;
        short[] idx = index16;
        // with each row's bounds, its first synapse is read too (into a sum kept only so the reads
        // are not dropped): the rows' cache misses then overlap here instead of stalling one by one
        // in the accumulation below
        int first = 0;
        for (int i = 0; i < count; i++) {
            int a2 = list[i] << 1;
            int start = info[a2];
            list[i] = start;
            weights[i] = info[a2 + 1];
            ends[i] = info[a2 + 2];
            if (idx != null && start < idx.length) {
                first += idx[start];
            }
        }
        touched = first;
        if (allBiased && syn != null) {
            // no bitmap of neurons reached to keep: each row is one stream of indices or packed synapses
            for (int i = 0; i < count; i++) {
                int start = list[i];
                int end = ends[i];
                addRow(sums, idx, syn, start, end, weights[i]);
                events += end - start;
            }
            return events;
        }
        for (int i = 0; i < count; i++) {
            int start = list[i];
            int end = ends[i];
            int w = weights[i];
            if (syn != null) {
                addRow(sums, idx, syn, start, end, w);
            }
            if (!allBiased) {
                if (groups == 1 && idx != null) {
                    // one group: the accumulator index is the neuron
                    for (int k = start; k < end; k++) {
                        int j = idx[k] & 0xFFFF;
                        hasInput[j >>> 6] |= 1L << (j & 63);
                    }
                } else {
                    for (int k = start; k < end; k++) {
                        int j = post[k];
                        hasInput[j >>> 6] |= 1L << (j & 63);
                    }
                }
            }
            events += end - start;
        }
        return events;
    }

    @Override
    public int update(long tick, int[] fired) {
        if (!fastPaths) {
            return updateGeneral(fired);
        }
        return dendrite != null ? updateCompartments(fired) : updateFast(fired);
    }

    /**
     * The update in branch-free {@code int} arithmetic ({@link LoihiMath#decay24},
     * {@link LoihiMath#wrapU24int}), every neuron alike, so the JIT can vectorise the loop:
     * a neuron the general path skips (no input, u = v = bias = 0) computes u = v = 0 again.
     * The spike test and the counts run as separate, cheap passes.
     */
    private int updateFast(int[] fired) {
        int[] sums = acc32;
        int[] uu = u;
        int[] vv = v;
        int active = n;
        if (!allBiased) {
            active = 0;
            for (int j = 0; j < n; j++) {
                int reached = (int) (hasInput[j >>> 6] >>> (j & 63)) & 1;
                active += (uu[j] | vv[j] | bias[j]) != 0 ? 1 : reached;
            }
            java.util.Arrays.fill(hasInput, 0L);
        }
        for (int g = 1; g < groups; g++) {
            int shift = -groupExp[g];
            int base = g * n;
            for (int j = 0; j < n; j++) {
                sums[j] += sums[base + j] >> shift;
                sums[base + j] = 0;
            }
        }
        int count = 0;
        if (shared) {
            int fu = uFactor[0];
            int fv = vFactor[0];
            int b = bias[0];
            int th = threshold[0];
            for (int j = 0; j < n; j++) {
                int uj = LoihiMath.wrapU24int(LoihiMath.decay24(uu[j], fu) + (sums[j] << LoihiMath.ACT_SHIFT));
                int vj = LoihiMath.decay24(vv[j], fv) + uj + b;
                sums[j] = 0;
                uu[j] = uj;
                vv[j] = LoihiMath.clipV24int(vj);
            }
            for (int j = 0; j < n; j++) {
                if (LoihiMath.fires(vv[j], th)) {
                    fired[count++] = j;
                    vv[j] = 0;
                }
            }
        } else {
            for (int j = 0; j < n; j++) {
                int uj = LoihiMath.wrapU24int(LoihiMath.decay24(uu[j], uFactor[j]) + (sums[j] << LoihiMath.ACT_SHIFT));
                int vj = LoihiMath.decay24(vv[j], vFactor[j]) + uj + bias[j];
                sums[j] = 0;
                uu[j] = uj;
                vv[j] = LoihiMath.clipV24int(vj);
            }
            for (int j = 0; j < n; j++) {
                if (LoihiMath.fires(vv[j], threshold[j])) {
                    fired[count++] = j;
                    vv[j] = 0;
                }
            }
        }
        int stillLive = n;
        if (!allBiased) {
            stillLive = 0;
            for (int j = 0; j < n; j++) {
                stillLive += (uu[j] | vv[j] | bias[j]) != 0 ? 1 : 0;
            }
        }
        lastActive = active;
        live = stillLive;
        return count;
    }

    /** The reference update: one neuron at a time through {@link LoihiMath}'s long arithmetic. */
    private int updateGeneral(int[] fired) {
        int count = 0;
        int active = 0;
        int stillLive = 0;
        int received = 0; // the joined current the dendrite just before j hands on (0 after a soma)
        for (int j = 0; j < n; j++) {
            long aIn = activation(j);
            int uj = u[j];
            int vj = v[j];
            boolean dend = dendrite != null && dendrite[j];
            int left = refractoryLeft == null ? 0 : refractoryLeft[j];
            boolean hadInput = (hasInput[j >>> 6] >>> (j & 63) & 1L) != 0;
            if (!hadInput && uj == 0 && received == 0 && (dend || vj == 0 && bias[j] == 0 && left == 0)) {
                continue; // the update would leave u = v = 0, hand on 0 and cannot fire (threshold >= 0)
            }
            // SANA-FE's "updated": a synaptic event this tick (even summing to 0), u or v non-zero,
            // a bias, a current received or a refractory count
            active++;
            uj = LoihiMath.nextU(uj, uFactor[j], aIn);
            u[j] = uj;
            int current = LoihiMath.joinAdd(received, uj);
            if (dend) {
                received = current; // no voltage, no spike: the current goes on to the next compartment
                stillLive += uj != 0 ? 1 : 0;
                continue;
            }
            received = 0;
            if (left > 0) {
                left--; // refractory: v held, u integrated all the same
            } else {
                vj = LoihiMath.nextV(vj, vFactor[j], current, bias[j]);
                if (LoihiMath.fires(vj, threshold[j])) {
                    fired[count++] = j;
                    vj = 0; // reset v only; u carries on
                    left = refractoryDelay == null ? 0 : refractoryDelay[j];
                }
            }
            v[j] = vj;
            if (refractoryLeft != null) {
                refractoryLeft[j] = left;
            }
            if (uj != 0 || vj != 0 || bias[j] != 0 || left != 0) {
                stillLive++;
            }
        }
        java.util.Arrays.fill(hasInput, 0L);
        lastActive = active;
        live = stillLive;
        return count;
    }

    /**
     * The fast update of an extended core: the same int arithmetic as {@link #updateFast}, one
     * compartment after another (the current a dendrite hands on is known only once it is
     * updated). Idle compartments are computed anyway (they stay at 0); the counts follow the
     * general path's rule.
     */
    private int updateCompartments(int[] fired) {
        int[] sums = acc32;
        for (int g = 1; g < groups; g++) {
            int shift = -groupExp[g];
            int base = g * n;
            for (int j = 0; j < n; j++) {
                sums[j] += sums[base + j] >> shift;
                sums[base + j] = 0;
            }
        }
        int count = 0;
        int active = 0;
        int stillLive = 0;
        int received = 0;
        for (int j = 0; j < n; j++) {
            int reached = (int) (hasInput[j >>> 6] >>> (j & 63)) & 1;
            int u0 = u[j];
            boolean dend = dendrite[j];
            int left = refractoryLeft[j];
            boolean idle = reached == 0 && u0 == 0 && received == 0 && (dend || (v[j] | bias[j] | left) == 0);
            active += idle ? 0 : 1;
            int uj = LoihiMath.wrapU24int(LoihiMath.decay24(u0, uFactor[j]) + (sums[j] << LoihiMath.ACT_SHIFT));
            sums[j] = 0;
            u[j] = uj;
            int current = LoihiMath.joinAdd(received, uj);
            if (dend) {
                received = current;
                stillLive += uj != 0 ? 1 : 0;
                continue;
            }
            received = 0;
            if (left > 0) {
                left--;
            } else {
                int vj = LoihiMath.clipV24int(LoihiMath.decay24(v[j], vFactor[j]) + current + bias[j]);
                if (LoihiMath.fires(vj, threshold[j])) {
                    fired[count++] = j;
                    vj = 0;
                    left = refractoryDelay[j];
                }
                v[j] = vj;
            }
            refractoryLeft[j] = left;
            stillLive += (uj | v[j] | bias[j] | left) != 0 ? 1 : 0;
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

    /** Compartments updated even without input: u, v or bias non-zero (a dendrite: u non-zero). */
    private int countLive() {
        int c = 0;
        for (int j = 0; j < n; j++) {
            boolean dend = dendrite != null && dendrite[j];
            if (u[j] != 0 || !dend && (v[j] != 0 || bias[j] != 0)) {
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

    /** Accumulator cells, groups x neurons: one slot of a learning core's delay ring holds this many sums. */
    public int accumulatorCells() {
        return groups * n;
    }

    /** The accumulator cell of synapse {@code k} of axon {@code axon}: its axon type's group, its neuron. */
    public int accumulatorCell(int axon, int k) {
        return axonGroup[axon] * n + post[k];
    }

    /** The effective weight synapse {@code k} adds (its format applied, pre-shifted for weightExp >= 0). */
    public int effectiveWeight(int k) {
        return weight[k];
    }

    /**
     * Adds one slot of a learning core's delay ring into this tick's sums, in place of
     * {@link #integrate}: {@code sums[from + c]} into cell c, and the neurons whose bits are set
     * in {@code reached[reachedFrom ..]} count as reached. The slot's sums are 32-bit (wrapping):
     * as for the fast path's sums, u reads a sum only modulo 2^(18 + k), so both paths give the
     * same result as exact sums.
     */
    public void addDelayed(int[] sums, int from, long[] reached, int reachedFrom) {
        int cells = groups * n;
        if (fastPaths) {
            for (int c = 0; c < cells; c++) {
                acc32[c] += sums[from + c];
            }
        } else {
            for (int c = 0; c < cells; c++) {
                acc[c] += sums[from + c];
            }
        }
        for (int w = 0; w < hasInput.length; w++) {
            hasInput[w] |= reached[reachedFrom + w];
        }
    }

    /**
     * Sets the raw weight of synapse {@code k} (a synapse of axon {@code axon}), applying the
     * axon type's format exactly as at load: the learning engine's write into synapse memory.
     */
    public void setRawWeight(int axon, int k, int raw) {
        SynapseFormat f = formats.get(axonType[axon]);
        int w = LoihiMath.effectiveWeight(raw, f.numWeightBits(), f.signMode()) << Math.max(0, f.weightExp());
        weight[k] = w;
        if (packed != null) {
            int mask = (1 << PACK_WEIGHT_BITS) - 1;
            packed[k] = packed[k] & ~mask | w & mask;
        }
        if (rowWeight[axon] != w) {
            // one synapse the row held alone takes its new weight; any other change mixes the row
            rowWeight[axon] = rowStart[axon + 1] - rowStart[axon] == 1 ? w : MIXED;
            rowInfo[2 * axon + 1] = rowWeight[axon];
        }
    }

    /** The weight exponent of axon {@code axon}'s type. */
    public int weightExp(int axon) {
        return formats.get(axonType[axon]).weightExp();
    }

    /**
     * Adds {@code raw} raw-weight units to neuron {@code j}'s input this tick, as a synapse of
     * axon {@code axon}'s type adds its weight (shifted by a non-negative weightExp, floored with
     * the type's sum by a negative one), without the format's per-weight clip and truncation: a
     * learning core's column-current read (docs/learning.md, "Column-current integration").
     */
    public void addInput(int axon, int j, int raw) {
        int w = raw << Math.max(0, formats.get(axonType[axon]).weightExp());
        int i = axonGroup[axon] * n + j;
        if (fastPaths) {
            acc32[i] += w;
        } else {
            acc[i] += w;
        }
        hasInput[j >>> 6] |= 1L << (j & 63);
    }
}
