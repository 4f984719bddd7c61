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
 */
public record CoreImage(CoreId id, int[] axonType, NeuronParams neurons, SynapseMemory synapses,
                        List<SynapseFormat> formats, Targets targets, byte[] learning) {
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
