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
 * kappa = 0. The rule is folded into one per-neuron limit at load,
 * {@code negativeLimit = -beta} or {@code -beta + 1}, and every test reads
 * {@code V < negativeLimit - eta}: the update does the same work under either rule.
 *
 * <p>Memory: the crossbar as the image's bit-packed rows; weights by type
 * ({@code weight[G * n + j]}); per type a bit-packed mask of the neurons whose synapse of that
 * type is stochastic; every neuron parameter and V in flat {@code int} arrays; the tick's synaptic
 * input in {@code input[]} plus a bit-packed set of neurons that received any. Nothing is
 * allocated after construction.
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
    private final int wordsPerRow;
    private final int[] axonType;
    private final long[] crossbar;
    private final long[] stochasticMask;
    private final int[] weight;
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
    private final int[] input;
    private final long[] hasInput;
    private final CoreRandom random;
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
        ImageValidator.validateCore(arch, core);
        TrueNorthNeurons p = (TrueNorthNeurons) core.neurons();
        Crossbar xb = (Crossbar) core.synapses();
        this.n = p.n();
        this.wordsPerRow = xb.wordsPerRow();
        this.axonType = core.axonType().clone();
        this.crossbar = xb.bits();
        this.random = random;
        this.weight = new int[4 * n];
        this.stochasticMask = new long[4 * wordsPerRow];
        for (int j = 0; j < n; j++) {
            for (int g = 0; g < 4; g++) {
                weight[g * n + j] = p.weights()[4 * j + g];
                if ((p.stochasticSynapse()[j] >>> g & 1) != 0) {
                    stochasticMask[g * wordsPerRow + (j >>> 6)] |= 1L << (j & 63);
                }
            }
        }
        this.leak = p.leak().clone();
        this.stochasticLeak = p.stochasticLeak().clone();
        this.leakReversal = p.leakReversal().clone();
        this.alpha = p.alpha().clone();
        this.beta = p.beta().clone();
        int inclusive = p.negativeThreshold() == NegativeThreshold.INCLUSIVE ? 1 : 0;
        this.negativeLimit = new int[n];
        for (int j = 0; j < n; j++) {
            negativeLimit[j] = -beta[j] + inclusive;
        }
        this.thresholdMaskBits = p.thresholdMaskBits().clone();
        this.resetMode = p.resetMode().clone();
        this.kappa = p.kappa().clone();
        this.resetV = p.resetV().clone();
        this.v = p.v0().clone();
        this.input = new int[n];
        this.hasInput = new long[wordsPerRow];
        for (int j = 0; j < n; j++) {
            if (!stable(j, v[j])) {
                unstable++;
            }
            if (v[j] != 0 || leak[j] != 0) {
                resting++;
            }
        }
    }

    @Override
    public int neurons() {
        return n;
    }

    @Override
    public long integrate(long[] activeAxons, int words) {
        long events = 0;
        int axons = axonType.length;
        for (int w = 0; w < words; w++) {
            long active = activeAxons[w];
            while (active != 0) {
                int a = (w << 6) + Long.numberOfTrailingZeros(active);
                active &= active - 1;
                if (a < axons) {
                    events += integrateAxon(a);
                }
            }
        }
        return events;
    }

    /** Adds one active axon's row: deterministic synapses first, then stochastic ones in neuron order. */
    private long integrateAxon(int a) {
        int g = axonType[a];
        int rowBase = a * wordsPerRow;
        int maskBase = g * wordsPerRow;
        int weightBase = g * n;
        long events = 0;
        for (int i = 0; i < wordsPerRow; i++) {
            long row = crossbar[rowBase + i];
            if (row == 0) {
                continue;
            }
            events += Long.bitCount(row);
            hasInput[i] |= row;
            long stochastic = row & stochasticMask[maskBase + i];
            long exact = row & ~stochastic;
            int base = i << 6;
            while (exact != 0) {
                int j = base + Long.numberOfTrailingZeros(exact);
                exact &= exact - 1;
                input[j] += weight[weightBase + j];
            }
            while (stochastic != 0) {
                int j = base + Long.numberOfTrailingZeros(stochastic);
                stochastic &= stochastic - 1;
                input[j] += stochastic(weight[weightBase + j], random.nextRho());
            }
        }
        return events;
    }

    @Override
    public int update(long tick, int[] fired) {
        int count = 0;
        int active = 0;
        int notStable = 0;
        int rest = 0;
        for (int j = 0; j < n; j++) {
            int before = v[j];
            boolean hadInput = (hasInput[j >>> 6] >>> (j & 63) & 1L) != 0;
            int vv = before;
            if (hadInput) {
                // 32-bit exact sum of this tick's input, added once, saturated to 20 bits
                vv = saturateV((long) vv + input[j]);
                input[j] = 0;
            }
            vv = applyLeak(j, vv);
            vv = threshold(j, vv);
            if (spiked) {
                fired[count++] = j;
            }
            v[j] = vv;
            // SANA-FE's "updated": input (even summing to 0), |V| > 0 before, a leak (its bias), or a spike
            if (hadInput || spiked || before != 0 || leak[j] != 0) {
                active++;
            }
            if (vv != 0 || leak[j] != 0) {
                rest++;
            }
            if (!stable(j, vv)) {
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
    private int applyLeak(int j, int vv) {
        int lambda = leak[j];
        if (lambda == 0) {
            return vv;
        }
        int l = stochasticLeak[j] == 0 ? lambda : stochastic(lambda, random.nextRho());
        // |Omega * l| <= 256 and |V| < 2^19: the int sum cannot overflow
        return saturateV(vv + leakDirection(leakReversal[j], vv) * l);
    }

    /** eta, drawn lazily: only when TM &gt; 0 and the outcome can depend on it. */
    private int eta(int j, int vv) {
        int tm = thresholdMaskBits[j];
        if (tm == 0) {
            return 0;
        }
        if (vv >= alpha[j] || (vv < negativeLimit[j] && kappa[j] == 0)) {
            return thresholdMask(random.nextRho(), tm);
        }
        return 0;
    }

    /**
     * Step 3: threshold, fire, reset. Sets {@link #spiked}; returns the new V. One eta serves
     * both thresholds.
     */
    private int threshold(int j, int vv) {
        int eta = eta(j, vv);
        int positive = alpha[j] + eta; // <= 2^18 - 1 + 255: no overflow
        if (vv >= positive) {
            spiked = true;
            return switch (resetMode[j]) {
                case 0 -> resetV[j];
                case 1 -> vv - positive; // V >= alpha + eta >= 0: result in [0, V]
                default -> vv;
            };
        }
        spiked = false;
        if (kappa[j] == 1) {
            return vv < negativeLimit[j] ? -beta[j] : vv; // saturate at -beta whatever the reset mode
        }
        if (vv >= negativeLimit[j] - eta) {
            return vv;
        }
        return switch (resetMode[j]) {
            case 0 -> saturateV(-(long) resetV[j]); // -R of R = -2^19 saturates to 2^19 - 1
            case 1 -> vv + beta[j] + eta; // V <= -(beta + eta): result stays <= 0
            default -> vv;
        };
    }

    /** True when an input-free update of neuron j at potential vv changes nothing, fires nothing and draws nothing. */
    private boolean stable(int j, int vv) {
        return leak[j] == 0 && vv < alpha[j] && vv >= negativeLimit[j];
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
