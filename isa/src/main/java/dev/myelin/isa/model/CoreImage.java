package dev.myelin.isa.model;

import java.util.List;

/**
 * One used core: its place, axons, neurons, synapses and targets.
 *
 * @param id        router coordinates and slot
 * @param axonType  type of each used axon (length = axons used). TrueNorth: G in 0..3;
 *                  Loihi: index into {@code formats}
 * @param neurons   neuron parameters (count = neurons used)
 * @param synapses  crossbar (TrueNorth) or sparse rows (Loihi), rows = axons used
 * @param formats   Loihi synapse formats by axon type (empty for TrueNorth)
 * @param targets   per-neuron targets
 * @param learning  the learning-configuration section, reserved: kept verbatim (usually empty)
 * @param input     an input core: its neurons are input neurons, neuron {@code a} firing in every
 *                  tick its axon {@code a} is active (axons = neurons, no synapses, every neuron
 *                  parameter 0); they send their spikes to their targets like any neuron
 */
public record CoreImage(CoreId id, int[] axonType, NeuronParams neurons, SynapseMemory synapses,
                        List<SynapseFormat> formats, Targets targets, byte[] learning, boolean input) {
    /** An ordinary (not input) core. */
    public CoreImage(CoreId id, int[] axonType, NeuronParams neurons, SynapseMemory synapses,
                     List<SynapseFormat> formats, Targets targets, byte[] learning) {
        this(id, axonType, neurons, synapses, formats, targets, learning, false);
    }

    /**
     * An input core of {@code n} input neurons with these targets, for the architecture's
     * datapath: axon types 0, no synapses, every parameter 0.
     */
    public static CoreImage inputCore(CoreId id, boolean trueNorth, int n, Targets targets) {
        NeuronParams params = trueNorth ? TrueNorthNeurons.zeros(n) : LoihiNeurons.zeros(n);
        SynapseMemory syn = trueNorth ? Crossbar.empty(n, n)
                : new SparseRows(n, new int[n + 1], new int[0], new int[0]);
        return new CoreImage(id, new int[n], params, syn, List.of(), targets, new byte[0], true);
    }

    public CoreImage {
        formats = List.copyOf(formats);
        if (synapses.axons() != axonType.length) {
            throw new IllegalArgumentException("core " + id + ": synapse rows " + synapses.axons()
                    + " != axons " + axonType.length);
        }
        if (targets.neurons() != neurons.count()) {
            throw new IllegalArgumentException("core " + id + ": targets for " + targets.neurons()
                    + " neurons, parameters for " + neurons.count());
        }
        if (synapses instanceof Crossbar c && c.neurons() != neurons.count()) {
            throw new IllegalArgumentException("core " + id + ": crossbar columns " + c.neurons()
                    + " != neurons " + neurons.count());
        }
    }

    public int axonCount() {
        return axonType.length;
    }

    public int neuronCount() {
        return neurons.count();
    }
}
