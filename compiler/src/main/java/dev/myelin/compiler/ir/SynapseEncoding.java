package dev.myelin.compiler.ir;

import java.util.List;

/**
 * How a Loihi core stores its synapses (docs/architecture.md, "Synaptic memory"): sparse, a
 * (compartment, weight) entry per synapse; dense, a weight for every (axon, compartment) pair
 * of the core; or auto, whichever takes fewer bytes on that core.
 */
public enum SynapseEncoding {
    AUTO, SPARSE, DENSE;

    /** The name in the description language. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static List<String> ids() {
        return List.of("auto", "sparse", "dense");
    }

    public static SynapseEncoding of(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }
}
