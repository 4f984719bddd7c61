package dev.myelin.chip.core;

import java.util.List;

/**
 * The per-core activity counters, each declared once with its unit and meaning. They feed the
 * energy report (counts x an energy table, priced after the run) and the timing model (per-tick
 * counts). Every counter is independent of the thread count and of idle-core skipping: a skipped
 * core counts exactly what a stepped quiescent core would.
 */
public enum Counter {
    SYNAPTIC_EVENTS("events", Aggregate.SUM,
            "synapse lookups with a connection: an active axon meeting a set crossbar bit or a stored sparse entry"),
    SYNAPTIC_EVENTS_ROUTED("events", Aggregate.SUM,
            "synapse lookups the spikes accepted for this core will cause, counted in the tick they were sent or "
                    + "injected (SANA-FE's attribution; merged and dropped spikes cause none)"),
    NEURON_UPDATES_ACTIVE("updates", Aggregate.SUM,
            "updated neurons by SANA-FE's rule: synaptic input this tick, a non-zero potential before the update, "
                    + "a non-zero bias or leak, or a spike"),
    NEURON_UPDATES_INACTIVE("updates", Aggregate.SUM,
            "neuron updates with nothing to do (includes every neuron of a skipped idle core)"),
    AXON_EVENTS("events", Aggregate.SUM, "active axons read from the delay buffer (one per axon and tick)"),
    SPIKES_IN("spikes", Aggregate.SUM,
            "spike arrivals at this core from the network or injected (merged, late and dropped ones included)"),
    SPIKES_INJECTED("spikes", Aggregate.SUM, "arrivals from the chip boundary (inject calls); part of spikes in"),
    SPIKES_MERGED("spikes", Aggregate.SUM,
            "arrivals for an axon and tick already marked active, merged into one axon event"),
    SPIKES_LATE("spikes", Aggregate.SUM, "arrivals after their delivery tick (then delivered late or dropped)"),
    SPIKES_DROPPED("spikes", Aggregate.SUM,
            "arrivals discarded: late under the drop policy, or beyond the delay buffer's window"),
    NEURONS_FIRED("spikes", Aggregate.SUM, "neurons of this core that fired"),
    SPIKES_OUT("packets", Aggregate.SUM, "spike messages this core sent into the network (one per target)"),
    SPIKES_TO_PORTS("spikes", Aggregate.SUM, "spikes this core reported on output ports"),
    DELAY_OCCUPANCY_SUM("axon-ticks", Aggregate.SUM,
            "pending axon events in the delay buffer at the end of each tick, summed over ticks"),
    DELAY_OCCUPANCY_MAX("axon events", Aggregate.MAX,
            "largest number of pending axon events held in the delay buffer at the end of a tick"),
    TICKS_STEPPED("ticks", Aggregate.SUM, "ticks in which the core was stepped (not skipped as idle)"),
    TICKS_SKIPPED("ticks", Aggregate.SUM, "ticks in which the core was idle and skipped"),
    LEARNING_UPDATES("updates", Aggregate.SUM,
            "synaptic updates: plastic synapses for which a learning rule computed a non-zero change at an epoch's end"),
    TRACE_UPDATES("updates", Aggregate.SUM, "learning traces decayed (non-zero values) or incremented by a spike"),
    DEVICE_PULSES("pulses", Aggregate.SUM,
            "programming pulses (potentiation and depression) given to memristive synapse devices by the learning rules"),
    DEVICE_READS("reads", Aggregate.SUM, "memristive synapse devices read (one per device and read)"),
    DEVICE_WRITE_FJ("fJ", Aggregate.SUM,
            "programming energy of the memristive devices, V^2 G t per pulse: the change of the core's running sum "
                    + "rounded to whole fJ"),
    DEVICE_READ_FJ("fJ", Aggregate.SUM,
            "read energy of the memristive devices, V_read^2 G t_read per read: the change of the core's running sum "
                    + "rounded to whole fJ");

    /** How a counter combines over cores or ticks. */
    public enum Aggregate { SUM, MAX }

    private static final List<Counter> ALL = List.of(values());

    private final String unit;
    private final Aggregate aggregate;
    private final String description;

    Counter(String unit, Aggregate aggregate, String description) {
        this.unit = unit;
        this.aggregate = aggregate;
        this.description = description;
    }

    public String unit() {
        return unit;
    }

    public Aggregate aggregate() {
        return aggregate;
    }

    public String description() {
        return description;
    }

    /** Lower-case dotted key for reports ({@code synaptic_events}). */
    public String key() {
        return name().toLowerCase();
    }

    public static List<Counter> all() {
        return ALL;
    }

    /** Combines two values of this counter. */
    public long combine(long a, long b) {
        return aggregate == Aggregate.SUM ? a + b : Math.max(a, b);
    }
}
