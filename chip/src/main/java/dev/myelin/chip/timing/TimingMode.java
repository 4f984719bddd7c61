package dev.myelin.chip.timing;

import dev.myelin.isa.diag.MyelinInputException;

/** How a tick's duration is estimated. */
public enum TimingMode {
    /**
     * Each core's compute time from its operation counts, the tick's messages simulated through
     * the mesh cycle by cycle (contention, backpressure, late spikes), barrier over both plus sync.
     */
    CYCLE("cycle"),
    /**
     * SANA-FE's analytic "simple" rule: max(busiest core's generation time, busiest core's receive
     * time) + sync; messages cross an empty mesh (no contention, hop latency not counted).
     */
    SIMPLE("simple");

    private final String id;

    TimingMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static TimingMode parse(String s) {
        for (TimingMode m : values()) {
            if (m.id.equals(s)) {
                return m;
            }
        }
        throw new MyelinInputException("unknown timing mode '" + s + "' (known: cycle, simple)");
    }
}
