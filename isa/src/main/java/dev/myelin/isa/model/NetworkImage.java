package dev.myelin.isa.model;

import dev.myelin.isa.arch.Architecture;

import java.util.List;

/**
 * A whole network image: the architecture it targets, one {@link CoreImage} per used core
 * (sorted by {@link CoreId}), named I/O ports, the symbol table and the model time one tick
 * stands for. This is what the compiler emits, the {@code .nbin} format encodes and the chip loads.
 *
 * @param flags reserved header flags (0); kept verbatim
 * @param dtMs  model time of one tick in ms (the description's {@code dt}); the chip's own tick
 *              length is the architecture's business ({@code timing.tickPacing})
 */
public record NetworkImage(Architecture arch, int flags, List<CoreImage> cores, List<Port> inputs,
                           List<Port> outputs, List<Symbol> symbols, double dtMs) {
    /** The dt of images that do not say (format 1.0 binaries, hand listings without {@code .dt}). */
    public static final double DEFAULT_DT_MS = 1.0;
    /** Smallest and largest dt a binary or listing may carry, ms. */
    public static final double MIN_DT_MS = 1e-6;
    public static final double MAX_DT_MS = 1e6;

    public NetworkImage {
        cores = List.copyOf(cores);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        symbols = List.copyOf(symbols);
    }

    /** An image with the default dt of {@value #DEFAULT_DT_MS} ms. */
    public NetworkImage(Architecture arch, int flags, List<CoreImage> cores, List<Port> inputs,
                        List<Port> outputs, List<Symbol> symbols) {
        this(arch, flags, cores, inputs, outputs, symbols, DEFAULT_DT_MS);
    }

    /** Null when {@code dtMs} can be carried by an image, else why not. */
    public static String checkDt(double dtMs) {
        return dtMs >= MIN_DT_MS && dtMs <= MAX_DT_MS ? null
                : "dt = " + dtMs + " ms is out of range [" + MIN_DT_MS + ", " + MAX_DT_MS + "] ms";
    }

    /** The same image with another dt. */
    public NetworkImage withDtMs(double dt) {
        return new NetworkImage(arch, flags, cores, inputs, outputs, symbols, dt);
    }
}
