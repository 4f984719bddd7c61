package dev.myelin.isa.arch;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every architecture parameter, declared once: its dotted YAML key, kind, unit, allowed
 * range and help text. {@link Architecture} stores one value per constant and validates
 * all of them in one place; the binary embeds them by key, so the order here is free.
 *
 * <p>Units are part of the key where a number has one ({@code ...Ns}, {@code ...Cycles},
 * {@code ...Bytes}, {@code ...Mhz}); {@link #unit()} spells the unit out for printing.
 */
public enum ArchParam {
    NAME("name", Kind.TEXT, "", 0, 0, "architecture name"),
    DATAPATH("datapath", Kind.CHOICE, "", 0, 0, "neuron datapath: truenorth | loihi-cuba"),

    MESH_X("mesh.routersX", Kind.INT, "routers", 1, 4096, "routers along x on one chip"),
    MESH_Y("mesh.routersY", Kind.INT, "routers", 1, 4096, "routers along y on one chip"),
    CORES_PER_ROUTER("mesh.coresPerRouter", Kind.INT, "cores", 1, 16, "cores sharing one router (a Loihi tile holds 4)"),
    CHIPS_X("board.chipsX", Kind.INT, "chips", 1, 256, "chips along x on a board; the board is one larger mesh"),
    CHIPS_Y("board.chipsY", Kind.INT, "chips", 1, 256, "chips along y on a board"),
    CHIP_LINK_CYCLES("board.chipLinkCycles", Kind.INT, "cycles", 0, 1_000_000,
            "extra latency of a hop that crosses a chip boundary, on top of the on-chip hop"),
    CHIP_LINK_ENERGY_PJ("board.chipLinkEnergyPj", Kind.REAL, "pJ", 0, 1e9,
            "energy of one packet crossing a chip-to-chip link"),

    AXONS("core.axons", Kind.INT, "axons", 1, 65536, "input axons per core (fan-in slots)"),
    NEURONS("core.neurons", Kind.INT, "neurons", 1, 65536, "neurons (compartments) per core"),
    AXON_TYPES("core.axonTypes", Kind.INT, "types", 1, 256,
            "axon types per core (TrueNorth: weight selector G; Loihi: synapse formats)"),
    WEIGHT_BITS("core.weightBits", Kind.INT, "bits", 1, 16, "bits of a stored synaptic weight including sign"),
    DELAY_SLOTS("core.delaySlots", Kind.INT, "slots", 2, 256,
            "axon delay buffer slots; delays 1..delaySlots-1 ticks are representable"),
    MAX_FAN_IN("core.maxFanIn", Kind.INT, "axons", 1, 1 << 20, "distinct input axons a core may receive on"),
    MAX_FAN_OUT("core.maxFanOut", Kind.INT, "targets", 1, 1 << 20, "output targets (core-to-core axons) per core"),
    SYNAPTIC_MEMORY_BYTES("core.synapticMemoryBytes", Kind.INT, "bytes", 1, 1 << 30, "synaptic memory per core"),
    TARGETS_PER_NEURON("core.targetsPerNeuron", Kind.INT, "targets", 1, 65535, "targets one neuron may address"),

    CLOCK_MHZ("timing.clockMhz", Kind.REAL, "MHz", 1e-3, 1e6, "router and core clock; converts cycles to ns"),
    SYNAPTIC_OP_NS("timing.synapticOpNs", Kind.REAL, "ns", 0, 1e6, "time of one synaptic operation"),
    NEURON_UPDATE_NS("timing.neuronUpdateNs", Kind.REAL, "ns", 0, 1e6, "time of one active neuron update"),
    NEURON_IDLE_NS("timing.neuronIdleNs", Kind.REAL, "ns", 0, 1e6, "time of one inactive neuron update"),
    SPIKE_OUT_NS("timing.spikeOutNs", Kind.REAL, "ns", 0, 1e6, "time to emit one spike message from a core"),
    SPIKE_IN_NS("timing.spikeInNs", Kind.REAL, "ns", 0, 1e6, "time to accept one spike message into a core"),
    HOP_CYCLES_EW("timing.hopCyclesEW", Kind.INT, "cycles", 1, 1_000_000, "router pipeline plus link, east-west hop"),
    HOP_CYCLES_NS("timing.hopCyclesNS", Kind.INT, "cycles", 1, 1_000_000, "router pipeline plus link, north-south hop"),
    INJECTION_CYCLES("timing.injectionCycles", Kind.INT, "cycles", 0, 1_000_000, "core to its router (fixed overhead)"),
    EJECTION_CYCLES("timing.ejectionCycles", Kind.INT, "cycles", 0, 1_000_000, "router to its core (fixed overhead)"),
    LINK_FIFO_DEPTH("timing.linkFifoDepth", Kind.INT, "packets", 1, 1 << 16, "input FIFO depth per router link"),
    BARRIER_SYNC_NS("timing.barrierSyncNs", Kind.REAL, "ns", 0, 1e9, "end-of-tick barrier with one router in use"),
    BARRIER_SYNC_PER_ROUTER_NS("timing.barrierSyncPerRouterNs", Kind.REAL, "ns", 0, 1e9,
            "extra barrier time per additional router in use"),
    TICK_PERIOD_US("timing.tickPeriodUs", Kind.REAL, "us", 1e-3, 1e9,
            "chip time of one tick when timing.tickPacing is fixed (TrueNorth: 1 ms)"),
    TICK_PACING("timing.tickPacing", Kind.CHOICE, "", 0, 0,
            "fixed: every tick lasts timing.tickPeriodUs | free-running: a tick lasts its modelled latency",
            TickPacing.FIXED.id()),
    LATE_POLICY("timing.latePolicy", Kind.CHOICE, "", 0, 0, "late spikes: deliver-late | drop"),

    ENERGY_PROFILE("energy.profile", Kind.TEXT, "", 0, 0, "default energy profile used to price counters");

    /** How a value is stored and parsed. */
    public enum Kind { INT, REAL, TEXT, CHOICE }

    private static final List<ArchParam> ALL = List.of(values());

    private final String key;
    private final Kind kind;
    private final String unit;
    private final double min;
    private final double max;
    private final String help;
    private final Object defaultValue;

    ArchParam(String key, Kind kind, String unit, double min, double max, String help) {
        this(key, kind, unit, min, max, help, null);
    }

    ArchParam(String key, Kind kind, String unit, double min, double max, String help, Object defaultValue) {
        this.defaultValue = defaultValue;
        this.key = key;
        this.kind = kind;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.help = help;
    }

    public String key() { return key; }
    public Kind kind() { return kind; }
    public String unit() { return unit; }
    public double min() { return min; }
    public double max() { return max; }
    public String help() { return help; }

    /**
     * The value assumed when a description or a binary leaves the parameter out, or null when
     * it is required. Only parameters added after format 1.0 have one, so older binaries and
     * descriptions keep their meaning.
     */
    public Object defaultValue() { return defaultValue; }

    /** The section of the key ({@code mesh}, {@code core}, ...) or empty for top-level keys. */
    public String group() {
        int dot = key.indexOf('.');
        return dot < 0 ? "" : key.substring(0, dot);
    }

    /** The key without its group. */
    public String leaf() {
        return key.substring(key.indexOf('.') + 1);
    }

    public static List<ArchParam> all() {
        return ALL;
    }

    public static Optional<ArchParam> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    /** Allowed values of a CHOICE parameter. */
    public List<String> choices() {
        return switch (this) {
            case DATAPATH -> Arrays.stream(Datapath.values()).map(Datapath::id).toList();
            case LATE_POLICY -> Arrays.stream(LatePolicy.values()).map(LatePolicy::id).toList();
            case TICK_PACING -> Arrays.stream(TickPacing.values()).map(TickPacing::id).toList();
            default -> List.of();
        };
    }

    /** The allowed range as text, for error messages. */
    public String rangeText() {
        return switch (kind) {
            case INT -> "[" + (long) min + ", " + (long) max + "]";
            case REAL -> "[" + min + ", " + max + "]";
            case CHOICE -> String.join(" | ", choices());
            case TEXT -> "non-empty text";
        };
    }
}
