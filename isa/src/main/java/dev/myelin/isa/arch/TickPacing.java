package dev.myelin.isa.arch;

import java.util.Arrays;
import java.util.Optional;

/**
 * How long a tick lasts on the chip (its "chip time"), as opposed to the model time a tick
 * stands for (the network's {@code dt}) and the host's wall time.
 */
public enum TickPacing {
    /**
     * Every tick lasts {@code timing.tickPeriodUs}, whatever its work (TrueNorth's 1 kHz tick):
     * a tick whose work takes longer overruns its period, and its late spikes follow the late policy.
     */
    FIXED("fixed"),
    /**
     * A tick lasts as long as its modelled work, barrier included, and the next one starts at
     * once (Loihi's free-running time steps); no spike is ever late.
     */
    FREE_RUNNING("free-running");

    private final String id;

    TickPacing(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<TickPacing> byId(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
    }
}
