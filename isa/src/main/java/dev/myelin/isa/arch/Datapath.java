package dev.myelin.isa.arch;

import java.util.Arrays;
import java.util.Optional;

/** The neuron datapath a core implements (see docs/reference/truenorth.md and loihi.md). */
public enum Datapath {
    /** Binary crossbar, 4 axon types, 4 signed weights per neuron, one target per neuron. */
    TRUENORTH("truenorth"),
    /** Bit-accurate Loihi CUBA LIF with dense/sparse multi-bit synapses (Lava's PyLifModelBitAcc). */
    LOIHI_CUBA("loihi-cuba");

    private final String id;

    Datapath(String id) {
        this.id = id;
    }

    /** The name used in YAML, listings and reports. */
    public String id() {
        return id;
    }

    public static Optional<Datapath> byId(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
    }
}
