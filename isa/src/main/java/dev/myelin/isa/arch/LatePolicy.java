package dev.myelin.isa.arch;

import java.util.Arrays;
import java.util.Optional;

/** What the chip does with a spike that reaches its core after its delivery tick. Counted either way. */
public enum LatePolicy {
    /** Deliver in the first tick after it arrives. */
    DELIVER_LATE("deliver-late"),
    /** Drop it. */
    DROP("drop");

    private final String id;

    LatePolicy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<LatePolicy> byId(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
    }
}
