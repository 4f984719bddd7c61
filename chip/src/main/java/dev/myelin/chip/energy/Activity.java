package dev.myelin.chip.energy;

import java.util.List;

/**
 * What a core did in a tick, as pricing needs it, declared once with unit and
 * description (the stats writers print them as given). Counting rules follow SANA-FE's
 * (docs/energy.md) so figures compare column by column. Hops are counted by the mesh, not
 * per core: see {@link Pricing#addNetwork}.
 */
public enum Activity {
    NEURONS("neurons", "neurons", "neuron states accessed (every neuron of a used core, every tick)"),
    UPDATED("updated", "neurons", "neuron updates that did work (the datapath's active updates)"),
    SPIKES("spikes", "spikes", "neurons that fired"),
    SYN_EVENTS("synEvents", "events", "synaptic events: synapse lookups with a connection (NeuroBench Effective_ACs), "
            + "counted in the tick the spike causing them was sent (SANA-FE)"),
    MESSAGES_OUT("messagesOut", "messages", "messages sent: one per (firing neuron, destination core), 0-hop included"),
    MESSAGES_IN("messagesIn", "messages", "messages received"),
    LEARNING("learningUpdates", "updates", "synaptic weights changed by the learning engine"),
    TRACE_UPDATES("traceUpdates", "updates", "learning traces decayed (non-zero ones) or incremented by a spike; "
            + "counted, not priced: no published per-update figure"),
    DEVICE_PULSES("devicePulses", "pulses", "programming pulses given to memristive synapse devices"),
    DEVICE_READS("deviceReads", "reads", "memristive synapse devices read"),
    DEVICE_WRITE_FJ("deviceWriteFj", "fJ", "memristive devices' programming energy, V^2 G t per pulse"),
    DEVICE_READ_FJ("deviceReadFj", "fJ", "memristive devices' read energy, V_read^2 G t_read per read");

    /** Number of counters: the stride of flat per-core count arrays. */
    public static final int COUNT = values().length;
    private static final List<Activity> ALL = List.of(values());

    private final String key;
    private final String unit;
    private final String description;

    Activity(String key, String unit, String description) {
        this.key = key;
        this.unit = unit;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    public String description() {
        return description;
    }

    public static List<Activity> all() {
        return ALL;
    }

    /** Index of this counter for {@code core} in a flat array of {@code cores x COUNT}. */
    public int at(int core) {
        return core * COUNT + ordinal();
    }
}
