package dev.myelin.chip.sim;

import dev.myelin.chip.core.AxonDelayBuffer;
import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.core.NeuronArray;

/**
 * Everything of one core the engine steps: its datapath, delay buffer, resolved targets and
 * output-port lines, and the buffers one tick fills (fired neurons, packets, port spikes),
 * all flat primitive arrays sized at load for the worst case, so a tick allocates nothing.
 */
final class CoreRuntime {
    final int index;
    final NeuronArray neurons;
    final AxonDelayBuffer delay;

    // targets of neuron j: k in [targetStart[j], targetStart[j+1])
    private final int[] targetStart;
    private final int[] targetCore;
    private final int[] targetAxon;
    private final int[] targetDelay;
    // output-port lines of neuron j: o in [outStart[j], outStart[j+1])
    private final int[] outStart;
    private final int[] outPort;
    private final int[] outLine;
    /** Synapses of each axon's row: the lookups one spike on it causes (SANA-FE's synaptic events). */
    final int[] rowSynapses;

    // filled by step(), read by the engine thread afterwards
    final int[] fired;
    int firedCount;
    final int[] packetSource;
    final int[] packetCore;
    final int[] packetAxon;
    final int[] packetDelay;
    int packets;
    final int[] portOfSpike;
    final int[] lineOfSpike;
    int portSpikes;

    CoreRuntime(int index, NeuronArray neurons, AxonDelayBuffer delay, int[] targetStart, int[] targetCore,
                int[] targetAxon, int[] targetDelay, int[] outStart, int[] outPort, int[] outLine, int[] rowSynapses) {
        this.rowSynapses = rowSynapses;
        this.index = index;
        this.neurons = neurons;
        this.delay = delay;
        this.targetStart = targetStart;
        this.targetCore = targetCore;
        this.targetAxon = targetAxon;
        this.targetDelay = targetDelay;
        this.outStart = outStart;
        this.outPort = outPort;
        this.outLine = outLine;
        this.fired = new int[neurons.neurons()];
        int m = targetCore.length;
        this.packetSource = new int[m];
        this.packetCore = new int[m];
        this.packetAxon = new int[m];
        this.packetDelay = new int[m];
        this.portOfSpike = new int[outPort.length];
        this.lineOfSpike = new int[outPort.length];
    }

    /** Lookups one spike on {@code axon} causes (0 for an axon beyond the core's rows). */
    int rowSynapses(int axon) {
        return axon >= 0 && axon < rowSynapses.length ? rowSynapses[axon] : 0;
    }

    /** Whether {@link #step} would do work in tick {@code tick} (an axon is due or the neurons are not quiescent). */
    boolean busy(long tick) {
        return delay.pendingAt(tick) != 0 || !neurons.quiescent();
    }

    /**
     * Phase 1 of tick {@code tick} for this core: read and clear the due axons, integrate,
     * update, and expand the fired neurons into packets and port spikes. Skips the work when
     * no axon is due and the neurons are quiescent, counting what a stepped idle core would.
     *
     * @return the number of neurons that fired
     */
    int step(long tick, CounterSet counts, boolean skipIdle) {
        firedCount = 0;
        packets = 0;
        portSpikes = 0;
        int n = neurons.neurons();
        int due = delay.pendingAt(tick);
        if (skipIdle && due == 0 && neurons.quiescent()) {
            int resting = neurons.restingUpdates();
            counts.add(index, Counter.NEURON_UPDATES_ACTIVE, resting);
            counts.add(index, Counter.NEURON_UPDATES_INACTIVE, n - resting);
            counts.add(index, Counter.TICKS_SKIPPED, 1);
            return 0;
        }
        long events = neurons.integrate(delay.slot(tick), delay.words());
        delay.consume(tick);
        int f = neurons.update(tick, fired);
        int active = neurons.lastActiveUpdates();
        neurons.count(index, counts);
        firedCount = f;
        for (int i = 0; i < f; i++) {
            expand(fired[i]);
        }
        counts.add(index, Counter.AXON_EVENTS, due);
        counts.add(index, Counter.SYNAPTIC_EVENTS, events);
        counts.add(index, Counter.NEURON_UPDATES_ACTIVE, active);
        counts.add(index, Counter.NEURON_UPDATES_INACTIVE, n - active);
        counts.add(index, Counter.NEURONS_FIRED, f);
        counts.add(index, Counter.SPIKES_OUT, packets);
        counts.add(index, Counter.SPIKES_TO_PORTS, portSpikes);
        counts.add(index, Counter.TICKS_STEPPED, 1);
        return f;
    }

    private void expand(int j) {
        for (int k = targetStart[j], end = targetStart[j + 1]; k < end; k++) {
            int p = packets++;
            packetSource[p] = j;
            packetCore[p] = targetCore[k];
            packetAxon[p] = targetAxon[k];
            packetDelay[p] = targetDelay[k];
        }
        for (int o = outStart[j], end = outStart[j + 1]; o < end; o++) {
            int s = portSpikes++;
            portOfSpike[s] = outPort[o];
            lineOfSpike[s] = outLine[o];
        }
    }
}
