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

    // targets of neuron j: k in [targetStart[j], targetStart[j+1]), each packed by pack()
    private final int[] targetStart;
    private final long[] target;
    /** Every neuron has exactly one target (target k belongs to neuron k): expand reads no start. */
    private final boolean oneTargetEach;
    /**
     * The message plan: neuron j's distinct target cores, in the order its targets first name
     * them, at m in [messageStart[j], messageStart[j+1]) of messageCore; one message goes to each
     * when j fires. Null when {@link #messagePerPacket}.
     */
    private final int[] messageStart;
    private final int[] messageCore;
    /**
     * Every neuron's targets are on distinct cores (one target each, for one): each packet is a
     * message of its own, and no plan is kept.
     */
    final boolean messagePerPacket;
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
    /** The packets' targets, packed as {@link #pack} packs them. */
    final long[] packet;
    int packets;
    final int[] portOfSpike;
    final int[] lineOfSpike;
    int portSpikes;

    CoreRuntime(int index, NeuronArray neurons, AxonDelayBuffer delay, int[] targetStart, long[] target,
                int[] outStart, int[] outPort, int[] outLine, int[] rowSynapses) {
        this.rowSynapses = rowSynapses;
        this.index = index;
        this.neurons = neurons;
        this.delay = delay;
        this.targetStart = targetStart;
        this.target = target;
        boolean one = targetStart.length == neurons.neurons() + 1;
        for (int j = 0; one && j < targetStart.length; j++) {
            one = targetStart[j] == j;
        }
        this.oneTargetEach = one;
        int[] start = one ? null : new int[targetStart.length];
        int[] plan = one ? null : planMessages(targetStart, target, start);
        this.messagePerPacket = one || plan.length == target.length;
        this.messageStart = messagePerPacket ? null : start;
        this.messageCore = messagePerPacket ? null : plan;
        this.outStart = outStart;
        this.outPort = outPort;
        this.outLine = outLine;
        this.fired = new int[neurons.neurons()];
        int m = target.length;
        this.packetSource = new int[m];
        this.packet = new long[m];
        this.portOfSpike = new int[outPort.length];
        this.lineOfSpike = new int[outPort.length];
    }

    /**
     * Fills {@code start} and returns the distinct target cores of each neuron (see
     * {@link #messageStart}): a neuron's targets are compared with its cores found so far, or
     * through a table over core indices when it has many.
     */
    private static int[] planMessages(int[] targetStart, long[] target, int[] start) {
        int[] cores = new int[target.length];
        int[] seen = null;
        int generation = 0;
        int m = 0;
        for (int j = 0; j + 1 < targetStart.length; j++) {
            start[j] = m;
            int from = targetStart[j];
            int end = targetStart[j + 1];
            if (end - from > 16 && seen == null) {
                int max = 0;
                for (long t : target) {
                    max = Math.max(max, packedCore(t));
                }
                seen = new int[max + 1];
            }
            generation++;
            for (int k = from; k < end; k++) {
                int core = packedCore(target[k]);
                boolean known = false;
                if (end - from > 16) {
                    known = seen[core] == generation;
                    seen[core] = generation;
                } else {
                    for (int i = start[j]; i < m && !known; i++) {
                        known = cores[i] == core;
                    }
                }
                if (!known) {
                    cores[m++] = core;
                }
            }
        }
        start[targetStart.length - 1] = m;
        return java.util.Arrays.copyOf(cores, m);
    }

    /** Messages neuron {@code j} sends when it fires: its distinct target cores. */
    int messages(int j) {
        if (oneTargetEach) {
            return 1;
        }
        return messagePerPacket ? targetStart[j + 1] - targetStart[j] : messageStart[j + 1] - messageStart[j];
    }

    /** The {@code m}-th distinct target core of neuron {@code j}, {@code 0 <= m < messages(j)}. */
    int messageCore(int j, int m) {
        if (oneTargetEach) {
            return packedCore(target[j]);
        }
        return messagePerPacket ? packedCore(target[targetStart[j] + m]) : messageCore[messageStart[j] + m];
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
        if (oneTargetEach) {
            int p = packets++;
            packetSource[p] = j;
            packet[p] = target[j];
        } else {
            for (int k = targetStart[j], end = targetStart[j + 1]; k < end; k++) {
                int p = packets++;
                packetSource[p] = j;
                packet[p] = target[k];
            }
        }
        if (outPort.length == 0) {
            return; // no output-port lines on this core: outStart is not read (a cache miss per spike)
        }
        for (int o = outStart[j], end = outStart[j + 1]; o < end; o++) {
            int s = portSpikes++;
            portOfSpike[s] = outPort[o];
            lineOfSpike[s] = outLine[o];
        }
    }

    /**
     * One target in a long: the target core's layout index in the upper 32 bits, the delay
     * (at most 255: {@code core.delaySlots} <= 256) in bits 24-31, the axon (below 65,536) in
     * bits 0-23.
     */
    static long pack(int core, int axon, int delay) {
        return (long) core << 32 | (long) delay << 24 | axon;
    }

    static int packedCore(long packed) {
        return (int) (packed >>> 32);
    }

    static int packedAxon(long packed) {
        return (int) packed & 0xFF_FFFF;
    }

    static int packedDelay(long packed) {
        return (int) packed >>> 24 & 0xFF;
    }
}
