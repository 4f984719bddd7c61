package dev.myelin.isa.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a TrueNorth core compares V with its negative threshold, one rule for every neuron of the
 * core (docs/reference/truenorth.md, step 3). The bound is {@code beta} with kappa = 1 and
 * {@code beta + eta} with kappa = 0.
 */
public enum NegativeThreshold {
    /** {@code V < -bound}: TrueNorth's own rule (Cassidy et al. 2013), the default. */
    STRICT("strict"),
    /** {@code V <= -bound}: the rule of the RANC simulator with its default {@code neuron_reset_type} 1. */
    INCLUSIVE("inclusive");

    private final String id;

    NegativeThreshold(String id) {
        this.id = id;
    }

    /** The name used in descriptions and listings. */
    public String id() {
        return id;
    }

    public static Optional<NegativeThreshold> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    /** The names, in declaration order (the default first). */
    public static List<String> ids() {
        return Arrays.stream(values()).map(NegativeThreshold::id).toList();
    }
}
