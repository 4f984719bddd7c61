package dev.myelin.chip.neuron;

import dev.myelin.chip.core.NeuronArray;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.ImageValidator;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.TrueNorthNeurons;

import static dev.myelin.chip.neuron.TrueNorthMath.leakDirection;
import static dev.myelin.chip.neuron.TrueNorthMath.saturateV;
import static dev.myelin.chip.neuron.TrueNorthMath.stochastic;
import static dev.myelin.chip.neuron.TrueNorthMath.thresholdMask;

/**
 * The bit-accurate TrueNorth neuron datapath of one core (docs/reference/truenorth.md):
 * binary crossbar, 4 axon types with 4 signed weights per neuron, stochastic synapse, leak and
 * threshold, leak reversal, positive and negative thresholds, normal / linear / non-reset modes,
 * kappa saturation. Widths and saturation: {@link TrueNorthMath}.
 *
 * <p>Negative threshold: V crosses it when {@code V < -bound} (strict, TrueNorth's rule, the
 * default) or, on a core whose image says {@link NegativeThreshold#INCLUSIVE}, when
 * {@code V <= -bound} (the RANC simulator's rule); bound = beta with kappa = 1, beta + eta with
 * kappa = 0. The rule is folded into one limit per neuron type at load,
 * {@code negativeLimit = -beta} or {@code -beta + 1}, and every test reads
 * {@code V < negativeLimit - eta}: the update does the same work under either rule.
 *
 * <p>Memory: the crossbar as the image's bit-packed rows and the weights as the image's array
 * ({@code weight[4 * j + G]}), both shared with the image, not copied; per type a bit-packed mask
 * of the neurons whose synapse of that type is stochastic; a neuron-type table: the core's
 * distinct parameter sets in flat {@code int} arrays indexed by type, and one 16-bit type per
 * neuron (most cores have one or a few types, so the update reads a few cached values instead of
 * ten per-neuron arrays, and loading copies a few values instead of cloning the arrays); V in a
 * flat {@code int} array; a bit-packed set of the neurons that received synaptic input this tick
 * (left empty on a core whose update is the uniform one, which reads no such set).
 * Nothing is allocated after construction.
 *
 * <p>Integration adds each weight straight into {@code v[]}: between integration and update V
 * holds V + the tick's exact 32-bit input sum (|V| &lt; 2^19, |input| &lt;= 65,536 axons x 256 =
 * 2^24, so the int cannot overflow), and the update saturates it to 20 bits once, exactly as
 * adding a separate input sum would. A neuron without input keeps its V untouched, so "V before
 * the update" (the active count) reads the same value.
 *
 * <p>Draw order of the core's {@link CoreRandom} in one tick (each draw is one rho):
 * <ol>
 *   <li>integration: active axons ascending; within an axon, its connected neurons ascending;
 *       one draw per synaptic event whose type is stochastic for that neuron;</li>
 *   <li>update: neurons ascending; per neuron first one draw for the leak if c = 1 and
 *       lambda != 0, then one draw for the threshold mask if TM &gt; 0 and the threshold
 *       outcome can depend on eta, i.e. V &gt;= alpha, or V below the negative threshold
 *       with eta = 0 (V &lt; -beta strict, V &lt;= -beta inclusive) and kappa = 0.</li>
 * </ol>
 * No other draws happen, so a core whose update would change nothing draws nothing and may be
 * skipped without shifting the stream.
 *
 * <p>Active update: a neuron that received synaptic input, changed V or fired this tick.
 */
public final class TrueNorthArray implements NeuronArray {
    private final int n;
    /** Axons (crossbar rows): a field, so integration does not read the axon-type table's length (a cache miss). */
    private final int axons;
    private final int wordsPerRow;
    private final int[] axonType;
    private final long[] crossbar;
    private final long[] stochasticMask;
    private final int[] weight;
    /**
     * Each neuron's type: the index of its parameter set in the per-type arrays {@link #leak} ...
     * {@link #negAdd} (types numbered in the order of their first neuron, so neuron 0 has type 0).
     */
    private final char[] type;
    private final int[] leak;
    private final int[] stochasticLeak;
    private final int[] leakReversal;
    private final int[] alpha;
    private final int[] beta;
    /** -beta (strict) or -beta + 1 (inclusive): V &lt; negativeLimit - eta is below the negative threshold. */
    private final int[] negativeLimit;
    private final int[] thresholdMaskBits;
    private final int[] resetMode;
    private final int[] kappa;
    private final int[] resetV;
    private final int[] v;
    private final long[] hasInput;
    private final CoreRandom random;
    /**
     * The update draws nothing (no stochastic leak with lambda != 0, no threshold mask) and the
     * tick's input plus V cannot overflow an int: {@link #updateDeterministic} applies.
     */
    private final boolean deterministic;
    /**
     * Additionally every neuron has the same update parameters and a non-zero leak:
     * {@link #updateUniform}, a branch-free loop over V alone.
     */
    private final boolean uniform;
    /**
     * Threshold outcome as a linear map of V with eta = 0: above alpha V becomes
     * {@code posMul * V + posAdd} (reset to R: 0, R; linear: 1, -alpha; non-reset: 1, 0); below
     * the negative limit {@code negMul * V + negAdd} (kappa = 1: 0, -beta; else reset to -R: 0,
     * sat(-R); linear: 1, beta; non-reset: 1, 0).
     */
    private final int[] posMul;
    private final int[] posAdd;
    private final int[] negMul;
    private final int[] negAdd;
    /**
     * Per axon type, the weight every neuron gives it, when all neurons agree and no synapse is
     * stochastic (then integration reads no per-neuron weight); null otherwise.
     */
    private final int[] typeWeight;
    /**
     * {@link #typeWeight} in a field, type g's weight in bits {@code 16 g} to {@code 16 g + 15}
     * (weights are at most 16 bits wide; zero when it is null), and the shared update parameters
     * of a {@link #uniform} core (neuron 0's): a full chip steps thousands of cores whose arrays
     * are mostly out of cache, so a parameter read from the core object instead of its own array
     * saves a cache miss per array per tick.
     */
    private final long packedWeights;
    /**
     * Per axon type g, the bit set of the axons of that type ({@code typeAxons[g * axonWords + w]},
     * 64 axons a word): shared-weight integration reads an active axon's type from the bits of
     * its word in these sets instead of looking it up in the per-axon type table (a cache miss per
     * active axon on a full chip). Null when integration does not take that path.
     */
    private final long[] typeAxons;
    private final int axonWords;
    private final int uLambda, uReversal, uAlpha, uLimit, uPosMul, uPosAdd, uNegMul, uNegAdd;
    private int lastActive;
    private int unstable;
    /** Neurons with V != 0 or a leak after the last update ({@link #restingUpdates()}). */
    private int resting;
    /** Whether the last {@link #threshold} call fired. */
    private boolean spiked;

    /**
     * @throws dev.myelin.isa.diag.MyelinInputException when a value of the core is out of range
     *         for the architecture (the codec's rules, {@link ImageValidator#validateCore})
     */
    public TrueNorthArray(CoreImage core, Architecture arch, CoreRandom random) {
        this(core, arch, random, false);
    }

    /**
     * @param validated the caller has just checked the whole image the core belongs to
     *        ({@link ImageValidator#validate}, as loading a chip does), so the core's checks are
     *        not run a second time
     */
    TrueNorthArray(CoreImage core, Architecture arch, CoreRandom random, boolean validated) {
        if (!validated) {
            ImageValidator.validateCore(arch, core);
        }
        TrueNorthNeurons p = (TrueNorthNeurons) core.neurons();
        Crossbar xb = (Crossbar) core.synapses();
        this.n = p.n();
        this.wordsPerRow = xb.wordsPerRow();
        // the image's arrays are read, never written: shared, not copied (as the crossbar is)
        this.axonType = core.axonType();
        this.axons = axonType.length;
        this.crossbar = xb.bits();
        this.random = random;
        this.weight = p.weights();
        this.stochasticMask = stochasticMask(p.stochasticSynapse(), n, wordsPerRow);
        this.type = new char[n];
        int[] first = firstNeurons(type, neuronTypes(p, type));
        this.leak = gather(p.leak(), first);
        this.stochasticLeak = gather(p.stochasticLeak(), first);
        this.leakReversal = gather(p.leakReversal(), first);
        this.alpha = gather(p.alpha(), first);
        this.beta = gather(p.beta(), first);
        this.thresholdMaskBits = gather(p.thresholdMaskBits(), first);
        this.resetMode = gather(p.resetMode(), first);
        this.kappa = gather(p.kappa(), first);
        this.resetV = gather(p.resetV(), first);
        int types = first.length;
        int inclusive = p.negativeThreshold() == NegativeThreshold.INCLUSIVE ? 1 : 0;
        this.negativeLimit = new int[types];
        this.v = p.v0().clone();
        this.hasInput = new long[wordsPerRow];
        this.posMul = new int[types];
        this.posAdd = new int[types];
        this.negMul = new int[types];
        this.negAdd = new int[types];
        boolean drawsNothing = deriveTypes(inclusive);
        this.typeWeight = sharedTypeWeights();
        this.packedWeights = packWeights(typeWeight);
        this.axonWords = (axonType.length + 63) >>> 6;
        this.typeAxons = typeWeight == null ? null : typeAxons(axonType, axonWords);
        // |input| <= axons x 256 (9-bit weights): with at most 2^20 axons, input + V fits an int
        // (the architecture allows at most 65,536 axons per core; the guard stays as a backstop)
        this.deterministic = drawsNothing && axonType.length <= 1 << 20;
        this.uniform = deterministic && n > 0 && leak[0] != 0 && sameUpdateParameters();
        this.uLambda = n == 0 ? 0 : leak[0];
        this.uReversal = n == 0 ? 0 : leakReversal[0];
        this.uAlpha = n == 0 ? 0 : alpha[0];
        this.uLimit = n == 0 ? 0 : negativeLimit[0];
        this.uPosMul = n == 0 ? 0 : posMul[0];
        this.uPosAdd = n == 0 ? 0 : posAdd[0];
        this.uNegMul = n == 0 ? 0 : negMul[0];
        this.uNegAdd = n == 0 ? 0 : negAdd[0];
        countStates();
    }

    /**
     * Fills the per-type negative limit and threshold maps from the raw parameters; returns
     * whether no type draws in the update (no threshold mask, no stochastic leak with lambda != 0).
     * The constructor's loops are methods of their own: a full chip builds thousands of cores, and
     * small methods are compiled sooner and far more cheaply than the whole constructor.
     */
    private boolean deriveTypes(int inclusive) {
        boolean drawsNothing = true;
        for (int j = 0; j < leak.length; j++) {
            negativeLimit[j] = -beta[j] + inclusive;
            switch (resetMode[j]) {
                case 0 -> { posMul[j] = 0; posAdd[j] = resetV[j]; }
                case 1 -> { posMul[j] = 1; posAdd[j] = -alpha[j]; }
                default -> { posMul[j] = 1; posAdd[j] = 0; }
            }
            if (kappa[j] == 1) {
                negMul[j] = 0;
                negAdd[j] = -beta[j];
            } else {
                switch (resetMode[j]) {
                    case 0 -> { negMul[j] = 0; negAdd[j] = saturateV(-(long) resetV[j]); }
                    case 1 -> { negMul[j] = 1; negAdd[j] = beta[j]; }
                    default -> { negMul[j] = 1; negAdd[j] = 0; }
                }
            }
            if (thresholdMaskBits[j] != 0 || (stochasticLeak[j] != 0 && leak[j] != 0)) {
                drawsNothing = false;
            }
        }
        return drawsNothing;
    }

    /** Per synapse type g, the bit set of the neurons whose synapse of type g is stochastic. */
    private static long[] stochasticMask(int[] synapse, int n, int wordsPerRow) {
        long[] mask = new long[4 * wordsPerRow];
        for (int j = 0; j < n; j++) {
            int bits = synapse[j];
            for (int g = 0; g < 4; g++) {
                if ((bits >>> g & 1) != 0) {
                    mask[g * wordsPerRow + (j >>> 6)] |= 1L << (j & 63);
                }
            }
        }
        return mask;
    }

    /** The first neuron of each of the {@code types} types (numbered in the order of their first neuron). */
    private static int[] firstNeurons(char[] type, int types) {
        int[] first = new int[types];
        for (int j = 0, next = 0; next < types; j++) {
            if (type[j] == next) {
                first[next++] = j;
            }
        }
        return first;
    }

    /** A per-neuron parameter array as a per-type one: the value of each type's first neuron. */
    private static int[] gather(int[] perNeuron, int[] first) {
        int[] perType = new int[first.length];
        for (int t = 0; t < first.length; t++) {
            perType[t] = perNeuron[first[t]];
        }
        return perType;
    }

    /** Sets {@link #unstable} and {@link #resting} from the initial V. */
    private void countStates() {
        for (int j = 0; j < n; j++) {
            int t = type[j];
            if (!stable(t, v[j])) {
                unstable++;
            }
            if (v[j] != 0 || leak[t] != 0) {
                resting++;
            }
        }
    }

    /** The four type weights in 16 bits each (type g at bit 16 g); 0 for null. */
    private static long packWeights(int[] typeWeight) {
        long packed = 0;
        for (int g = 0; typeWeight != null && g < 4; g++) {
            packed |= (typeWeight[g] & 0xFFFFL) << (16 * g);
        }
        return packed;
    }

    /** Per axon type g, the bit set of the axons of type g ({@code [g * words + w]}). */
    private static long[] typeAxons(int[] axonType, int words) {
        long[] sets = new long[4 * words];
        for (int a = 0; a < axonType.length; a++) {
            sets[axonType[a] * words + (a >>> 6)] |= 1L << (a & 63);
        }
        return sets;
    }


    @Override
    public int neurons() {
        return n;
    }

    @Override
    public long integrate(long[] activeAxons, int words) {
        long events = 0;
        touch(activeAxons, words, axons);
        if (typeAxons != null && fastPaths) {
            return integrateShared(activeAxons, Math.min(words, axonWords));
        }
        boolean flags = !(uniform && fastPaths);
        for (int w = 0; w < words; w++) {
            long active = activeAxons[w];
            while (active != 0) {
                int a = (w << 6) + Long.numberOfTrailingZeros(active);
                active &= active - 1;
                if (a < axons) {
                    events += integrateAxon(a, flags);
                }
            }
        }
        return events;
    }

    /**
     * Reads one word of every cache line integration is about to use (the active rows, V) in one
     * short loop of independent loads, so their misses overlap instead of following one another
     * in integration's branchy loops; the value read is kept only so the loads stay.
     */
    private void touch(long[] activeAxons, int words, int axons) {
        long sum = 0;
        for (int w = 0; w < words; w++) {
            long active = activeAxons[w];
            while (active != 0) {
                int a = (w << 6) + Long.numberOfTrailingZeros(active);
                active &= active - 1;
                if (a < axons) {
                    int rowBase = a * wordsPerRow;
                    sum += crossbar[rowBase] + crossbar[rowBase + wordsPerRow - 1];
                }
            }
        }
        for (int j = 0; j < n; j += 16) {
            sum += v[j];
        }
        touched = sum;
    }

    /** Written by {@link #touch} only so that its loads are not eliminated; never read. */
    @SuppressWarnings("unused")
    private long touched;

    /**
     * Numbers the distinct parameter sets of the core's neurons (leak, stochastic leak, leak
     * reversal, alpha, beta, threshold mask, reset mode, kappa, reset value) in the order of their
     * first neuron, writes each neuron's into {@code type} and returns how many there are. A
     * neuron whose set equals its predecessor's takes its type without a lookup (most cores'
     * neurons share one or a few sets); the others are found in an open-addressing table keyed by
     * a hash of the set, so a core of all-distinct neurons costs O(n), not O(n^2).
     */
    private static int neuronTypes(TrueNorthNeurons p, char[] type) {
        int n = p.n();
        if (n == 0) {
            return 0;
        }
        int types = 1;
        int[] firstOf = null; // hash table: 1 + the first neuron of a type, 0 for an empty slot
        int mask = 0;
        for (int j = 1; j < n; j++) {
            if (sameParameters(p, j, j - 1)) {
                type[j] = type[j - 1];
                continue;
            }
            if (firstOf == null) {
                firstOf = new int[Integer.highestOneBit(n) << 2];
                mask = firstOf.length - 1;
                firstOf[parameterHash(p, 0) & mask] = 1;
            }
            int slot = parameterHash(p, j) & mask;
            while (true) {
                int first = firstOf[slot] - 1;
                if (first < 0) {
                    firstOf[slot] = j + 1;
                    type[j] = (char) types++;
                    break;
                }
                if (sameParameters(p, j, first)) {
                    type[j] = type[first];
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return types;
    }

    private static boolean sameParameters(TrueNorthNeurons p, int j, int k) {
        return p.leak()[j] == p.leak()[k] && p.alpha()[j] == p.alpha()[k] && p.beta()[j] == p.beta()[k]
                && p.stochasticLeak()[j] == p.stochasticLeak()[k] && p.leakReversal()[j] == p.leakReversal()[k]
                && p.thresholdMaskBits()[j] == p.thresholdMaskBits()[k] && p.resetMode()[j] == p.resetMode()[k]
                && p.kappa()[j] == p.kappa()[k] && p.resetV()[j] == p.resetV()[k];
    }

    private static int parameterHash(TrueNorthNeurons p, int j) {
        int h = p.leak()[j];
        h = h * 31 + p.alpha()[j];
        h = h * 31 + p.beta()[j];
        h = h * 31 + p.stochasticLeak()[j];
        h = h * 31 + p.leakReversal()[j];
        h = h * 31 + p.thresholdMaskBits()[j];
        h = h * 31 + p.resetMode()[j];
        h = h * 31 + p.kappa()[j];
        h = h * 31 + p.resetV()[j];
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    /** The weight of each type when every neuron has the same one and no synapse is stochastic, else null. */
    private int[] sharedTypeWeights() {
        for (long m : stochasticMask) {
            if (m != 0) {
                return null;
            }
        }
        int[] w = new int[4];
        for (int g = 0; g < 4; g++) {
            w[g] = n == 0 ? 0 : weight[g];
            if (w[g] != (short) w[g]) {
                return null; // wider than the 16 bits a weight can have (a backstop: validated at load)
            }
            for (int j = 1; j < n; j++) {
                if (weight[4 * j + g] != w[g]) {
                    return null;
                }
            }
        }
        return w;
    }

    /**
     * Integration on a core whose neurons share the weight of every type and have no stochastic
     * synapse: the active axons ascending, each axon's type read from the per-type bit sets (in
     * the same words as the active set, so no per-axon table is read) and its row added with the
     * type's weight. Nothing is drawn. When the core's update is {@link #updateUniform}, which
     * reads no input set, the rows are not recorded in {@link #hasInput} either.
     */
    private long integrateShared(long[] activeAxons, int words) {
        boolean flags = !(uniform && fastPaths);
        long weights = packedWeights;
        int aw = axonWords;
        long events = 0;
        for (int i = 0; i < words; i++) {
            long t1 = typeAxons[aw + i];
            long t2 = typeAxons[2 * aw + i];
            long t3 = typeAxons[3 * aw + i];
            // the union of the type sets is the core's axons: bits beyond them are ignored
            long active = activeAxons[i] & (typeAxons[i] | t1 | t2 | t3);
            if (active == 0) {
                continue;
            }
            do {
                int b = Long.numberOfTrailingZeros(active);
                active &= active - 1;
                // the axon's type: its bit in the sets of types 1, 2 and 3 (types are exclusive)
                int g = (int) (t1 >>> b & 1) | (int) (t2 >>> b & 1) << 1 | (int) (t3 >>> b & 1) * 3;
                int w = (short) (weights >>> (g << 4));
                int a = (i << 6) + b;
                events += flags ? integrateRow(a, w) : addRow(a, w);
            } while (active != 0);
        }
        return events;
    }

    /** Adds row {@code a} of the crossbar with weight {@code w} into V and records its neurons in {@link #hasInput}. */
    private long integrateRow(int a, int w) {
        int rowBase = a * wordsPerRow;
        long events = 0;
        for (int i = 0; i < wordsPerRow; i++) {
            long row = crossbar[rowBase + i];
            if (row == 0) {
                continue;
            }
            events += Long.bitCount(row);
            hasInput[i] |= row;
            int base = i << 6;
            while (row != 0) {
                v[base + Long.numberOfTrailingZeros(row)] += w;
                row &= row - 1;
            }
        }
        return events;
    }

    /** {@link #integrateRow} without recording the input set. */
    private long addRow(int a, int w) {
        int rowBase = a * wordsPerRow;
        int[] vs = v;
        long events = 0;
        for (int i = 0; i < wordsPerRow; i++) {
            long row = crossbar[rowBase + i];
            events += Long.bitCount(row);
            int base = i << 6;
            while (row != 0) {
                vs[base + Long.numberOfTrailingZeros(row)] += w;
                row &= row - 1;
            }
        }
        return events;
    }

    /**
     * Adds one active axon's row: deterministic synapses first, then stochastic ones in neuron order;
     * records the row's neurons in {@link #hasInput} when {@code flags} (the update reads it).
     */
    private long integrateAxon(int a, boolean flags) {
        int g = axonType[a];
        int rowBase = a * wordsPerRow;
        int maskBase = g * wordsPerRow;
        long events = 0;
        for (int i = 0; i < wordsPerRow; i++) {
            long row = crossbar[rowBase + i];
            if (row == 0) {
                continue;
            }
            events += Long.bitCount(row);
            if (flags) {
                hasInput[i] |= row;
            }
            long stochastic = row & stochasticMask[maskBase + i];
            long exact = row & ~stochastic;
            int base = i << 6;
            while (exact != 0) {
                int j = base + Long.numberOfTrailingZeros(exact);
                exact &= exact - 1;
                v[j] += weight[4 * j + g];
            }
            while (stochastic != 0) {
                int j = base + Long.numberOfTrailingZeros(stochastic);
                stochastic &= stochastic - 1;
                v[j] += stochastic(weight[4 * j + g], random.nextRho());
            }
        }
        return events;
    }

    @Override
    public int update(long tick, int[] fired) {
        if (uniform && fastPaths) {
            return updateUniform(fired);
        }
        if (deterministic && fastPaths) {
            return updateDeterministic(fired);
        }
        return updateGeneral(fired);
    }

    /** Whether the update may take its fast paths (off only to test them against the general one). */
    boolean fastPaths = true;

    /** The update path this core takes: "uniform", "deterministic" or "general". */
    String updatePath() {
        return uniform ? "uniform" : deterministic ? "deterministic" : "general";
    }

    /** How many distinct parameter sets (neuron types) the core's neurons have. */
    int neuronTypes() {
        return leak.length;
    }

    /** Whether integration takes the shared-weight path. */
    boolean sharedWeights() {
        return typeWeight != null;
    }

    /** Every neuron shares leak, leak reversal, alpha, the negative limit and the threshold maps. */
    private boolean sameUpdateParameters() {
        for (int j = 1; j < leak.length; j++) {
            if (leak[j] != leak[0] || leakReversal[j] != leakReversal[0] || alpha[j] != alpha[0]
                    || negativeLimit[j] != negativeLimit[0] || posMul[j] != posMul[0] || posAdd[j] != posAdd[0]
                    || negMul[j] != negMul[0] || negAdd[j] != negAdd[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #updateGeneral} for a core whose update draws nothing (eta = 0, deterministic leak),
     * with the branches of the threshold step replaced by the linear maps {@link #posMul} ...
     * {@link #negAdd}. V already holds V + input (integration adds into it): it is saturated
     * unconditionally, a neuron without input having V in range, so saturating changes nothing;
     * without input V is untouched, so {@code before} is V before the update wherever it counts.
     */
    private int updateDeterministic(int[] fired) {
        int count = 0;
        int active = 0;
        int notStable = 0;
        int rest = 0;
        for (int j = 0; j < n; j++) {
            int before = v[j];
            long had = hasInput[j >>> 6] >>> (j & 63) & 1L;
            int x = clamp(before);
            int t = type[j];
            int lambda = leak[t];
            int omega = leakReversal[t] == 0 ? 1 : Integer.signum(x);
            x = clamp(x + omega * lambda);
            int a = alpha[t];
            int limit = negativeLimit[t];
            int nv;
            if (x >= a) {
                nv = posMul[t] * x + posAdd[t];
                fired[count++] = j;
                active++;
            } else {
                nv = x < limit ? negMul[t] * x + negAdd[t] : x;
                if ((had | before | lambda) != 0) {
                    active++;
                }
            }
            v[j] = nv;
            if ((nv | lambda) != 0) {
                rest++;
            }
            if (lambda != 0 || nv >= a || nv < limit) {
                notStable++;
            }
        }
        java.util.Arrays.fill(hasInput, 0L);
        lastActive = active;
        unstable = notStable;
        resting = rest;
        return count;
    }

    /**
     * {@link #updateDeterministic} for a core whose neurons share every update parameter and leak
     * (lambda != 0): every neuron counts as active, resting and unstable. Two passes: saturation
     * of V + input and the leak over V alone (branch-free, vectorisable), then the thresholds, where
     * crossing one is rare and the branch predictable: when the negative limit is below alpha, one
     * unsigned comparison tells a V between them (neither threshold crossed) from the others.
     */
    private int updateUniform(int[] fired) {
        int lambda = uLambda;
        int[] vs = v;
        if (uReversal == 0) {
            for (int j = 0; j < n; j++) {
                int x = clamp(vs[j]);
                vs[j] = clamp(x + lambda);
            }
        } else {
            for (int j = 0; j < n; j++) {
                int x = clamp(vs[j]);
                vs[j] = clamp(x + ((x >> 31) | (-x >>> 31)) * lambda); // sgn(x) * lambda
            }
        }
        int a = uAlpha;
        int limit = uLimit;
        int pm = uPosMul;
        int pa = uPosAdd;
        int nm = uNegMul;
        int na = uNegAdd;
        int count = 0;
        int span = a - limit;
        if (span > 0) {
            // limit <= x < a, the usual case, in one unsigned comparison: 0 <= x - limit < span
            // (|x|, |limit| and |a| are below 2^20: no difference overflows)
            for (int j = 0; j < n; j++) {
                int x = vs[j];
                if (Integer.compareUnsigned(x - limit, span) >= 0) {
                    if (x >= a) {
                        vs[j] = pm * x + pa;
                        fired[count++] = j;
                    } else {
                        vs[j] = nm * x + na;
                    }
                }
            }
        } else {
            for (int j = 0; j < n; j++) {
                int x = vs[j];
                if (x >= a) {
                    vs[j] = pm * x + pa;
                    fired[count++] = j;
                } else if (x < limit) {
                    vs[j] = nm * x + na;
                }
            }
        }
        // integration records no input set for this update (it reads none): nothing to clear
        lastActive = n;
        unstable = n;
        resting = n;
        return count;
    }

    /**
     * Saturates an {@code int} to [V_MIN, V_MAX] by masks (|x| &lt; 2^30 here, so the differences
     * cannot overflow): the excess over a bound is subtracted when its sign says the bound is
     * crossed. C2 compiles {@code Math.max}/{@code min} into conditional moves that keep the
     * update loops scalar; this form lets it vectorise them.
     */
    static int clamp(int x) {
        int over = x - TrueNorthMath.V_MAX;
        int y = x - (over & ~(over >> 31));
        int under = y - TrueNorthMath.V_MIN;
        return y - (under & (under >> 31));
    }

    /** The update as the reference describes it, drawing eta and stochastic leaks as needed. */
    private int updateGeneral(int[] fired) {
        int count = 0;
        int active = 0;
        int notStable = 0;
        int rest = 0;
        for (int j = 0; j < n; j++) {
            int before = v[j];
            boolean hadInput = (hasInput[j >>> 6] >>> (j & 63) & 1L) != 0;
            int vv = before;
            if (hadInput) {
                // V + the 32-bit exact sum of this tick's input (added in by integration), saturated once
                vv = saturateV(vv);
            }
            int t = type[j];
            vv = applyLeak(t, vv);
            vv = threshold(t, vv);
            if (spiked) {
                fired[count++] = j;
            }
            v[j] = vv;
            // SANA-FE's "updated": input (even summing to 0), |V| > 0 before, a leak (its bias), or a spike
            if (hadInput || spiked || before != 0 || leak[t] != 0) {
                active++;
            }
            if (vv != 0 || leak[t] != 0) {
                rest++;
            }
            if (!stable(t, vv)) {
                notStable++;
            }
        }
        java.util.Arrays.fill(hasInput, 0L);
        lastActive = active;
        unstable = notStable;
        resting = rest;
        return count;
    }

    /** Step 2: V += Omega * lambda (or Omega * F(lambda, rho) when c = 1), saturated. */
    private int applyLeak(int t, int vv) {
        int lambda = leak[t];
        if (lambda == 0) {
            return vv;
        }
        int l = stochasticLeak[t] == 0 ? lambda : stochastic(lambda, random.nextRho());
        // |Omega * l| <= 256 and |V| < 2^19: the int sum cannot overflow
        return saturateV(vv + leakDirection(leakReversal[t], vv) * l);
    }

    /** eta, drawn lazily: only when TM &gt; 0 and the outcome can depend on it. */
    private int eta(int t, int vv) {
        int tm = thresholdMaskBits[t];
        if (tm == 0) {
            return 0;
        }
        if (vv >= alpha[t] || (vv < negativeLimit[t] && kappa[t] == 0)) {
            return thresholdMask(random.nextRho(), tm);
        }
        return 0;
    }

    /**
     * Step 3: threshold, fire, reset. Sets {@link #spiked}; returns the new V. One eta serves
     * both thresholds.
     */
    private int threshold(int t, int vv) {
        int eta = eta(t, vv);
        int positive = alpha[t] + eta; // <= 2^18 - 1 + 255: no overflow
        if (vv >= positive) {
            spiked = true;
            return switch (resetMode[t]) {
                case 0 -> resetV[t];
                case 1 -> vv - positive; // V >= alpha + eta >= 0: result in [0, V]
                default -> vv;
            };
        }
        spiked = false;
        if (kappa[t] == 1) {
            return vv < negativeLimit[t] ? -beta[t] : vv; // saturate at -beta whatever the reset mode
        }
        if (vv >= negativeLimit[t] - eta) {
            return vv;
        }
        return switch (resetMode[t]) {
            case 0 -> saturateV(-(long) resetV[t]); // -R of R = -2^19 saturates to 2^19 - 1
            case 1 -> vv + beta[t] + eta; // V <= -(beta + eta): result stays <= 0
            default -> vv;
        };
    }

    /** True when an input-free update of neuron j at potential vv changes nothing, fires nothing and draws nothing. */
    private boolean stable(int t, int vv) {
        return leak[t] == 0 && vv < alpha[t] && vv >= negativeLimit[t];
    }

    @Override
    public int lastActiveUpdates() {
        return lastActive;
    }

    @Override
    public int restingUpdates() {
        return resting;
    }

    @Override
    public boolean quiescent() {
        return unstable == 0;
    }

    @Override
    public int v(int j) {
        return v[j];
    }

    @Override
    public int u(int j) {
        return 0;
    }
}
