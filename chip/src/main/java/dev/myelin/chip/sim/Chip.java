package dev.myelin.chip.sim;

import dev.myelin.chip.core.AxonDelayBuffer;
import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.Symbol;

import java.util.ArrayList;
import java.util.List;

/**
 * A loaded chip: the library API of the emulator. Load a {@link NetworkImage}, inject spikes
 * on named input ports or raw axons, attach probes and output listeners, then {@link #run} or
 * {@link #step}. Self-contained (no static state); not thread-safe itself (call it from one
 * thread), while it steps cores on its own worker threads.
 *
 * <p>One tick t, in this order (docs/architecture.md, "Chip"):
 * <ol>
 *   <li>inputs injected for tick t enter the cores' delay buffers;</li>
 *   <li>every core, in parallel: read and clear the axons due in t, synaptic integration,
 *       neuron update (leak, threshold, fire, reset), expand fired neurons into packets;
 *       an idle core (no axon due, quiescent neurons) is skipped;</li>
 *   <li>on the engine thread, in core order: output-port spikes, probes;</li>
 *   <li>the {@link SpikeNetwork} routes the packets into the targets' delay buffers
 *       (due t + delay);</li>
 *   <li>the learning hook; then the tick's counters are added to the totals.</li>
 * </ol>
 */
public final class Chip implements AutoCloseable {
    /**
     * Fewest cores with work in a tick for which the worker pool is used; below it the engine
     * thread steps them alone (a speed choice only: results never depend on it). System property
     * {@code myelin.parallelMinBusyCores}.
     */
    static final int PARALLEL_MIN_BUSY_CORES = Integer.getInteger("myelin.parallelMinBusyCores", 8);
    /**
     * Fewest neurons in the tick's busy cores for which the worker pool is used: below it a second
     * thread does not pay (the 4,000-neuron CUBA load on 10 cores runs no faster for more CPU time;
     * docs/architecture.md, "Threading model"). A speed choice only;
     * the tests set it to 0 (system property {@code myelin.parallelMinNeurons}) so that their small
     * chips exercise the workers.
     */
    static final int PARALLEL_MIN_NEURONS = Integer.getInteger("myelin.parallelMinNeurons", 16_384);

    private final NetworkImage image;
    private final ChipLayout layout;
    private final CoreRuntime[] cores;
    /** Each core's delay buffer (its runtime's), for the engine's per-tick pass over the involved cores. */
    private final AxonDelayBuffer[] buffers;
    private static final int OCCUPANCY_SUM = Counter.DELAY_OCCUPANCY_SUM.ordinal();
    private static final int OCCUPANCY_MAX = Counter.DELAY_OCCUPANCY_MAX.ordinal();
    private final WorkerPool pool;
    private final SpikeNetwork network;
    private final Delivery delivery;
    private final TickSpikes emitted;
    private final PendingInputs pending = new PendingInputs();
    private final boolean skipIdle;
    private final CounterSet totals;
    private final CounterSet tickCounts;
    private final OutputRecorder outputs;
    private final List<Probe> probes = new ArrayList<>();
    private LearningHook learning = LearningHook.NONE;
    private long tick;
    /** With idle skipping: the cores each tick involves (the others are dormant and cost nothing). */
    private final CoreActivity activity;
    private final int[] involved;
    /** Cores involved in the last tick ({@link #lastTickCores}): the first entries of {@link #involved}. */
    private int involvedCount;
    /** Per involved core of this tick: {@link #QUIESCENT} and {@link #PORT_SPIKES} after its step. */
    private final byte[] afterStep;
    private static final int QUIESCENT = 1;
    private static final int PORT_SPIKES = 2;
    /** {@link #stepCores} as the workers' task (a field: a tick allocates no task). */
    private final WorkerPool.RangeTask stepCores = this::stepCores;
    /** Steps core c in {@link #running} without idle skipping (a field: a tick allocates no task). */
    private final java.util.function.IntConsumer stepAll;
    /** The tick being run, for {@link #stepCores} and {@link #stepAll}. */
    private long running;
    /** Whether this tick's cores have been stepped (a core involved later is stepped as idle at once). */
    private boolean coresStepped;
    /** Times each phase of a tick when installed ({@link #setPhaseClock}), else null. */
    private PhaseClock phases;

    private Chip(NetworkImage image, ChipOptions options) {
        this.image = image;
        this.layout = new ChipLayout(image);
        this.cores = new ImageLinker(image, layout).link(options.seed(), options.random());
        this.buffers = new AxonDelayBuffer[cores.length];
        for (int c = 0; c < cores.length; c++) {
            buffers[c] = cores[c].delay;
        }
        this.totals = new CounterSet(cores.length);
        this.tickCounts = new CounterSet(cores.length);
        this.skipIdle = options.skipIdle();
        this.activity = skipIdle ? new CoreActivity(cores, tickCounts, totals) : null;
        this.involved = new int[cores.length];
        this.afterStep = new byte[cores.length];
        this.stepAll = c -> cores[c].step(running, tickCounts, false);
        this.pool = new WorkerPool(options.threads());
        this.delivery = new Delivery(cores, image.arch().latePolicy(), this::touch, activity, pool);
        this.emitted = new TickSpikes(cores, tickCounts, activity, pool);
        this.outputs = new OutputRecorder(image.outputs().stream().map(Port::name).toArray(String[]::new));
        this.network = options.network().create(layout);
    }

    /**
     * Loads an image.
     *
     * @throws MyelinInputException when the image does not fit its architecture's datapath or refers to
     *                              cores, axons or neurons it does not hold
     */
    public static Chip load(NetworkImage image, ChipOptions options) {
        return new Chip(image, options);
    }

    public ChipLayout layout() {
        return layout;
    }

    public NetworkImage image() {
        return image;
    }

    /**
     * Times each tick's phases on {@code clock} from now on (null: no longer). The caller starts the
     * clock; the chip laps {@link PhaseClock.Phase#INPUTS} to {@link PhaseClock.Phase#TICK_END} in
     * each tick, the caller's own work after a tick goes into the next lap it takes.
     */
    public void setPhaseClock(PhaseClock clock) {
        this.phases = clock;
        delivery.setPhaseClock(clock);
    }

    /** The next tick to run (ticks already run). */
    public long tick() {
        return tick;
    }

    // ---- inputs ----------------------------------------------------------------------

    /** Makes line {@code line} of input port {@code port} active in tick {@code tick}. */
    public void inject(String port, int line, long tick) {
        PortEntry e = entry(image.inputs(), "input", port, line);
        injectRaw(layout.indexOf(e.core()), e.index(), tick);
    }

    /** Makes axon {@code axon} of core {@code core} active in tick {@code tick}. */
    public void injectRaw(CoreId core, int axon, long tick) {
        int c = layout.indexOf(core);
        if (c < 0) {
            throw new MyelinInputException("inject: core " + core + " is not in the image");
        }
        injectRaw(c, axon, tick);
    }

    /** As {@link #injectRaw(CoreId, int, long)} with the core's layout index. */
    public void injectRaw(int core, int axon, long tick) {
        if (core < 0 || core >= cores.length) {
            throw new MyelinInputException("inject: core index " + core + " is out of range [0, "
                    + (cores.length - 1) + "]");
        }
        if (axon < 0 || axon >= layout.axons(core)) {
            throw new MyelinInputException("inject: axon = " + axon + " is out of range [0, "
                    + (layout.axons(core) - 1) + "] of core " + layout.core(core));
        }
        if (tick < this.tick) {
            throw new MyelinInputException("inject: tick " + tick + " has already run (next tick is "
                    + this.tick + ")");
        }
        pending.add(tick, core, axon);
    }

    // ---- outputs, probes, hooks -----------------------------------------------------------

    public void addOutputListener(OutputListener listener) {
        outputs.addListener(listener);
    }

    /** Whether output spikes are kept for {@link #outputSpikes()} (default on). */
    public void collectOutputs(boolean on) {
        outputs.setCollect(on);
    }

    /** Output-port spikes collected so far, in tick, core, neuron order. */
    public List<OutputSpike> outputSpikes() {
        return outputs.spikes();
    }

    /** Records V (and U) of element {@code index} of a population after every tick from now on. */
    public Probe probe(String population, int index) {
        Symbol s = image.symbols().stream().filter(x -> x.population().equals(population)).findFirst()
                .orElseThrow(() -> new MyelinInputException("probe: no population named '" + population + "'"));
        for (Symbol.Range r : s.ranges()) {
            if (index >= r.popStart() && index < r.popStart() + r.count()) {
                return attach(population + "[" + index + "]", r.core(), r.neuronStart() + index - r.popStart());
            }
        }
        if (index >= 0 && index < s.size()) {
            throw new MyelinInputException("probe: index " + index + " of population '" + population
                    + "' is not placed on any neuron (the symbol table places " + placed(s) + ")");
        }
        throw new MyelinInputException("probe: index " + index + " is out of range [0, " + (s.size() - 1)
                + "] of population '" + population + "'");
    }

    /** The population indices a symbol places, as ranges: {@code 0..3, 8..9}, or {@code none}. */
    private static String placed(Symbol s) {
        List<String> parts = new ArrayList<>();
        for (Symbol.Range r : s.ranges()) {
            parts.add(r.popStart() + ".." + ((long) r.popStart() + r.count() - 1));
            if (parts.size() == 8) {
                parts.add("...");
                break;
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** Records V (and U) of neuron {@code neuron} of core {@code core} after every tick from now on. */
    public Probe probeRaw(CoreId core, int neuron) {
        return attach("core" + core + "." + neuron, core, neuron);
    }

    private Probe attach(String label, CoreId core, int neuron) {
        int c = layout.indexOf(core);
        if (c < 0) {
            throw new MyelinInputException("probe " + label + ": core " + core + " is not in the image");
        }
        if (neuron < 0 || neuron >= layout.neurons(c)) {
            throw new MyelinInputException("probe " + label + ": neuron = " + neuron + " is out of range [0, "
                    + (layout.neurons(c) - 1) + "] of core " + core);
        }
        Probe p = new Probe(label, c, core, neuron, tick);
        probes.add(p);
        return p;
    }

    public void setLearningHook(LearningHook hook) {
        this.learning = hook == null ? LearningHook.NONE : hook;
    }

    // ---- state ----------------------------------------------------------------------------

    /** Counters of all ticks run so far, per core (live: keeps growing as the chip runs). */
    public CounterSet counters() {
        return totals;
    }

    /** Counters of the last tick alone (the timing model's per-tick input). */
    public CounterSet lastTickCounters() {
        return tickCounts;
    }

    /** V of neuron {@code neuron} of core index {@code core} after the last tick. */
    public int v(int core, int neuron) {
        return cores[core].neurons.v(neuron);
    }

    /** U of neuron {@code neuron} of core index {@code core} after the last tick (0 for TrueNorth). */
    public int u(int core, int neuron) {
        return cores[core].neurons.u(neuron);
    }

    /** The learning engine of core index {@code core}, or null when the core does not learn. */
    public dev.myelin.chip.learn.LearningCore learning(int core) {
        return cores[core].neurons instanceof dev.myelin.chip.learn.LearningCore l ? l : null;
    }

    /** Neurons of core index {@code core} that fired in the last tick. */
    public int firedCount(int core) {
        return cores[core].firedCount;
    }

    /** The {@code k}-th neuron (ascending) of core index {@code core} that fired in the last tick. */
    public int fired(int core, int k) {
        if (k < 0 || k >= cores[core].firedCount) {
            throw new IndexOutOfBoundsException("fired " + k + " of " + cores[core].firedCount);
        }
        return cores[core].fired[k];
    }

    /**
     * The cores the last tick involved, ascending: only their rows of {@link #lastTickCounters()}
     * were rebuilt, only they can have fired, sent or received. Every other core's row repeats its
     * row of the tick before (a dormant core: it did exactly what it did then). Without idle
     * skipping, every core. Returns how many; {@link #lastTickCore} names them.
     */
    public int lastTickCores() {
        return involvedCount;
    }

    /** The {@code i}-th core (ascending) the last tick involved, {@code 0 <= i < lastTickCores()}. */
    public int lastTickCore(int i) {
        if (i < 0 || i >= involvedCount) {
            throw new IndexOutOfBoundsException("involved core " + i + " of " + involvedCount);
        }
        return involved[i];
    }

    // ---- running ----------------------------------------------------------------------------

    /** Runs {@code ticks} ticks. */
    public void run(long ticks) {
        for (long i = 0; i < ticks; i++) {
            step();
        }
    }

    /** Runs one tick (see the class comment for its phases). */
    public void step() {
        if (skipIdle) {
            stepInvolved();
            return;
        }
        long t = tick;
        tickCounts.clear();
        drainInputs(t);
        running = t;
        lap(PhaseClock.Phase.INPUTS);
        if (pool.threads() > 1 && enoughWork(t)) {
            pool.forEach(cores.length, stepAll);
        } else {
            // few cores have work: waking the workers (tens of microseconds) would cost more than it saves
            for (CoreRuntime core : cores) {
                core.step(t, tickCounts, skipIdle);
            }
        }
        for (CoreRuntime core : cores) {
            recordPorts(core, t);
        }
        probeAndRoute(t);
        for (CoreRuntime core : cores) {
            int held = core.delay.occupancy();
            tickCounts.add(core.index, Counter.DELAY_OCCUPANCY_SUM, held);
            tickCounts.add(core.index, Counter.DELAY_OCCUPANCY_MAX, held);
        }
        learning.afterTick(t, this);
        totals.accumulate(tickCounts);
        involvedCount = cores.length;
        for (int c = 0; c < cores.length; c++) {
            involved[c] = c;
        }
        tick = t + 1;
        lap(PhaseClock.Phase.TICK_END);
    }

    private void lap(PhaseClock.Phase p) {
        if (phases != null) {
            phases.lap(p);
        }
    }

    /** Phase 3 for one stepped core: its output-port spikes, in the order it fired them. */
    private void recordPorts(CoreRuntime core, long t) {
        for (int s = 0; s < core.portSpikes; s++) {
            outputs.record(core.portOfSpike[s], core.lineOfSpike[s], t);
        }
    }

    /**
     * Phases 3 and 4 after the cores: probes read, then the network routes the tick's packets
     * (with a {@link PhaseClock}: the cores' phase ends after the probes, routing and delivery
     * at the delivery's first flush, timing when the network returns).
     */
    private void probeAndRoute(long t) {
        for (Probe p : probes) {
            p.record(cores[p.core()].neurons.v(p.neuron()), cores[p.core()].neurons.u(p.neuron()));
        }
        lap(PhaseClock.Phase.CORES);
        delivery.begin(t, tickCounts);
        network.route(t, emitted, delivery);
        delivery.flush();
        lap(PhaseClock.Phase.TIMING);
    }

    /**
     * Whether tick t has enough work for the workers: at least {@link #PARALLEL_MIN_BUSY_CORES}
     * cores with work (all cores when idle skipping is off) holding at least
     * {@link #PARALLEL_MIN_NEURONS} neurons; the scan stops once both are reached.
     */
    private boolean enoughWork(long t) {
        int busy = 0;
        long neurons = 0;
        for (int c = 0; c < cores.length && (busy < PARALLEL_MIN_BUSY_CORES || neurons < PARALLEL_MIN_NEURONS); c++) {
            if (!skipIdle || cores[c].busy(t)) {
                busy++;
                neurons += cores[c].neurons.neurons();
            }
        }
        return busy >= PARALLEL_MIN_BUSY_CORES && neurons >= PARALLEL_MIN_NEURONS;
    }

    /** Whether the n involved cores of this tick hold enough neurons for the workers ({@link #enoughWork}). */
    private boolean enoughWork(int n) {
        if (n < PARALLEL_MIN_BUSY_CORES) {
            return false;
        }
        long neurons = 0;
        for (int i = 0; i < n && neurons < PARALLEL_MIN_NEURONS; i++) {
            neurons += cores[involved[i]].neurons.neurons();
        }
        return neurons >= PARALLEL_MIN_NEURONS;
    }

    /**
     * {@link #step} with idle skipping, over the cores the tick involves ({@link CoreActivity}):
     * those with an arrival or work in this tick or the previous one. Dormant cores are not
     * visited; their counts are what they counted in the previous tick, added lazily.
     */
    private void stepInvolved() {
        long t = tick;
        activity.begin(t);
        coresStepped = false;
        drainInputs(t);
        activity.touchBusy();
        int n = activity.involvedCores(involved);
        running = t;
        lap(PhaseClock.Phase.INPUTS);
        boolean parallel = pool.threads() > 1 && enoughWork(n);
        if (parallel) {
            pool.forEachRange(n, stepCores);
        } else {
            stepCores(0, n);
        }
        coresStepped = true;
        for (int i = 0; i < n; i++) {
            int c = involved[i];
            int after = afterStep[i];
            activity.stepped(c, (after & QUIESCENT) != 0);
            if ((after & PORT_SPIKES) != 0) {
                recordPorts(cores[c], t);
            }
        }
        probeAndRoute(t);
        n = activity.involvedCores(involved);
        countOccupancy(n);
        learning.afterTick(t, this);
        activity.end(involved, n);
        involvedCount = n;
        tick = t + 1;
        lap(PhaseClock.Phase.TICK_END);
    }

    /**
     * Steps involved cores [from, to) in {@link #running} and notes in {@link #afterStep} what the
     * engine thread needs of each afterwards, so that its loop over the stepped cores reads one
     * byte per core instead of each core's objects.
     */
    private void stepCores(int from, int to) {
        long t = running;
        for (int i = from; i < to; i++) {
            CoreRuntime core = cores[involved[i]];
            core.step(t, tickCounts, true);
            afterStep[i] = (byte) ((core.neurons.quiescent() ? QUIESCENT : 0) | (core.portSpikes > 0 ? PORT_SPIKES : 0));
        }
    }

    /**
     * The first n involved cores' delay occupancy after routing, into their rows of the tick's
     * counters: the buffers read from a flat array and the rows written in place (a pass over
     * every involved core on the engine thread each tick).
     */
    private void countOccupancy(int n) {
        long[] values = tickCounts.values();
        for (int i = 0; i < n; i++) {
            int c = involved[i];
            int held = buffers[c].occupancy();
            int base = c * CounterSet.WIDTH;
            values[base + OCCUPANCY_SUM] += held;
            values[base + OCCUPANCY_MAX] = Math.max(values[base + OCCUPANCY_MAX], held);
        }
    }

    /** Core {@code c} gets an arrival in this tick; with idle skipping, one involved only now is stepped (idle) at once. */
    private void touch(int c) {
        if (activity != null && activity.touch(c) && coresStepped) {
            cores[c].step(tick, tickCounts, true);
        }
    }

    private void drainInputs(long t) {
        while (pending.hasDue(t)) {
            int c = pending.headCore();
            touch(c);
            tickCounts.add(c, Counter.SPIKES_IN, 1);
            tickCounts.add(c, Counter.SPIKES_INJECTED, 1);
            if (!cores[c].delay.mark(pending.headAxon(), t)) {
                tickCounts.add(c, Counter.SPIKES_MERGED, 1);
            } else {
                if (activity != null) {
                    activity.due(c, t);
                }
                tickCounts.add(c, Counter.SYNAPTIC_EVENTS_ROUTED, cores[c].rowSynapses(pending.headAxon()));
            }
            pending.removeHead();
        }
    }

    private static PortEntry entry(List<Port> ports, String kind, String name, int line) {
        for (Port p : ports) {
            if (p.name().equals(name)) {
                if (line < 0 || line >= p.entries().size()) {
                    throw new MyelinInputException(kind + " port '" + name + "': line " + line
                            + " is out of range [0, " + (p.entries().size() - 1) + "]");
                }
                return p.entries().get(line);
            }
        }
        throw new MyelinInputException("no " + kind + " port named '" + name + "'");
    }

    /** Stops the worker threads. */
    @Override
    public void close() {
        pool.close();
    }
}
