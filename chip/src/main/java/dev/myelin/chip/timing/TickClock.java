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
    private double quietCompute;
    private double quietGeneration;
    private double quietReceive;
    private int quietComputeCore = -1;
    private int quietGenerationCore = -1;
    private int quietReceiveCore = -1;
    private boolean quietKnown;

    TickClock() {
    }

    TickTiming time(MeshNetwork net, long tick, CounterSet k, int messages) {
        CoreTimes t = net.times();
        if (!quietKnown || !net.sameQuietCores()) {
            quiet(net, k);
        }
        double maxCompute = 0;
        double maxGeneration = 0;
        double maxReceive = 0;
        double maxReceiveDone = 0;
        int computeCore = -1;
        int generationCore = -1;
        int receiveCore = -1;
        int receiveDoneCore = -1;
        for (int i = 0; i < net.senders(); i++) {
            int c = net.sender(i);
            double integration = t.integrationNs(k, c);
            double generation = t.generationNs(k, c, net.messagesOut(c));
            double receive = t.receiveNs(k, c, net.messagesIn(c));
            if (integration + generation > maxCompute) {
                maxCompute = integration + generation;
                computeCore = c;
            }
            if (generation > maxGeneration) {
                maxGeneration = generation;
                generationCore = c;
            }
            if (receive > maxReceive) {
                maxReceive = receive;
                receiveCore = c;
            }
            if (net.receiveDoneNs(c) > maxReceiveDone) {
                maxReceiveDone = net.receiveDoneNs(c);
                receiveDoneCore = c;
            }
        }
        // the first core reaching the maximum wins, whether quiet or not
        if (better(quietComputeCore, quietCompute, computeCore, maxCompute)) {
            maxCompute = quietCompute;
            computeCore = quietComputeCore;
        }
        if (better(quietGenerationCore, quietGeneration, generationCore, maxGeneration)) {
            maxGeneration = quietGeneration;
            generationCore = quietGenerationCore;
        }
        if (better(quietReceiveCore, quietReceive, receiveCore, maxReceive)) {
            maxReceive = quietReceive;
            receiveCore = quietReceiveCore;
        }
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
            critical = maxGeneration >= maxReceive ? coreName(net, generationCore, "generation")
                    : coreName(net, receiveCore, "receive");
        } else {
            ns = Math.max(maxCompute, maxReceiveDone) + sync;
            computeNs = maxCompute;
            networkNs = maxReceiveDone;
            critical = maxCompute >= maxReceiveDone ? coreName(net, computeCore, "compute")
                    : networkCritical(net, s, receiveDoneCore);
        }
        long cycles = (long) Math.ceil(ns / net.cycleNs() - 1e-9);
        return new TickTiming(tick, net.mode(), ns, cycles, simpleNs, computeNs, networkNs, sync, critical,
                ns <= net.periodNs(), messages, s.hopTotal(), s.stalls(), s.late(), s.dropped());
    }

    private static boolean better(int quietCore, double quietValue, int core, double value) {
        return quietCore >= 0 && (quietValue > value || (quietValue == value && quietCore < core));
    }

    /** Recomputes the maxima over the quiet cores (every core not in the senders list). */
    private void quiet(MeshNetwork net, CounterSet k) {
        CoreTimes t = net.times();
        quietCompute = 0;
        quietGeneration = 0;
        quietReceive = 0;
        quietComputeCore = -1;
        quietGenerationCore = -1;
        quietReceiveCore = -1;
        int next = 0;
        for (int c = 0; c < net.layout().cores(); c++) {
            if (next < net.senders() && net.sender(next) == c) {
                next++;
                continue;
            }
            // a quiet core sent and received nothing
            double integration = t.integrationNs(k, c);
            double generation = t.generationNs(k, c, 0);
            double receive = t.receiveNs(k, c, 0);
            if (integration + generation > quietCompute) {
                quietCompute = integration + generation;
                quietComputeCore = c;
            }
            if (generation > quietGeneration) {
                quietGeneration = generation;
                quietGenerationCore = c;
            }
            if (receive > quietReceive) {
                quietReceive = receive;
                quietReceiveCore = c;
            }
        }
        quietKnown = true;
    }

    /** The busiest link when the last reception waited on the network, else the receiving core. */
    private static String networkCritical(MeshNetwork net, TrafficStats s, int receiveDoneCore) {
        double lastArrivalNs = net.mesh().lastArrival() * net.cycleNs();
        int link = s.busiestLink();
        if (link >= 0 && lastArrivalNs + net.times().spikeInNs >= net.receiveDoneNs(receiveDoneCore) - 1e-9) {
            return "link " + net.mesh().linkName(link);
        }
        return coreName(net, receiveDoneCore, "receive");
    }

    private static String coreName(MeshNetwork net, int c, String what) {
        return c < 0 ? "idle" : "core " + net.layout().core(c) + " " + what;
    }
}
