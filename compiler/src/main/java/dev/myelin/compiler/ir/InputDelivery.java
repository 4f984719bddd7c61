package dev.myelin.compiler.ir;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a spiking input's spikes reach the chip (docs/language.md, "Inputs on the chip").
 * {@link #AXONS}: injected straight into the target cores' axons (no message, no hop), a spike
 * listed for tick k reaching its targets in tick k + delay - 1. {@link #ON_CHIP}: the input's
 * lines are input neurons on input cores of the chip; a line's input neuron fires in the tick
 * the spike is listed for and sends messages through the mesh, reaching its targets in tick
 * k + delay, like a neuron of a population.
 */
public enum InputDelivery {
    AXONS("axons"),
    ON_CHIP("on_chip");

    private final String id;

    InputDelivery(String id) {
        this.id = id;
    }

    /** The description's spelling ({@code axons}, {@code on_chip}). */
    public String id() {
        return id;
    }

    /** By the description's spelling, or the command line's ({@code on-chip}). */
    public static Optional<InputDelivery> byId(String s) {
        return Arrays.stream(values()).filter(v -> v.id.equals(s) || v.id.replace('_', '-').equals(s)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(InputDelivery::id).toList();
    }
}
