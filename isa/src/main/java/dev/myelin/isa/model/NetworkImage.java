package dev.myelin.isa.model;

import dev.myelin.isa.arch.Architecture;

import java.util.List;

/**
 * A whole network image: the architecture it targets, one {@link CoreImage} per used core
 * (sorted by {@link CoreId}), named I/O ports and the symbol table. This is what the
 * compiler emits, the {@code .nbin} format encodes and the chip loads.
 *
 * @param flags reserved header flags (0); kept verbatim
 */
public record NetworkImage(Architecture arch, int flags, List<CoreImage> cores, List<Port> inputs,
                           List<Port> outputs, List<Symbol> symbols) {
    public NetworkImage {
        cores = List.copyOf(cores);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        symbols = List.copyOf(symbols);
    }
}
