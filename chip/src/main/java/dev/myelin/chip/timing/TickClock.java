package dev.myelin.chip.timing;

import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.noc.TrafficStats;

/**
 * Turns one tick's per-core counts and the mesh's deliveries into a {@link TickTiming}.
 *
 * <p>Cycle mode: a core integrates, updates its neurons and sends its messages one after the
 * other ({@code integration + soma + sent x spikeOutNs}); a receiver takes {@code spikeInNs} per
 * message in arrival order; the tick ends at the barrier after the last core and the last
 * reception, plus the sync cost. Simple mode (SANA-FE): max(busiest core's generation,
 * busiest core's receive) + sync, no hop latency, no contention.
 */
final class TickClock {
    /**
     * The maxima (and their lowest cores) over the quiet cores, those the engine did not involve
     * in a tick (EmittedSpikes#nextSender): their counts repeat from tick to tick and they send and
     * receive nothing, so the maxima over them stay valid while the set of quiet cores does not
     * change, and are recomputed (one pass over every core) only when it does.
     */
    private final Argmax quietCompute = new Argmax();
    private final Argmax quietGeneration = new Argmax();
    private final Argmax quietReceive = new Argmax();
    private boolean quietKnown;
    // this tick's maxima over the cores that sent or received (reused: no allocation per tick)
    private final Argmax compute = new Argmax();
    private final Argmax generation = new Argmax();
    private final Argmax receive = new Argmax();
    private final Argmax receiveDone = new Argmax();

    /** A running maximum and the core that reached it first (a core takes it only by exceeding it). */
    static final class Argmax {
        double value;
        int core = -1;

        void reset() {
            value = 0;
            core = -1;
        }

        void offer(double v, int c) {
            if (v > value) {
                value = v;
                core = c;
            }
        }

        /** Takes {@code o}'s maximum when it is larger, or equal and reached by a lower core. */
        void merge(Argmax o) {
            if (o.core >= 0 && (o.value > value || (o.value == value && o.core < core))) {
                value = o.value;
                core = o.core;
            }
        }
    }

    /**
     * The critical paths' names, built on first use (the same name each tick a core or link sets
     * the tick time: nothing built per tick): per core "compute", "generation" and "receive",
     * and per link.
     */
    private String[][] coreNames;
    private String[] linkNames;
    private static final String[] KINDS = {"compute", "generation", "receive"};
    private static final int COMPUTE = 0;
    private static final int GENERATION = 1;
    private static final int RECEIVE = 2;

    TickClock() {
    }

    TickTiming time(MeshNetwork net, long tick, CounterSet k, int messages) {
        CoreTimes t = net.times();
        if (!quietKnown || !net.sameQuietCores()) {
            quiet(net, k);
        }
        compute.reset();
        generation.reset();
        receive.reset();
        receiveDone.reset();
        for (int i = 0; i < net.senders(); i++) {
            int c = net.sender(i);
            offer(t, k, c, net.messagesOut(c), net.messagesIn(c), compute, generation, receive);
            receiveDone.offer(net.receiveDoneNs(c), c);
        }
        // the first core reaching the maximum wins, whether quiet or not
        compute.merge(quietCompute);
        generation.merge(quietGeneration);
        receive.merge(quietReceive);
        double maxCompute = compute.value;
        double maxGeneration = generation.value;
        double maxReceive = receive.value;
        double maxReceiveDone = receiveDone.value;
        int computeCore = compute.core;
        int generationCore = generation.core;
        int receiveCore = receive.core;
        int receiveDoneCore = receiveDone.core;
        double sync = net.syncNs();
        double simpleNs = SanaFeLatency.tickNs(maxGeneration, maxReceive, sync);
        TrafficStats s = net.lastTickTraffic();
        double ns;
        double computeNs;
        double networkNs;
        String critical;
        if (net.mode() == TimingMode.SIMPLE) {
            ns = simpleNs;
            computeNs = Math.max(maxGeneration, maxReceive);
            networkNs = 0;
            critical = maxGeneration >= maxReceive ? coreName(net, generationCore, GENERATION)
                    : coreName(net, receiveCore, RECEIVE);
        } else {
            ns = Math.max(maxCompute, maxReceiveDone) + sync;
            computeNs = maxCompute;
            networkNs = maxReceiveDone;
            critical = maxCompute >= maxReceiveDone ? coreName(net, computeCore, COMPUTE)
                    : networkCritical(net, s, receiveDoneCore);
        }
        long cycles = (long) Math.ceil(ns / net.cycleNs() - 1e-9);
        return new TickTiming(tick, net.mode(), ns, cycles, simpleNs, computeNs, networkNs, sync, critical,
                ns <= net.periodNs(), messages, s.hopTotal(), s.stalls(), s.late(), s.dropped());
    }

    /** Core c's compute (integration + generation), generation and receive times offered to the maxima. */
    private static void offer(CoreTimes t, CounterSet k, int c, int messagesOut, int messagesIn, Argmax compute,
                              Argmax generation, Argmax receive) {
        double integration = t.integrationNs(k, c);
        double g = t.generationNs(k, c, messagesOut);
        compute.offer(integration + g, c);
        generation.offer(g, c);
        receive.offer(t.receiveNs(k, c, messagesIn), c);
    }

    /** Recomputes the maxima over the quiet cores (every core not in the senders list). */
    private void quiet(MeshNetwork net, CounterSet k) {
        CoreTimes t = net.times();
        quietCompute.reset();
        quietGeneration.reset();
        quietReceive.reset();
        int next = 0;
        for (int c = 0; c < net.layout().cores(); c++) {
            if (next < net.senders() && net.sender(next) == c) {
                next++;
                continue;
            }
            // a quiet core sent and received nothing
            offer(t, k, c, 0, 0, quietCompute, quietGeneration, quietReceive);
        }
        quietKnown = true;
    }

    /** The busiest link when the last reception waited on the network, else the receiving core. */
    private String networkCritical(MeshNetwork net, TrafficStats s, int receiveDoneCore) {
        double lastArrivalNs = net.mesh().lastArrival() * net.cycleNs();
        int link = s.busiestLink();
        if (link >= 0 && lastArrivalNs + net.times().spikeInNs >= net.receiveDoneNs(receiveDoneCore) - 1e-9) {
            if (linkNames == null || link >= linkNames.length) {
                linkNames = java.util.Arrays.copyOf(linkNames == null ? new String[0] : linkNames, link + 1);
            }
            String name = linkNames[link];
            if (name == null) {
                name = "link " + net.mesh().linkName(link);
                linkNames[link] = name;
            }
            return name;
        }
        return coreName(net, receiveDoneCore, RECEIVE);
    }

    private String coreName(MeshNetwork net, int c, int kind) {
        if (c < 0) {
            return "idle";
        }
        if (coreNames == null) {
            coreNames = new String[KINDS.length][net.layout().cores()];
        }
        String name = coreNames[kind][c];
        if (name == null) {
            name = "core " + net.layout().core(c) + " " + KINDS[kind];
            coreNames[kind][c] = name;
        }
        return name;
    }
}
