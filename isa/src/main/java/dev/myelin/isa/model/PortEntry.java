package dev.myelin.isa.model;

/** One line of a port: an axon (input ports) or a neuron (output ports) of a core. */
public record PortEntry(CoreId core, int index) {
}
