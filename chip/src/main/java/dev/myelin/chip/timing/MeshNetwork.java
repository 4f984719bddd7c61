package dev.myelin.chip.timing;

import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.noc.Mesh;
import dev.myelin.chip.noc.MeshConfig;
import dev.myelin.chip.noc.TrafficStats;
import dev.myelin.chip.noc.UncontendedTally;
import dev.myelin.chip.sim.ChipLayout;
import dev.myelin.chip.sim.ChipLinks;
import dev.myelin.chip.sim.DeliverySink;
import dev.myelin.chip.sim.EmittedSpikes;
import dev.myelin.chip.sim.SpikeNetwork;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.LatePolicy;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.CoreId;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The mesh as the chip's {@link SpikeNetwork}, and the per-tick timing model.
 *
 * <p>Each tick the spikes the cores emitted become messages, one per (firing neuron, destination
 * core); a message carries all of that neuron's spikes for that core. In {@link TimingMode#CYCLE}
 * core {@code c}'s j-th message (j = 1, 2, ...) is created when the core has integrated, updated
 * its neurons and sent j messages ({@code integration + soma + j x spikeOutNs}, rounded up to whole
 * cycles), then the mesh is run cycle by cycle until it drains. A spike due in tick
 * {@code t + delay} whose message arrives {@code a} ns after the start of tick t arrives during
 * tick {@code t + floor(a / tickPeriod)}; in or after its due tick it is late, and the engine's
 * sink applies the late policy (both counted). In {@link TimingMode#SIMPLE} nothing is simulated:
 * spikes arrive on time and messages are counted as crossing an empty mesh.
 *
 * <p>Runs on the engine thread after every core was stepped, reading spikes in core then neuron
 * order, so results never depend on the engine's thread count; optionally a large tick in simple
 * timing is walked on the engine's workers in contiguous runs of sending cores whose counts are merged in
 * core order ({@link #routeParallel}), with the same result.
 */
public final class MeshNetwork implements SpikeNetwork {
    /** Drain limit per tick, cycles: an XY mesh always drains, so hitting it is a broken invariant. */
    static final long DRAIN_LIMIT_CYCLES = 1L << 30;
    /** Latest creation cycle of a message within a tick (keeps cycle counts well inside an int). */
    static final int MAX_TICK_CYCLES = 1 << 29;

    /** Makes the network for a chip and keeps it so the caller can read its timing and traffic. */
    public static final class Factory implements SpikeNetwork.Factory {
        private final TimingMode mode;
        private MeshNetwork created;

        private Factory(TimingMode mode) {
            this.mode = mode;
        }

        @Override
        public SpikeNetwork create(ChipLayout layout) {
            created = new MeshNetwork(layout, mode);
            return created;
        }

        /** The network of the chip loaded last with this factory. */
        public MeshNetwork network() {
            if (created == null) {
                throw new IllegalStateException("no chip was loaded with this network factory yet");
            }
            return created;
        }
    }

    public static Factory factory(TimingMode mode) {
        return new Factory(mode);
    }

    private final ChipLayout layout;
    private final TimingMode mode;
    private final Mesh mesh;
    private final CoreTimes times;
    private final LatePolicy latePolicy;
    /** Chip-to-chip links of a board in {@link TimingMode#SIMPLE} (null otherwise): crossing spikes come off them the tick before they are due. */
    private final ChipLinks links;
    private final int delaySlots;
    private final double cycleNs;
    private final double periodNs;
    private final double syncNs;
    /** Layout core index to modelled mesh core index ({@link MeshConfig#core}). */
    private final int[] meshCore;
    private final int[] sent;
    /**
     * Per layout core: its router's mesh coordinates packed as {@code y << 16 | x} (one load per
     * message target), as {@link UncontendedTally#recordRoute} takes them; their differences are
     * those of the cores' ids (the mesh is a window of the board's routers).
     */
    private final int[] place;
    /** The mesh's own tally ({@link Mesh#tally}). */
    private final UncontendedTally tally;
    /** Per layout core: hops of every message it sent over the run. */
    private final long[] hopsSentEW;
    private final long[] hopsSentNS;
    private final int[] received;
    private final double[] receiveDoneNs;
    /** Cores with a non-zero sent or received count this tick (cleared at the next tick's start). */
    private final int[] countedCores;
    private int counted;
    /** Cores that may have sent this tick ({@link EmittedSpikes#nextSender}), ascending, and the previous tick's. */
    private int[] senders;
    private int sendersCount;
    private int[] previousSenders;
    private int previousSendersCount = -1;
    private final int[] stamp;
    private final int[] messageOfStamp;
    private final int[] path;
    private int stampGeneration;
    private int[] messageTarget = new int[64];
    private int[] messageArrival = new int[64];
    private int[] packetMessage = new int[64];
    /** {@link #routePlanned} on one chip: the tick's deliveries. */
    private final Deliveries block = new Deliveries();
    /**
     * Simple timing: the current source core's messages per target core (layout indices), and
     * the targets it has so far, recorded with the mesh once per (source, target) pair.
     */
    private final int[] pairCount;
    private final int[] pairTargets;
    private int pairTargetCount;
    /**
     * Whether simple timing takes the spikes' message plan when they have one ({@link #routePlanned});
     * off only in tests that compare it with finding the messages from the packets.
     */
    static boolean planned = true;
    /**
     * Fewest packets in a tick for which simple timing routes over the message plan on the
     * engine's workers ({@link #routeParallel}); a speed choice only (the result is the same).
     * Off by default ({@code Integer.MAX_VALUE}: on two processors the full TrueNorth chip ran
     * no faster for it); system property {@code myelin.parallelRouteMinPackets} (e.g. 4096) turns
     * it on; tests lower it.
     */
    static final int PARALLEL_MIN_PACKETS = Integer.getInteger("myelin.parallelRouteMinPackets", Integer.MAX_VALUE);
    /** {@link #PARALLEL_MIN_PACKETS}, changed only by tests that compare the parallel and serial routing. */
    static int parallelMinPackets = PARALLEL_MIN_PACKETS;
    /** {@link #routeParallel}: the sending cores with packets, ascending, and the packets before each. */
    private final int[] routeSenders;
    private final int[] packetsBefore;
    /** {@link #routeParallel}: the parts' own counts, and a stamp per core of the tick it was listed in. */
    private RoutePart[] parts = new RoutePart[0];
    private final int[] listed;
    private int listGeneration;
    private long routeTick;
    private EmittedSpikes routeSpikes;
    private final java.util.function.IntConsumer routePart = this::routePart;
    /** Ticks routed by {@link #routeParallel} (read by tests that check the path is taken). */
    private long parallelTicks;
    private final TrafficStats totals;
    private final TimingSummary summary;
    private final TickClock clock = new TickClock();
    private final List<Consumer<TickTiming>> listeners = new ArrayList<>();
    private TickTiming last;
    private boolean tickStatsDirty = true;

    MeshNetwork(ChipLayout layout, TimingMode mode) {
        this.layout = layout;
        this.mode = mode;
        Architecture a = layout.arch();
        MeshConfig cfg = MeshConfig.region(layout.image());
        this.mesh = new Mesh(cfg);
        this.times = new CoreTimes(a);
        this.latePolicy = a.latePolicy();
        this.links = mode == TimingMode.SIMPLE ? ChipLinks.of(layout) : null;
        this.delaySlots = a.delaySlots();
        this.cycleNs = a.cycleNs();
        this.periodNs = new ChipClock(a).deadlineNs();
        int cores = layout.cores();
        meshCore = new int[cores];
        boolean[] routerUsed = new boolean[cfg.routers()];
        int routersInUse = 0;
        for (int c = 0; c < cores; c++) {
            CoreId id = layout.core(c);
            int router = cfg.router(id.x(), id.y());
            meshCore[c] = cfg.core(id);
            if (!routerUsed[router]) {
                routerUsed[router] = true;
                routersInUse++;
            }
        }
        this.syncNs = a.barrierNs(routersInUse);
        sent = new int[cores];
        hopsSentEW = new long[cores];
        hopsSentNS = new long[cores];
        place = new int[cores];
        if (cfg.width() > 0xFFFF || cfg.height() > 0x7FFF) {
            throw new IllegalArgumentException("mesh of " + cfg.width() + " x " + cfg.height() + " routers is too large");
        }
        for (int c = 0; c < cores; c++) {
            int router = meshCore[c] / cfg.coresPerRouter();
            place[c] = (router / cfg.width()) << 16 | router % cfg.width();
        }
        tally = mesh.tally();
        received = new int[cores];
        receiveDoneNs = new double[cores];
        countedCores = new int[cores];
        senders = new int[cores];
        previousSenders = new int[cores];
        stamp = new int[cores];
        messageOfStamp = new int[cores];
        pairCount = new int[cores];
        pairTargets = new int[cores];
        routeSenders = new int[cores];
        packetsBefore = new int[cores + 1];
        listed = new int[cores];
        path = new int[cfg.width() + cfg.height()];
        totals = new TrafficStats(cfg.routers(), cfg.cores());
        summary = new TimingSummary(periodNs);
        mesh.setSink(this::arrived);
    }

    public TimingMode mode() { return mode; }
    /** The router model (its configuration, link names, and this tick's counters in {@code stats()}). */
    public Mesh mesh() { return mesh; }
    /** Traffic counters over every tick routed so far. */
    public TrafficStats traffic() { return totals; }
    /** Traffic counters of the last tick alone. */
    public TrafficStats lastTickTraffic() { return mesh.stats(); }
    /** The last tick's timing, or null before the first tick. */
    public TickTiming lastTick() { return last; }
    public TimingSummary summary() { return summary; }
    /** Mesh core index of layout core {@code c}: the index used by {@link TrafficStats}' per-core counters. */
    public int meshCore(int c) { return meshCore[c]; }

    // ---- the last tick's messages per core: counted here alone, where packets become messages ----

    /** Cores (layout indices) that sent or received a message in the last tick; {@link #messageCore} names them. */
    public int messageCores() { return counted; }
    /** The {@code i}-th core that sent or received a message in the last tick, {@code 0 <= i < messageCores()}. */
    public int messageCore(int i) { return countedCores[i]; }
    /** Messages layout core {@code c} sent in the last tick (0-hop ones included). */
    public int messagesOut(int c) { return sent[c]; }
    /** Hops (XY, |dx| + |dy| routers) of the messages layout core {@code c} sent over every tick routed so far. */
    public long hopsSent(int c) { return hopsSentEW[c] + hopsSentNS[c]; }
    /** The east-west (|dx|) part of {@link #hopsSent}. */
    public long hopsSentEastWest(int c) { return hopsSentEW[c]; }
    /** The north-south (|dy|) part of {@link #hopsSent}. */
    public long hopsSentNorthSouth(int c) { return hopsSentNS[c]; }
    /** Messages layout core {@code c} received in the last tick (0-hop ones included). */
    public int messagesIn(int c) { return received[c]; }

    /** Called with every tick's timing, on the engine thread, in tick order. */
    public void addTickListener(Consumer<TickTiming> listener) {
        listeners.add(listener);
    }

    @Override
    public void route(long tick, EmittedSpikes spikes, DeliverySink sink) {
        if (tickStatsDirty) {
            mesh.stats().reset();
            tickStatsDirty = false;
        }
        for (int i = 0; i < counted; i++) {
            int c = countedCores[i];
            sent[c] = 0;
            received[c] = 0;
            receiveDoneNs[c] = 0.0;
        }
        counted = 0;
        CounterSet k = spikes.tickCounters();
        mesh.rewind();
        int messages;
        if (mode == TimingMode.SIMPLE && planned && spikes.plansMessages()) {
            messages = links == null && spikes.workers() > 1 && parallelMinPackets < Integer.MAX_VALUE
                    ? routeParallel(tick, spikes, sink) : -1;
            if (messages < 0) {
                messages = routePlanned(tick, spikes, sink);
            }
        } else {
            messages = buildMessages(spikes, k);
            if (mode == TimingMode.CYCLE && messages > 0) {
                mesh.runUntilDrained(DRAIN_LIMIT_CYCLES);
            }
            deliver(tick, spikes, sink);
        }
        sink.flush();
        listSenders(spikes);
        last = clock.time(this, tick, k, messages);
        summary.add(last);
        if (messages > 0) {
            totals.add(mesh.stats());
            tickStatsDirty = true;
        }
        for (Consumer<TickTiming> l : listeners) {
            l.accept(last);
        }
    }

    /**
     * Simple timing over the spikes' message plan, in one pass per sending core: each fired
     * neuron's messages (its distinct target cores, found at load) are counted per core and per
     * (source, target) pair, the pairs handed to the mesh, then the core's packets to the sink.
     * On a core whose packets are each a message of their own, one walk of the packets does both.
     * The counts, their order and the deliveries are those of {@link #buildMessages} then
     * {@link #deliver}, without finding each packet's message.
     */
    private int routePlanned(long tick, EmittedSpikes spikes, DeliverySink sink) {
        int messages = 0;
        for (int c = spikes.nextSender(0); c < spikes.cores(); c = spikes.nextSender(c + 1)) {
            int n = spikes.packets(c);
            if (n == 0) {
                continue;
            }
            if (spikes.messagePerPacket(c)) {
                // each packet is a message: counted and delivered in one walk
                if (sent[c] == 0 && received[c] == 0) {
                    countedCores[counted++] = c;
                }
                sent[c] += n;
                messages += n;
                if (links == null && 4 * n <= spikes.cores()) {
                    routeEach(tick, spikes, c, n);
                    continue;
                }
                if (links == null) {
                    for (int i = 0; i < n; i++) {
                        int target = spikes.targetCore(c, i);
                        if (pairCount[target]++ == 0) {
                            pairTargets[pairTargetCount++] = target;
                        }
                    }
                    block.addPackets(spikes, c, n, tick);
                } else {
                    for (int i = 0; i < n; i++) {
                        int target = spikes.targetCore(c, i);
                        if (pairCount[target]++ == 0) {
                            pairTargets[pairTargetCount++] = target;
                        }
                        int axon = spikes.targetAxon(c, i);
                        int delay = spikes.delay(c, i);
                        if (!links.hold(c, target, axon, tick, delay)) {
                            sink.deliver(target, axon, tick + delay);
                        }
                    }
                }
                recordPairsReceived(c);
                continue;
            }
            for (int i = 0, f = spikes.firedNeurons(c); i < f; i++) {
                int j = spikes.firedNeuron(c, i);
                int d = spikes.messages(c, j);
                if (d == 0) {
                    continue;
                }
                if (sent[c] == 0 && received[c] == 0) {
                    countedCores[counted++] = c;
                }
                sent[c] += d;
                messages += d;
                for (int m = 0; m < d; m++) {
                    int target = spikes.messageCore(c, j, m);
                    if (pairCount[target]++ == 0) {
                        pairTargets[pairTargetCount++] = target;
                    }
                }
            }
            recordPairsReceived(c);
            if (links == null) {
                block.addPackets(spikes, c, n, tick);
                continue;
            }
            for (int i = 0; i < n; i++) {
                int target = spikes.targetCore(c, i);
                int axon = spikes.targetAxon(c, i);
                int delay = spikes.delay(c, i);
                if (!links.hold(c, target, axon, tick, delay)) {
                    sink.deliver(target, axon, tick + delay);
                }
            }
        }
        if (links != null) {
            links.release(tick + 1, sink);
        } else {
            block.handTo(sink);
        }
        return messages;
    }

    /**
     * {@link #routePlanned} on the engine's workers, for a tick of at least
     * {@link #parallelMinPackets} packets on one chip (returns -1, having done nothing, for a
     * smaller one). The sending cores are split into as many contiguous runs as there are
     * threads, of about equal packets; each part walks its run as {@link #routePlanned} does,
     * writing the sent counts and hops of its own senders and counting what its packets reach
     * (received counts, the cores in the order it first counted them, the mesh's counts of its
     * (source, target) pairs in an {@link UncontendedTally} of its own, the deliveries) into its
     * own {@link RoutePart}. The engine thread then takes the parts in order: the cores a part
     * listed first that no earlier part listed join the counted cores, its received counts are
     * added, its tally added to the mesh's (every mesh counter is a sum: O(rows and columns
     * used), not per pair) and its deliveries handed to the sink as one block. The parts' runs
     * follow one another in core order, so the list, the sums, the mesh's counters and the
     * delivery queue are those of the one walk, whatever the number of threads.
     */
    private int routeParallel(long tick, EmittedSpikes spikes, DeliverySink sink) {
        int senders = 0;
        int packets = 0;
        for (int c = spikes.nextSender(0); c < spikes.cores(); c = spikes.nextSender(c + 1)) {
            int n = spikes.packets(c);
            if (n > 0) {
                packetsBefore[senders] = packets;
                routeSenders[senders++] = c;
                packets += n;
            }
        }
        if (packets < parallelMinPackets || senders < 2) {
            return -1;
        }
        packetsBefore[senders] = packets;
        int threads = Math.min(spikes.workers(), senders);
        if (parts.length < threads) {
            RoutePart[] grown = java.util.Arrays.copyOf(parts, threads);
            for (int p = parts.length; p < threads; p++) {
                grown[p] = new RoutePart(layout.cores(), mesh.newTally());
            }
            parts = grown;
        }
        // part p takes the senders from the first whose packets before it reach p / threads of all
        for (int p = 0, s = 0; p < threads; p++) {
            long share = (long) packets * p / threads;
            while (s < senders && packetsBefore[s] < share) {
                s++;
            }
            parts[p].from = p == 0 ? 0 : s;
        }
        for (int p = 0; p < threads; p++) {
            parts[p].to = p + 1 < threads ? parts[p + 1].from : senders;
        }
        parallelTicks++;
        routeTick = tick;
        routeSpikes = spikes;
        spikes.forEachPart(threads, routePart);
        routeSpikes = null;
        if (++listGeneration == Integer.MAX_VALUE) {
            Arrays.fill(listed, 0);
            listGeneration = 1;
        }
        int messages = 0;
        for (int p = 0; p < threads; p++) {
            RoutePart w = parts[p];
            messages += w.messages;
            int[] recv = w.received;
            for (int i = 0; i < w.firstCount; i++) {
                int x = w.first[i];
                if (listed[x] != listGeneration) {
                    listed[x] = listGeneration;
                    countedCores[counted++] = x;
                }
                received[x] += recv[x];
                recv[x] = 0;
            }
            mesh.addUncontended(w.tally);
            w.deliveries.handTo(sink);
        }
        return messages;
    }

    /** Part {@code p} of {@link #routeParallel}, on one of the engine's threads. */
    private void routePart(int p) {
        RoutePart w = parts[p];
        EmittedSpikes spikes = routeSpikes;
        long tick = routeTick;
        w.begin();
        int messages = 0;
        int[] pairCount = w.pairCount;
        int[] pairTargets = w.pairTargets;
        for (int s = w.from; s < w.to; s++) {
            int c = routeSenders[s];
            int n = spikes.packets(c);
            if (spikes.messagePerPacket(c)) {
                w.list(c);
                sent[c] += n;
                messages += n;
                for (int i = 0; i < n; i++) {
                    int target = spikes.targetCore(c, i);
                    if (pairCount[target]++ == 0) {
                        pairTargets[w.pairTargetCount++] = target;
                    }
                }
                w.deliveries.addPackets(spikes, c, n, tick);
                recordPairs(w, c);
                continue;
            }
            for (int i = 0, f = spikes.firedNeurons(c); i < f; i++) {
                int j = spikes.firedNeuron(c, i);
                int d = spikes.messages(c, j);
                if (d == 0) {
                    continue;
                }
                w.list(c);
                sent[c] += d;
                messages += d;
                for (int m = 0; m < d; m++) {
                    int target = spikes.messageCore(c, j, m);
                    if (pairCount[target]++ == 0) {
                        pairTargets[w.pairTargetCount++] = target;
                    }
                }
            }
            recordPairs(w, c);
            w.deliveries.addPackets(spikes, c, n, tick);
        }
        w.messages = messages;
    }

    /**
     * {@link #recordPairsReceived} into part {@code w}: its received counts and first-counted
     * list, and its own mesh tally (added to the mesh's on the engine thread).
     */
    private void recordPairs(RoutePart w, int c) {
        int[] pairCount = w.pairCount;
        int[] recv = w.received;
        for (int i = 0; i < w.pairTargetCount; i++) {
            int t = w.pairTargets[i];
            int count = pairCount[t];
            pairCount[t] = 0;
            if (recv[t] == 0) {
                w.list(t);
            }
            recv[t] += count;
            countRoute(w.tally, c, t, count);
        }
        w.pairTargetCount = 0;
    }

    /** One part's counts of {@link #routeParallel}: sized by the layout's cores once, reused every tick. */
    private static final class RoutePart {
        int from;
        int to;
        int messages;
        /** Messages per target core (zero again after the merge), and the cores in the order the part first counted them. */
        final int[] received;
        final int[] first;
        int firstCount;
        private final int[] stamp;
        private int generation;
        final int[] pairCount;
        final int[] pairTargets;
        int pairTargetCount;
        /** The part's messages as the mesh counts them, added to the mesh's in the merge. */
        final UncontendedTally tally;
        final Deliveries deliveries = new Deliveries();

        RoutePart(int cores, UncontendedTally tally) {
            this.tally = tally;
            received = new int[cores];
            first = new int[cores];
            stamp = new int[cores];
            pairCount = new int[cores];
            pairTargets = new int[cores];
        }

        void begin() {
            firstCount = 0;
            deliveries.count = 0;
            if (++generation == Integer.MAX_VALUE) {
                Arrays.fill(stamp, 0);
                generation = 1;
            }
        }

        /** Lists core x when this part counts it for the first time this tick. */
        void list(int x) {
            if (stamp[x] != generation) {
                stamp[x] = generation;
                first[firstCount++] = x;
            }
        }

    }

    /**
     * {@link #routePlanned} of a core whose packets are each a message, when it sent few for the
     * chip's cores (at most a quarter as many): its targets then rarely repeat, so each message is
     * counted and handed to the mesh at once rather than first grouped per target. Every count is
     * a sum and the targets are listed in the order first reached, as the grouped walk does.
     */
    private void routeEach(long tick, EmittedSpikes spikes, int c, int n) {
        for (int i = 0; i < n; i++) {
            int t = spikes.targetCore(c, i);
            if (received[t]++ == 0 && sent[t] == 0) {
                countedCores[counted++] = t;
            }
            countRoute(tally, c, t, 1);
        }
        block.addPackets(spikes, c, n, tick);
    }

    /**
     * Counts {@code count} messages from core {@code c} to core {@code t} crossing the empty mesh:
     * the hops {@code c} sent, and the route in {@code tally} (the mesh's own, or a part's). The
     * one place where simple timing turns a (source, target) pair into hops and link counts.
     */
    private void countRoute(UncontendedTally tally, int c, int t, int count) {
        int x = place[c] & 0xFFFF;
        int y = place[c] >>> 16;
        int x1 = place[t] & 0xFFFF;
        int y1 = place[t] >>> 16;
        hopsSentEW[c] += (long) count * Math.abs(x1 - x);
        hopsSentNS[c] += (long) count * Math.abs(y1 - y);
        tally.recordRoute(x, y, x1, y1, count);
    }

    /**
     * A tick's deliveries in packet order (the serial walk's, or one part's), handed to the sink as
     * one block ({@link DeliverySink#deliverAll}, the same as one call per spike) rather than a call
     * per spike in the walk. Grown as needed, kept for the next tick.
     */
    static final class Deliveries {
        int[] core = new int[64];
        int[] axon = new int[64];
        long[] due = new long[64];
        int count;

        /** Appends every packet of core {@code c} ({@code n} of them), due in {@code tick} plus its delay. */
        void addPackets(EmittedSpikes spikes, int c, int n, long tick) {
            int q = count;
            if (q + n > core.length) {
                int grown = Math.max(q + n, 2 * core.length);
                core = Arrays.copyOf(core, grown);
                axon = Arrays.copyOf(axon, grown);
                due = Arrays.copyOf(due, grown);
            }
            int[] cs = core;
            int[] as = axon;
            long[] ds = due;
            for (int i = 0; i < n; i++) {
                cs[q] = spikes.targetCore(c, i);
                as[q] = spikes.targetAxon(c, i);
                ds[q++] = tick + spikes.delay(c, i);
            }
            count = q;
        }

        /** Hands the block to {@code sink} and empties it (nothing when empty). */
        void handTo(DeliverySink sink) {
            if (count > 0) {
                sink.deliverAll(core, axon, due, count);
                count = 0;
            }
        }
    }

    /** Turns packets into messages (deduplicated per neuron and target core) and hands them to the mesh. */
    private int buildMessages(EmittedSpikes spikes, CounterSet k) {
        int messages = 0;
        int p = 0;
        for (int c = spikes.nextSender(0); c < spikes.cores(); c = spikes.nextSender(c + 1)) {
            int n = spikes.packets(c);
            if (n == 0) {
                continue;
            }
            // a message's creation time matters to the cycle model alone
            double startNs = mode == TimingMode.CYCLE ? times.integrationNs(k, c) + times.somaNs(k, c) : 0.0;
            int neuron = -1;
            for (int i = 0; i < n; i++, p++) {
                if (spikes.sourceNeuron(c, i) != neuron) {
                    neuron = spikes.sourceNeuron(c, i);
                    nextStamp();
                }
                int target = spikes.targetCore(c, i);
                if (stamp[target] != stampGeneration) {
                    stamp[target] = stampGeneration;
                    messageOfStamp[target] = messages;
                    newMessage(messages, c, target, startNs);
                    messages++;
                }
                ensurePackets(p + 1);
                packetMessage[p] = messageOfStamp[target];
            }
            if (mode == TimingMode.SIMPLE) {
                recordPairs(c);
            }
        }
        return messages;
    }

    /**
     * Hands the mesh source core {@code c}'s messages of this tick, one call per target core
     * with its count: the counters, hops and histograms are sums, so they end as they would
     * after one call per message.
     */
    private void recordPairs(int c) {
        for (int i = 0; i < pairTargetCount; i++) {
            int t = pairTargets[i];
            int count = pairCount[t];
            pairCount[t] = 0;
            countRoute(tally, c, t, count);
        }
        pairTargetCount = 0;
    }

    /**
     * {@link #recordPairs} for {@link #routePlanned}, which counts a source core's messages per
     * target in {@link #pairCount} alone: adds each target's count to its received messages
     * here, once per pair rather than per message, listing the target when it is counted for
     * the first time this tick. The targets come in the order the walk first reached them and
     * only the source's own sent count changed meanwhile, so the list is that of counting each
     * message as it is found.
     */
    private void recordPairsReceived(int c) {
        for (int i = 0; i < pairTargetCount; i++) {
            int t = pairTargets[i];
            int count = pairCount[t];
            pairCount[t] = 0;
            if (received[t] == 0 && sent[t] == 0) {
                countedCores[counted++] = t;
            }
            received[t] += count;
            countRoute(tally, c, t, count);
        }
        pairTargetCount = 0;
    }

    private void newMessage(int m, int source, int target, double startNs) {
        if (m >= messageTarget.length) {
            messageTarget = Arrays.copyOf(messageTarget, 2 * m);
            messageArrival = Arrays.copyOf(messageArrival, 2 * m);
        }
        messageTarget[m] = target;
        messageArrival[m] = 0;
        if (sent[source] == 0 && received[source] == 0) {
            countedCores[counted++] = source;
        }
        sent[source]++;
        if (sent[target] == 0 && received[target] == 0) {
            countedCores[counted++] = target;
        }
        received[target]++;
        if (mode == TimingMode.CYCLE) {
            hopsSentEW[source] += Math.abs((place[target] & 0xFFFF) - (place[source] & 0xFFFF));
            hopsSentNS[source] += Math.abs((place[target] >>> 16) - (place[source] >>> 16));
            double createdNs = startNs + sent[source] * times.spikeOutNs;
            mesh.send(meshCore[source], meshCore[target], m, wholeCycles(createdNs));
        } else if (pairCount[target]++ == 0) {
            pairTargets[pairTargetCount++] = target;  // counted with the mesh in recordPairs
        }
    }

    private void nextStamp() {
        if (++stampGeneration == Integer.MAX_VALUE) {
            Arrays.fill(stamp, 0);
            stampGeneration = 1;
        }
    }

    private void ensurePackets(int n) {
        if (n > packetMessage.length) {
            packetMessage = Arrays.copyOf(packetMessage, Math.max(n, 2 * packetMessage.length));
        }
    }

    /** Mesh delivery (commit phase, cycles in increasing order): the receiver takes spikeInNs per message. */
    private void arrived(Mesh m, int id, int arrivalCycle) {
        int msg = m.tag(id);
        messageArrival[msg] = arrivalCycle;
        int target = messageTarget[msg];
        receiveDoneNs[target] = Math.max(receiveDoneNs[target], arrivalCycle * cycleNs) + times.spikeInNs;
    }

    /** Hands every spike to the engine's sink in packet order, with its arrival tick. */
    private void deliver(long tick, EmittedSpikes spikes, DeliverySink sink) {
        int p = 0;
        for (int c = spikes.nextSender(0); c < spikes.cores(); c = spikes.nextSender(c + 1)) {
            int n = spikes.packets(c);
            for (int i = 0; i < n; i++, p++) {
                int target = spikes.targetCore(c, i);
                long due = tick + spikes.delay(c, i);
                if (mode == TimingMode.SIMPLE) {
                    if (links == null || !links.hold(c, target, spikes.targetAxon(c, i), tick, spikes.delay(c, i))) {
                        sink.deliver(target, spikes.targetAxon(c, i), due);
                    }
                    continue;
                }
                long arrivalTick = tick + (long) Math.floor(messageArrival[packetMessage[p]] * cycleNs / periodNs);
                if (arrivalTick >= due) {
                    boolean dropped = latePolicy == LatePolicy.DROP || arrivalTick + 1 - tick >= delaySlots;
                    int links = mesh.pathLinks(meshCore[c], meshCore[target], path);
                    mesh.stats().recordLate(meshCore[target], path, links, dropped);
                }
                sink.deliver(target, spikes.targetAxon(c, i), due, arrivalTick);
            }
        }
        if (links != null) {
            links.release(tick + 1, sink);
        }
    }

    int wholeCycles(double ns) {
        // rounded up; the epsilon keeps exact multiples (4.0 ns at 1 ns cycles) from rounding up
        double cycles = Math.ceil(ns / cycleNs - 1e-9);
        if (cycles > MAX_TICK_CYCLES) {
            throw new MyelinInputException("a core of architecture " + layout.arch().name() + " needs " + (long) cycles
                    + " router cycles in one tick; the cycle timing model supports at most " + MAX_TICK_CYCLES
                    + " (check timing.clockMhz and the per-operation times, or use --timing simple)");
        }
        return (int) cycles;
    }

    /** Lists this tick's possible senders (after routing: arrivals may have added some), keeping the previous list. */
    private void listSenders(EmittedSpikes spikes) {
        int[] spare = previousSenders;
        previousSenders = senders;
        previousSendersCount = sendersCount;
        senders = spare;
        int n = 0;
        for (int c = spikes.nextSender(0); c < spikes.cores(); c = spikes.nextSender(c + 1)) {
            senders[n++] = c;
        }
        sendersCount = n;
    }

    /** Whether the cores outside the senders list are the same as in the previous tick. */
    boolean sameQuietCores() {
        return sendersCount == previousSendersCount
                && Arrays.equals(senders, 0, sendersCount, previousSenders, 0, sendersCount);
    }

    long parallelTicks() { return parallelTicks; }

    // ---- read by TickClock ----
    int senders() { return sendersCount; }
    int sender(int i) { return senders[i]; }
    ChipLayout layout() { return layout; }
    CoreTimes times() { return times; }
    double cycleNs() { return cycleNs; }
    double periodNs() { return periodNs; }
    double syncNs() { return syncNs; }
    double receiveDoneNs(int c) { return receiveDoneNs[c]; }
}
