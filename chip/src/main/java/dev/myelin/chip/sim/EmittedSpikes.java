package dev.myelin.chip.sim;

import dev.myelin.chip.core.CounterSet;

/**
 * The packets the cores sent in one tick, one per (fired neuron, target), grouped by source
 * core in core order and within a core by neuron then target order. A read-only view of the
 * engine's per-core buffers: valid during {@link SpikeNetwork#route} only.
 */
public interface EmittedSpikes {
    /** Number of cores (the layout's). */
    int cores();

    /**
     * The first core at or after {@code core} that may have sent packets this tick ({@link #cores()}
     * when none): every other core in between sent none. Lets a network visit only the cores
     * that were stepped; the default visits every core.
     */
    default int nextSender(int core) {
        return core;
    }

    /** Packets sent by core {@code core} this tick. */
    int packets(int core);

    /** Source neuron of packet {@code k} of core {@code core}. */
    int sourceNeuron(int core, int k);

    /** Target core index (see {@link ChipLayout}). */
    int targetCore(int core, int k);

    /** Target axon on the target core. */
    int targetAxon(int core, int k);

    /** Axon delay in ticks (1 .. delaySlots - 1): the target axon is due in tick + delay. */
    int delay(int core, int k);

    // ---- the message plan: the same packets as one message per (fired neuron, distinct target core) ----

    /**
     * Whether {@link #firedNeurons}, {@link #messages} and {@link #messageCore} describe this
     * tick's packets; when not, a network finds the messages from the packets themselves.
     */
    default boolean plansMessages() {
        return false;
    }

    /**
     * Whether each packet of core {@code core} is a message of its own (the targets of each of
     * its neurons are on distinct cores); only with {@link #plansMessages}.
     */
    default boolean messagePerPacket(int core) {
        return false;
    }

    /** Neurons of core {@code core} that fired this tick and sent packets, or may have (at least those). */
    default int firedNeurons(int core) {
        throw new UnsupportedOperationException("no message plan");
    }

    /** The {@code i}-th neuron core {@code core} fired this tick, in packet order. */
    default int firedNeuron(int core, int i) {
        throw new UnsupportedOperationException("no message plan");
    }

    /**
     * The messages neuron {@code neuron} of core {@code core} sends when it fires: the distinct
     * target cores of its packets (0 when it has none).
     */
    default int messages(int core, int neuron) {
        throw new UnsupportedOperationException("no message plan");
    }

    /**
     * The {@code m}-th message's target core, {@code 0 <= m < messages(core, neuron)}, in the
     * order the neuron's packets first name each core.
     */
    default int messageCore(int core, int neuron, int m) {
        throw new UnsupportedOperationException("no message plan");
    }

    /**
     * Threads a network may route this tick's packets with ({@link #forEachPart}): the engine's
     * workers, or 1 when it has none.
     */
    default int workers() {
        return 1;
    }

    /**
     * Runs {@code part.accept(i)} once for every {@code i} in [0, parts), on the engine's workers
     * when it has them (the caller's thread works too); returns when all have run. Parts must
     * touch disjoint state.
     */
    default void forEachPart(int parts, java.util.function.IntConsumer part) {
        for (int i = 0; i < parts; i++) {
            part.accept(i);
        }
    }

    /** This tick's per-core operation counts so far (synaptic events, updates, spikes): the timing model's input. */
    CounterSet tickCounters();
}
