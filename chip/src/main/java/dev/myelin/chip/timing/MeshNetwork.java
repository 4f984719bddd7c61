package dev.myelin.chip.timing;

import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.noc.Mesh;
import dev.myelin.chip.noc.MeshConfig;
import dev.myelin.chip.noc.TrafficStats;
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
 * order, so results never depend on the engine's thread count.
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
    /** Per layout core: router coordinates, and hops of every message it sent over the run. */
    private final int[] coreX;
    private final int[] coreY;
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
        coreX = new int[cores];
        coreY = new int[cores];
        hopsSentEW = new long[cores];
        hopsSentNS = new long[cores];
        for (int c = 0; c < cores; c++) {
            coreX[c] = layout.core(c).x();
            coreY[c] = layout.core(c).y();
        }
        received = new int[cores];
        receiveDoneNs = new double[cores];
        countedCores = new int[cores];
        senders = new int[cores];
        previousSenders = new int[cores];
        stamp = new int[cores];
        messageOfStamp = new int[cores];
        pairCount = new int[cores];
        pairTargets = new int[cores];
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
            messages = routePlanned(tick, spikes, sink);
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
                for (int i = 0; i < n; i++) {
                    int target = spikes.targetCore(c, i);
                    if (received[target]++ == 0 && sent[target] == 0) {
                        countedCores[counted++] = target;
                    }
                    if (pairCount[target]++ == 0) {
                        pairTargets[pairTargetCount++] = target;
                    }
                    int axon = spikes.targetAxon(c, i);
                    int delay = spikes.delay(c, i);
                    if (links == null || !links.hold(c, target, axon, tick, delay)) {
                        sink.deliver(target, axon, tick + delay);
                    }
                }
                recordPairs(c);
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
                    if (received[target]++ == 0 && sent[target] == 0) {
                        countedCores[counted++] = target;
                    }
                    if (pairCount[target]++ == 0) {
                        pairTargets[pairTargetCount++] = target;
                    }
                }
            }
            recordPairs(c);
            for (int i = 0; i < n; i++) {
                int target = spikes.targetCore(c, i);
                int axon = spikes.targetAxon(c, i);
                int delay = spikes.delay(c, i);
                if (links == null || !links.hold(c, target, axon, tick, delay)) {
                    sink.deliver(target, axon, tick + delay);
                }
            }
        }
        if (links != null) {
            links.release(tick + 1, sink);
        }
        return messages;
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
        int from = meshCore[c];
        for (int i = 0; i < pairTargetCount; i++) {
            int t = pairTargets[i];
            int count = pairCount[t];
            pairCount[t] = 0;
            hopsSentEW[c] += (long) count * Math.abs(coreX[t] - coreX[c]);
            hopsSentNS[c] += (long) count * Math.abs(coreY[t] - coreY[c]);
            mesh.recordUncontended(from, meshCore[t], count);
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
            hopsSentEW[source] += Math.abs(coreX[target] - coreX[source]);
            hopsSentNS[source] += Math.abs(coreY[target] - coreY[source]);
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
