package dev.myelin.chip.timing;

/**
 * SANA-FE's "simple" per-core latency rule, written once for the two sets of per-operation
 * times Myelin prices it with: the architecture's ({@code timing.*}, the tick timing model) and
 * the energy profile's ({@code L_*}, the profile latency). A tick lasts max(busiest core's
 * generation, busiest core's receive) + the barrier; hop latency is not part of it.
 * <ul>
 *   <li>generation = neurons x {@code neuronNs} + updated neurons x {@code updateNs} + spikes x
 *       {@code spikeNs} + messages sent x {@code outNs};</li>
 *   <li>receive = messages received x {@code inNs} + synaptic events x the core's synaptic
 *       time, both counted in the tick the messages are sent.</li>
 * </ul>
 * Which neurons pay {@code neuronNs} is the parameter set's: every neuron for a profile (its
 * access time, with the update time on top for updated ones); the inactive ones for an
 * architecture, whose active update time is the whole time of an active neuron
 * ({@link #ofArchitecture}).
 */
public final class SanaFeLatency {
    private SanaFeLatency() {
    }

    /**
     * One set of per-operation times, ns.
     *
     * @param neuronNs each neuron of the first count of {@link #generationNs}
     * @param updateNs each updated (active) neuron
     * @param spikeNs  each spike
     * @param outNs    each message sent
     * @param inNs     each message received
     */
    public record Times(double neuronNs, double updateNs, double spikeNs, double outNs, double inNs) {
    }

    /**
     * The architecture's times: an inactive neuron takes {@code neuronIdleNs}, an active one
     * {@code neuronUpdateNs}, a spike nothing of its own; so the neuron count passed to
     * {@link #generationNs} is the inactive neurons'.
     */
    public static Times ofArchitecture(double neuronIdleNs, double neuronUpdateNs, double spikeOutNs,
                                       double spikeInNs) {
        return new Times(neuronIdleNs, neuronUpdateNs, 0.0, spikeOutNs, spikeInNs);
    }

    /** A core's generation time: its neurons' soma time, then its messages sent one after the other. */
    public static double generationNs(Times t, long neurons, long updated, long spikes, long messagesOut) {
        return neurons * t.neuronNs + updated * t.updateNs + spikes * t.spikeNs + messagesOut * t.outNs;
    }

    /** A core's receive time: its messages received, then the synaptic events they cause at {@code synapseNs} each. */
    public static double receiveNs(Times t, long messagesIn, long synapticEvents, double synapseNs) {
        return messagesIn * t.inNs + synapticEvents * synapseNs;
    }

    /** A tick's latency from its busiest core's generation and receive times and the barrier. */
    public static double tickNs(double maxGenerationNs, double maxReceiveNs, double barrierNs) {
        return Math.max(maxGenerationNs, maxReceiveNs) + barrierNs;
    }
}
