package dev.myelin.isa.model;

import java.util.List;

/**
 * A named input or output port. Input: line {@code i} drives axon {@code entries.get(i)};
 * several lines may share one name only through distinct entries. Output: line {@code i}
 * reports spikes of neuron {@code entries.get(i)}.
 */
public record Port(String name, List<PortEntry> entries) {
    public Port {
        entries = List.copyOf(entries);
    }
}
