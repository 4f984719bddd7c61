package dev.myelin.chip.learn;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.core.NeuronArray;
import dev.myelin.chip.neuron.CoreRandom;
import dev.myelin.chip.neuron.LoihiCubaArray;
import dev.myelin.isa.learn.Device;
import dev.myelin.isa.learn.DeviceReadout;
import dev.myelin.isa.learn.Factor;
import dev.myelin.isa.learn.LearnVar;
import dev.myelin.isa.learn.LearningConfig;
import dev.myelin.isa.learn.Rule;
import dev.myelin.isa.learn.Term;
import dev.myelin.isa.learn.Trace;
import dev.myelin.isa.model.SparseRows;

import java.util.List;

/**
 * A learning Loihi core: its datapath plus the learning engine's state, all in flat per-core
 * arrays (docs/learning.md). The engine sees the axons active in each tick (from
 * {@link #integrate}) and the neurons that fired (from {@link #update}); after the datapath's
 * update it runs, in this order:
 * <ol>
 *   <li>every non-zero trace decays: {@code x <- x * (4096 - decay) / 4096}, rounded
 *       stochastically;</li>
 *   <li>the tick's spikes set the epoch's spike bits x0 (axons), y0 (neurons), r0 (the reward axon);</li>
 *   <li>at the end of an epoch (tick t with {@code (t + 1) % epoch == 0}) every plastic synapse
 *       evaluates the rules with the traces as they are now (decayed, before this tick's
 *       impulses) and the epoch's spike bits, then the bits are cleared;</li>
 *   <li>the tick's spikes add their impulses to x1, x2 (axons), y1, y2, y3 (neurons), r1 (reward),
 *       saturating at 2^width - 1, or set the trace to the impulse in nearest mode.</li>
 * </ol>
 * A rule's change {@code sum_i m_i 2^e_i prod_j (V_ij + C_ij)} is computed exactly (products in
 * 64 bits, saturating; fractions in units of 2^-24), then rounded stochastically to an integer
 * and added to the variable, which is clipped to its bounds. Random draws come from the core's
 * own generator and happen only when a fraction is left, in synapse order, so results do not
 * depend on the thread count or on idle skipping.
 *
 * <p>A core whose learning section carries per-synapse delays integrates through a {@link DelayRing}
 * of dendritic accumulators instead of the datapath's direct path; rules on {@code dd} change the
 * delays (docs/learning.md, "Synaptic delays").
 */
public final class LearningCore implements NeuronArray {
    static final int TAG_MIN = Short.MIN_VALUE;
    static final int TAG_MAX = Short.MAX_VALUE;
    private static final int FRAC_BITS = 24;

    private final LoihiCubaArray inner;
    private final LearningConfig config;
    private final CoreRandom random;
    private final int axons;
    private final int n;
    private final int[] rowStart;
    private final int[] post;
    private final boolean[] plastic;
    private final int frac;
    private final int wLow;
    private final int wHigh;
    private final int epoch;
    private final int rewardAxon;
    private final boolean restsWithoutActivity;
    /** Every term of every rule has a pre factor (x0, x1, x2 with C = 0) / a post factor (y0..y3): a synapse whose
     * axon / neuron has no spike bit and zero traces computes no change and is not visited. */
    private final boolean everyTermNeedsPre;
    private final boolean everyTermNeedsPost;

    /** Trace filters: x1 x2 y1 y2 y3 r1. */
    private final Trace[] filters;
    private final int[] x1;
    private final int[] x2;
    private final int[] y1;
    private final int[] y2;
    private final int[] y3;
    private int r1;
    /** Epoch spike bits (bit sets over axons, neurons) and the reward bit. */
    private final long[] x0;
    private final long[] y0;
    private boolean r0;
    private boolean epochSpikes;
    /** This tick's active axons, copied in {@link #integrate}. */
    private final long[] activeNow;
    /** Synaptic variables, per synapse: weight in learning units (raw x 2^frac), tag. */
    private final int[] w;
    private final int[] tag;
    /** Non-zero trace values. */
    private int live;
    /** The per-synapse delays and their accumulators, or null: the datapath integrates directly. */
    private final DelayRing ring;

    // the rules, flattened: rule r (0 dw, 1 dt, 2 dd or absent) has terms [ruleStart[r], ruleStart[r+1])
    private final int[] ruleTarget;
    private final int[] ruleStart;
    private final int[] termMant;
    private final int[] termExp;
    private final int[] factorStart;
    private final int[] factorVar;
    private final int[] factorConst;

    private long lastSynapticUpdates;
    private long lastTraceUpdates;
    /** The synapses' memristive devices, or null for digital weights. */
    private Crossbar devices;
    /** Device pulses, reads and energies (fJ) already reported by {@link #count}. */
    private long countedPulses;
    /** How the core uses its devices (weight storage unless attached otherwise). */
    private DeviceReadout readout = DeviceReadout.STORAGE;
    /** Column-current read only (null otherwise): the plastic axons (a bit set), this tick's digital and device rows. */
    private long[] plasticBits;
    private long[] digitalNow;
    private long[] deviceNow;
    /** Column-current read only: per column its plastic fan-in, ADC full scale (nA), code and devices read this tick. */
    private int[] fanIn;
    private double[] fullNa;
    private int[] codes;
    private int[] devicesRead;
    /** Column-current read only: a plastic axon (its type scales the input), wMin and the weight unit of a full-range device, raw. */
    private int inputAxon;
    private int offsetRaw;
    private long unitRaw;
    private long countedReads;
    private long countedWriteFj;
    private long countedReadFj;

    /**
     * @param inner  the core's datapath (its weights are written through {@link LoihiCubaArray#setRawWeight})
     * @param rows   the core's synapses as the image holds them (raw weights)
     * @param random the core's learning generator
     */
    public LearningCore(LoihiCubaArray inner, SparseRows rows, LearningConfig config, CoreRandom random) {
        String problem = config.problem(rows.axons());
        if (problem != null) {
            throw new IllegalArgumentException("learning: " + problem);
        }
        this.inner = inner;
        this.config = config;
        this.random = random;
        this.axons = rows.axons();
        this.n = inner.neurons();
        this.rowStart = rows.rowStart().clone();
        this.post = rows.post().clone();
        this.plastic = config.plastic();
        this.frac = config.weightFrac();
        this.wLow = config.wMin() << frac;
        this.wHigh = config.wMax() << frac;
        this.epoch = config.epoch();
        this.rewardAxon = config.rewardAxon();
        this.restsWithoutActivity = config.restsWithoutActivity();
        this.filters = config.traces().toArray(new Trace[0]);
        this.everyTermNeedsPre = everyTerm(config, java.util.EnumSet.of(LearnVar.X0, LearnVar.X1, LearnVar.X2));
        this.everyTermNeedsPost = everyTerm(config,
                java.util.EnumSet.of(LearnVar.Y0, LearnVar.Y1, LearnVar.Y2, LearnVar.Y3));
        x1 = new int[axons];
        x2 = new int[axons];
        y1 = new int[n];
        y2 = new int[n];
        y3 = new int[n];
        x0 = new long[(axons + 63) >>> 6];
        y0 = new long[(n + 63) >>> 6];
        activeNow = new long[x0.length];
        w = new int[post.length];
        tag = new int[post.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = rows.weight()[k] << frac;
        }
        ring = config.delays() == null ? null : new DelayRing(inner, rowStart, post, config.delays());
        List<Rule> rules = config.rules();
        int terms = rules.stream().mapToInt(r -> r.terms().size()).sum();
        int factors = rules.stream().flatMap(r -> r.terms().stream()).mapToInt(t -> t.factors().size()).sum();
        ruleTarget = new int[rules.size()];
        ruleStart = new int[rules.size() + 1];
        termMant = new int[terms];
        termExp = new int[terms];
        factorStart = new int[terms + 1];
        factorVar = new int[factors];
        factorConst = new int[factors];
        int t = 0;
        int f = 0;
        for (int r = 0; r < rules.size(); r++) {
            ruleTarget[r] = rules.get(r).target().ordinal();
            ruleStart[r] = t;
            for (Term term : rules.get(r).terms()) {
                termMant[t] = term.mantissa();
                termExp[t] = term.exponent();
                factorStart[t] = f;
                for (Factor fa : term.factors()) {
                    factorVar[f] = fa.var().code();
                    factorConst[f] = fa.constant();
                    f++;
                }
                t++;
            }
        }
        ruleStart[rules.size()] = t;
        factorStart[terms] = f;
    }

    private static boolean everyTerm(LearningConfig c, java.util.Set<LearnVar> vars) {
        return c.rules().stream().flatMap(r -> r.terms().stream())
                .allMatch(t -> t.factors().stream().anyMatch(f -> f.constant() == 0 && vars.contains(f.var())));
    }

    // ---- NeuronArray ---------------------------------------------------------------------

    @Override
    public int neurons() {
        return n;
    }

    @Override
    public long integrate(long[] activeAxons, int words) {
        int m = Math.min(words, activeNow.length);
        System.arraycopy(activeAxons, 0, activeNow, 0, m);
        if (axons % 64 != 0 && m == activeNow.length) {
            activeNow[m - 1] &= (1L << (axons % 64)) - 1;
        }
        if (ring != null) {
            return ring.integrate(activeNow, m);   // a core with delays has no column-current readout
        }
        if (plasticBits == null) {
            return inner.integrate(activeAxons, words);
        }
        for (int i = 0; i < activeNow.length; i++) {
            long bits = i < m ? activeNow[i] : 0;
            digitalNow[i] = bits & ~plasticBits[i];
            deviceNow[i] = bits & plasticBits[i];
        }
        return inner.integrate(digitalNow, digitalNow.length) + integrateColumns();
    }

    /**
     * The column-current read (docs/learning.md, "Column-current integration"): the active plastic
     * rows' column currents through the ADC, each column's code scaled back into raw-weight units,
     * {@code S = m wMin + round(code F (wMax - wMin) / codeMax)} for single devices and
     * {@code S = round(code F max(|wMin|, |wMax|) / codeMax)} for pairs (F the column's plastic fan-in,
     * m the devices read on it, rounding half away from zero), added to the neuron's input.
     * Returns the devices read (the synaptic events).
     */
    private long integrateColumns() {
        devices.readColumns(deviceNow, fullNa, codes, devicesRead);
        long events = 0;
        long codeMax = devices.codeMax();
        for (int j = 0; j < n; j++) {
            int m = devicesRead[j];
            if (m == 0) {
                continue;
            }
            events += m;
            long num = (long) codes[j] * fanIn[j] * unitRaw;
            long q = (2 * Math.abs(num) + codeMax) / (2 * codeMax);
            inner.addInput(inputAxon, j, (int) ((long) m * offsetRaw + (num < 0 ? -q : q)));
        }
        return events;
    }

    @Override
    public int update(long tick, int[] fired) {
        int f = inner.update(tick, fired);
        long traceUpdates = decayAll();
        for (int i = 0; i < x0.length; i++) {
            x0[i] |= activeNow[i];
        }
        for (int i = 0; i < f; i++) {
            y0[fired[i] >>> 6] |= 1L << (fired[i] & 63);
        }
        boolean rewardNow = rewardAxon >= 0 && (activeNow[rewardAxon >>> 6] >>> (rewardAxon & 63) & 1) != 0;
        r0 |= rewardNow;
        epochSpikes |= f > 0 || rewardNow || any(activeNow);
        long synaptic = 0;
        if ((tick + 1) % epoch == 0) {
            if (epochSpikes || live > 0 || !restsWithoutActivity) {
                synaptic = evaluate();
            }
            java.util.Arrays.fill(x0, 0);
            java.util.Arrays.fill(y0, 0);
            r0 = false;
            epochSpikes = false;
        }
        for (int word = 0; word < activeNow.length; word++) {
            long bits = activeNow[word];
            while (bits != 0) {
                int a = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                traceUpdates += impulse(x1, a, filters[LearningConfig.X1]) + impulse(x2, a, filters[LearningConfig.X2]);
            }
            activeNow[word] = 0;
        }
        for (int i = 0; i < f; i++) {
            int j = fired[i];
            traceUpdates += impulse(y1, j, filters[LearningConfig.Y1]) + impulse(y2, j, filters[LearningConfig.Y2])
                    + impulse(y3, j, filters[LearningConfig.Y3]);
        }
        if (rewardNow && filters[LearningConfig.R1].impulse() > 0) {
            r1 = impulse(r1, filters[LearningConfig.R1]);
            traceUpdates++;
        }
        lastTraceUpdates = traceUpdates;
        lastSynapticUpdates = synaptic;
        if (ring != null) {
            ring.advance();
        }
        return f;
    }

    @Override
    public int lastActiveUpdates() {
        return inner.lastActiveUpdates();
    }

    @Override
    public int restingUpdates() {
        return inner.restingUpdates();
    }

    /**
     * The datapath is quiescent, every trace is 0, no spike waits for its epoch's end, the rules
     * rest without activity and no input waits in the delay ring.
     */
    @Override
    public boolean quiescent() {
        return inner.quiescent() && live == 0 && !epochSpikes && restsWithoutActivity && (ring == null || ring.empty());
    }

    @Override
    public int v(int j) {
        return inner.v(j);
    }

    @Override
    public int u(int j) {
        return inner.u(j);
    }

    @Override
    public void count(int core, CounterSet counts) {
        counts.add(core, Counter.LEARNING_UPDATES, lastSynapticUpdates);
        counts.add(core, Counter.TRACE_UPDATES, lastTraceUpdates);
        if (devices != null) {
            long pulses = devices.ltpPulses() + devices.ltdPulses();
            counts.add(core, Counter.DEVICE_PULSES, pulses - countedPulses);
            countedPulses = pulses;
            long reads = devices.reads();
            counts.add(core, Counter.DEVICE_READS, reads - countedReads);
            countedReads = reads;
            // energies: the crossbar's running sums (pJ, doubles added in the core's fixed order) rounded to whole fJ;
            // each tick reports the change of the rounded sum, so the ticks add up to the rounded sum exactly
            long writeFj = Crossbar.femtojoules(devices.writePj());
            counts.add(core, Counter.DEVICE_WRITE_FJ, writeFj - countedWriteFj);
            countedWriteFj = writeFj;
            long readFj = Crossbar.femtojoules(devices.readPj());
            counts.add(core, Counter.DEVICE_READ_FJ, readFj - countedReadFj);
            countedReadFj = readFj;
        }
    }

    // ---- traces ------------------------------------------------------------------------------

    private long decayAll() {
        long updates = 0;
        updates += decay(x1, filters[LearningConfig.X1]);
        updates += decay(x2, filters[LearningConfig.X2]);
        updates += decay(y1, filters[LearningConfig.Y1]);
        updates += decay(y2, filters[LearningConfig.Y2]);
        updates += decay(y3, filters[LearningConfig.Y3]);
        if (r1 != 0 && filters[LearningConfig.R1].decay() > 0) {
            int before = r1;
            r1 = decayed(r1, filters[LearningConfig.R1].decay());
            live -= before != 0 && r1 == 0 ? 1 : 0;
            updates++;
        }
        return updates;
    }

    private long decay(int[] x, Trace f) {
        if (f.decay() == 0) {
            return 0;
        }
        long updates = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0) {
                x[i] = decayed(x[i], f.decay());
                if (x[i] == 0) {
                    live--;
                }
                updates++;
            }
        }
        return updates;
    }

    /** {@code v * (4096 - decay) / 4096}, rounded up with probability equal to the dropped fraction. */
    private int decayed(int v, int decay) {
        long p = (long) v * (Trace.DECAY_ONE - decay);
        int q = (int) (p >> 12);
        long rem = p & 4095;
        if (rem != 0 && roundUp(rem << (FRAC_BITS - 12))) {
            q++;
        }
        return q;
    }

    /** Applies a spike's impulse to {@code x[i]}; returns 1 when the trace has an impulse (a trace update), else 0. */
    private int impulse(int[] x, int i, Trace f) {
        if (f.impulse() == 0) {
            return 0;
        }
        x[i] = impulse(x[i], f);
        return 1;
    }

    private int impulse(int v, Trace f) {
        int next = f.nearest() ? f.impulse() : Math.min(f.max(), v + f.impulse());
        if (v == 0 && next != 0) {
            live++;
        } else if (v != 0 && next == 0) {
            live--;
        }
        return next;
    }

    /** Whether to round a fraction of {@code frac} / 2^24 up: 16 random bits against its top 16 bits. */
    private boolean roundUp(long frac) {
        int r = random.nextRho() << 8 | random.nextRho();
        return r < (frac >>> (FRAC_BITS - 16));
    }

    private static boolean any(long[] bits) {
        for (long b : bits) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    // ---- rules ------------------------------------------------------------------------------

    /** Runs the rules on every plastic synapse; returns the synapses for which a rule computed a non-zero change. */
    private long evaluate() {
        long updated = 0;
        int rules = ruleTarget.length;
        for (int a = 0; a < axons; a++) {
            if (!plastic[a] || everyTermNeedsPre && x1[a] == 0 && x2[a] == 0 && (x0[a >>> 6] >>> (a & 63) & 1) == 0) {
                continue;
            }
            for (int k = rowStart[a]; k < rowStart[a + 1]; k++) {
                int j = post[k];
                if (everyTermNeedsPost && y1[j] == 0 && y2[j] == 0 && y3[j] == 0 && (y0[j >>> 6] >>> (j & 63) & 1) == 0) {
                    continue;
                }
                boolean changed = false;
                int newW = w[k];
                int newTag = tag[k];
                long newD = ring == null ? 0 : ring.delay(k);
                for (int r = 0; r < rules; r++) {
                    long change = ruleChange(r, a, j, k);
                    if (change == NO_CHANGE) {
                        continue;
                    }
                    changed = true;
                    if (ruleTarget[r] == Rule.Target.WEIGHT.ordinal()) {
                        newW = (int) Math.max(wLow, Math.min(wHigh, w[k] + change));
                    } else if (ruleTarget[r] == Rule.Target.TAG.ordinal()) {
                        newTag = (int) Math.max(TAG_MIN, Math.min(TAG_MAX, tag[k] + change));
                    } else {
                        newD = ring.delay(k) + change;   // a dd rule implies the ring (LearningConfig.problem)
                    }
                }
                if (changed) {
                    updated++;
                    tag[k] = newTag;
                    if (ring != null) {
                        ring.setDelay(k, newD);   // clipped to [0, dMax]
                    }
                    setW(a, k, newW);
                }
            }
        }
        return updated;
    }

    private static final long NO_CHANGE = Long.MIN_VALUE;

    /** The rounded change rule {@code r} computes for synapse {@code k} (axon a, neuron j), or NO_CHANGE when every term is 0. */
    private long ruleChange(int r, int a, int j, int k) {
        long whole = 0;
        long fraction = 0;
        boolean any = false;
        for (int t = ruleStart[r]; t < ruleStart[r + 1]; t++) {
            long p = termMant[t];
            for (int f = factorStart[t]; f < factorStart[t + 1] && p != 0; f++) {
                p = mulSat(p, value(factorVar[f], a, j, k) + factorConst[f]);
            }
            if (p == 0) {
                continue;
            }
            any = true;
            int e = termExp[t];
            if (e >= 0) {
                whole = addSat(whole, shlSat(p, e));
            } else {
                long ip = p >> -e;
                whole = addSat(whole, ip);
                fraction += (p - (ip << -e)) << (FRAC_BITS + e);
            }
        }
        if (!any) {
            return NO_CHANGE;
        }
        whole = addSat(whole, fraction >> FRAC_BITS);
        long rest = fraction & ((1L << FRAC_BITS) - 1);
        if (rest != 0 && roundUp(rest)) {
            whole = addSat(whole, 1);
        }
        return whole;
    }

    private long value(int var, int a, int j, int k) {
        return switch (var) {
            case 0 -> x0[a >>> 6] >>> (a & 63) & 1;
            case 1 -> y0[j >>> 6] >>> (j & 63) & 1;
            case 2 -> x1[a];
            case 3 -> x2[a];
            case 4 -> y1[j];
            case 5 -> y2[j];
            case 6 -> y3[j];
            case 7 -> r0 ? 1 : 0;
            case 8 -> r1;
            case 9 -> w[k];
            case 10 -> tag[k];
            case 11 -> ring.delay(k);
            default -> throw new IllegalStateException("variable " + LearnVar.ofCode(var));
        };
    }

    static long mulSat(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi != (lo >> 63)) {
            return (a < 0) != (b < 0) ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
        return Math.max(Long.MIN_VALUE / 2, Math.min(Long.MAX_VALUE / 2, lo));
    }

    private static long shlSat(long p, int e) {
        if (Math.abs(p) > (Long.MAX_VALUE / 2) >> e) {
            return p < 0 ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
        return p << e;
    }

    private static long addSat(long a, long b) {
        return Math.max(Long.MIN_VALUE / 2, Math.min(Long.MAX_VALUE / 2, a + b));
    }

    private void setW(int a, int k, int newW) {
        if (devices != null && newW != w[k]) {
            newW = programDevice(k, newW - w[k]);
        }
        int before = w[k] >> frac;
        w[k] = newW;
        if (newW >> frac != before) {
            inner.setRawWeight(a, k, newW >> frac);
        }
    }

    // ---- memristive synapses ----------------------------------------------------------------------

    /**
     * Puts a memristive device (docs/learning.md, "Memristive synapses") at every synapse of this
     * core, single devices storing the weights ({@link DeviceReadout#STORAGE}).
     */
    public void attachDevice(Device device, long seed) {
        attachDevice(device, DeviceReadout.STORAGE, seed);
    }

    /**
     * Why the column-current read cannot serve a core whose plastic axons are {@code plastic}, with
     * {@code weightExp} giving each axon's type's weight exponent: the plastic axons' types must
     * share one exponent, since one ADC scale reads all their columns. Null when they do (or when
     * no axon is plastic). The one rule {@link #attachDevice(Device, DeviceReadout, long)} applies,
     * and a partitioned run checks on the whole image before any member starts
     * ({@code LearnedWeights.readoutProblem}).
     */
    public static String columnReadProblem(boolean[] plastic, java.util.function.IntUnaryOperator weightExp) {
        int first = -1;
        for (int a = 0; a < plastic.length; a++) {
            if (!plastic[a]) {
                continue;
            }
            if (first < 0) {
                first = a;
            } else if (weightExp.applyAsInt(a) != weightExp.applyAsInt(first)) {
                return "the column-current read needs the plastic axons' types to share one weight exponent: axon "
                        + first + " has " + weightExp.applyAsInt(first) + ", axon " + a + " " + weightExp.applyAsInt(a);
            }
        }
        return null;
    }

    /**
     * Puts a memristive device (docs/learning.md, "Memristive synapses") at every synapse of this
     * core: single devices, each programmed exactly to its synapse's present weight,
     * {@code G = gMin + (W - W_min) / (W_max - W_min) (gMax - gMin)}, or differential pairs with
     * {@code G+ - G- = W / W_scale (gMax - gMin)}, {@code W_scale = max(|W_min|, |W_max|)} (the
     * positive part on G+, the negative on G-, the other device at gMin). From then on a rule's
     * change dw (learning units) becomes {@code round(dw / (W_max - W_min) * levels)} pulses
     * ({@code round(dw / W_scale * levels)} for a pair, push-pull), and the weight becomes what the
     * device then holds, read back as {@code W_min + round((G - gMin) / (gMax - gMin) (W_max - W_min))}
     * ({@code round((G+ - G-) / (gMax - gMin) W_scale)} clipped to the bounds for a pair): non-linear
     * steps and variability change what is learned. Synapses of non-plastic axons keep their digital
     * weights, and {@link #setWeight} writes the digital weight only. With the column-current read the
     * plastic rows reach the neurons as column currents through an ADC of {@code readout.adcBits()}
     * bits instead of as stored weights ({@link #integrate}); the plastic axons' types must then share
     * one weight exponent. Draws come from the crossbar's generator, seeded from {@code seed}
     * ({@link Crossbar#seedFor}).
     *
     * @throws IllegalArgumentException when the readout is out of range, or the column-current read
     *         meets plastic axons whose types have different weight exponents
     */
    public void attachDevice(Device device, DeviceReadout readout, long seed) {
        String problem = readout.problem();
        if (problem != null) {
            throw new IllegalArgumentException("device readout: " + problem);
        }
        boolean pair = readout.pair();
        double span = wHigh - wLow;
        double scale = Math.max(Math.abs(wLow), Math.abs(wHigh));
        double[] init = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            // a synapse of a non-plastic axon is never programmed and keeps its digital weight
            init[k] = pair ? (scale == 0 ? 0 : Math.max(-1, Math.min(1, w[k] / scale)))
                    : span == 0 ? 0 : Math.max(0, Math.min(1, (w[k] - wLow) / span));
        }
        if (readout.current()) {
            String mixed = columnReadProblem(plastic, inner::weightExp);
            if (mixed != null) {
                throw new IllegalArgumentException(mixed);
            }
        }
        int first = -1;
        for (int a = 0; a < axons && first < 0; a++) {
            first = plastic[a] ? a : -1;
        }
        devices = new Crossbar(device, pair, readout.adcBits(), 1, rowStart, post, n, init, seed);
        countedPulses = countedReads = countedWriteFj = countedReadFj = 0;
        this.readout = readout;
        if (!readout.current() || first < 0) {
            plasticBits = null;
            return;
        }
        inputAxon = first;
        offsetRaw = pair ? 0 : config.wMin();
        unitRaw = pair ? Math.max(Math.abs(config.wMin()), Math.abs(config.wMax())) : config.wMax() - config.wMin();
        plasticBits = new long[activeNow.length];
        digitalNow = new long[activeNow.length];
        deviceNow = new long[activeNow.length];
        fanIn = new int[n];
        fullNa = new double[n];
        codes = new int[n];
        devicesRead = new int[n];
        for (int a = 0; a < axons; a++) {
            if (plastic[a]) {
                plasticBits[a >>> 6] |= 1L << (a & 63);
                for (int k = rowStart[a]; k < rowStart[a + 1]; k++) {
                    fanIn[post[k]]++;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            // the column's full scale: every device of it at gMax (a pair: G+ at gMax, G- at gMin)
            fullNa[j] = Math.max(1, fanIn[j]) * device.vRead() * device.rangeNs();
        }
    }

    /** How the core uses its devices ({@link DeviceReadout#STORAGE} when it has none). */
    public DeviceReadout readout() {
        return readout;
    }

    /** The devices, or null. */
    public Crossbar devices() {
        return devices;
    }

    /** Programs synapse k's device by the pulses for change dw; returns the weight it then holds. */
    private int programDevice(int k, int dw) {
        if (readout.pair()) {
            long scale = Math.max(Math.abs((long) wLow), Math.abs((long) wHigh));
            if (scale == 0) {
                return w[k];
            }
            devices.pulse(k, devices.pulsesFor(dw, scale));
            double x = devices.weight(k) * scale;
            long held = x >= 0 ? (long) StrictMath.floor(x + 0.5) : -(long) StrictMath.floor(-x + 0.5);
            return (int) Math.max(wLow, Math.min(wHigh, held));
        }
        long span = (long) wHigh - wLow;
        if (span == 0) {
            return w[k];
        }
        devices.pulse(k, devices.pulsesFor(dw, span));
        return wLow + (int) StrictMath.floor(devices.weight(k) * span + 0.5);
    }

    // ---- reading and writing the learned state ------------------------------------------------

    public LearningConfig config() {
        return config;
    }

    /** Synapses on this core (the image's sparse order). */
    public int synapses() {
        return post.length;
    }

    public int axons() {
        return axons;
    }

    /** The first synapse of axon {@code a}'s row; the row ends at {@code rowStart(a + 1)}. */
    public int rowStart(int a) {
        return rowStart[a];
    }

    public int post(int k) {
        return post[k];
    }

    public boolean plastic(int axon) {
        return plastic[axon];
    }

    /** The learned weight of synapse {@code k} in learning units (raw weight x 2^weightFrac). */
    public int weight(int k) {
        return w[k];
    }

    /** The raw weight synapse {@code k} integrates: {@code floor(weight / 2^weightFrac)}. */
    public int rawWeight(int k) {
        return w[k] >> frac;
    }

    public int tag(int k) {
        return tag[k];
    }

    /** The delay of synapse {@code k} in ticks (0 when the core has no per-synapse delays). */
    public int delay(int k) {
        return ring == null ? 0 : ring.delay(k);
    }

    /** The synapses' present delays with the core's bound, or null when the core has no per-synapse delays. */
    public dev.myelin.isa.learn.Delays delays() {
        return ring == null ? null : ring.snapshot();
    }

    /** Sets the weight of synapse {@code k} on axon {@code a} (learning units, clipped to the bounds). */
    public void setWeight(int a, int k, int weight) {
        if (a < 0 || a >= axons || k < rowStart[a] || k >= rowStart[a + 1]) {
            throw new IllegalArgumentException("synapse " + k + " is not on axon " + a);
        }
        int before = w[k] >> frac;
        w[k] = Math.max(wLow, Math.min(wHigh, weight));
        if (w[k] >> frac != before) {
            inner.setRawWeight(a, k, w[k] >> frac);
        }
    }

    /** Trace {@code name} (x1 x2 of axon {@code i}, y1 y2 y3 of neuron {@code i}, r1 ignoring i). */
    public int trace(String name, int i) {
        return switch (name) {
            case "x1" -> x1[i];
            case "x2" -> x2[i];
            case "y1" -> y1[i];
            case "y2" -> y2[i];
            case "y3" -> y3[i];
            case "r1" -> r1;
            default -> throw new IllegalArgumentException("no trace " + name);
        };
    }
}
