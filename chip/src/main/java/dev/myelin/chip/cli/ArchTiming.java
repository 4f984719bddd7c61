package dev.myelin.chip.cli;

import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.energy.CoreInfo;
import dev.myelin.isa.arch.Architecture;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The "simple" tick time from the architecture's timing parameters, in SANA-FE's form:
 * max over cores of max(generation, receive) + barrier(routers in use), where generation =
 * active updates x neuronUpdateNs + inactive x neuronIdleNs + messages out x spikeOutNs and
 * receive = messages in x spikeInNs + synaptic events x synapticOpNs. Hop latency is not
 * part of it (the cycle mode adds the mesh).
 */
final class ArchTiming {
    private final double updateNs;
    private final double idleNs;
    private final double outNs;
    private final double inNs;
    private final double synNs;
    private final double barrierNs;
    private final int cores;

    ArchTiming(Architecture a, List<CoreInfo> used) {
        updateNs = a.neuronUpdateNs();
        idleNs = a.neuronIdleNs();
        outNs = a.spikeOutNs();
        inNs = a.spikeInNs();
        synNs = a.synapticOpNs();
        Set<Long> routers = new HashSet<>();
        for (CoreInfo c : used) {
            routers.add(((long) c.id().x() << 32) | c.id().y());
        }
        barrierNs = a.barrierNs(routers.size());
        cores = used.size();
    }

    double tickNs(long[] counts) {
        double worst = 0;
        for (int c = 0; c < cores; c++) {
            long updated = counts[Activity.UPDATED.at(c)];
            long idle = counts[Activity.NEURONS.at(c)] - updated;
            double gen = updated * updateNs + idle * idleNs + counts[Activity.MESSAGES_OUT.at(c)] * outNs;
            double recv = counts[Activity.MESSAGES_IN.at(c)] * inNs + counts[Activity.SYN_EVENTS.at(c)] * synNs;
            worst = Math.max(worst, Math.max(gen, recv));
        }
        return worst + barrierNs;
    }
}
