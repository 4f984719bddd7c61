package dev.myelin.isa.arch;

import dev.myelin.isa.diag.MyelinInputException;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fully resolved, validated chip (or board) architecture: one value for every
 * {@link ArchParam}. Immutable. Consumers read the typed accessors once and keep the
 * values in fields; nothing looks parameters up by string in a hot loop.
 *
 * <p>Coordinates: a board of {@code chipsX x chipsY} chips, each a mesh of
 * {@code routersX x routersY} routers, is one global mesh of {@link #meshWidth()} x
 * {@link #meshHeight()} routers; each router serves {@link #coresPerRouter()} cores
 * numbered by slot.
 */
public final class Architecture {
    private final Object[] values;

    private Architecture(Object[] values) {
        this.values = values;
    }

    // ---- typed accessors -------------------------------------------------------------

    public String name() { return text(ArchParam.NAME); }
    public Datapath datapath() { return Datapath.byId(text(ArchParam.DATAPATH)).orElseThrow(); }
    public int routersX() { return integer(ArchParam.MESH_X); }
    public int routersY() { return integer(ArchParam.MESH_Y); }
    public int coresPerRouter() { return integer(ArchParam.CORES_PER_ROUTER); }
    public int chipsX() { return integer(ArchParam.CHIPS_X); }
    public int chipsY() { return integer(ArchParam.CHIPS_Y); }
    public int chipLinkCycles() { return integer(ArchParam.CHIP_LINK_CYCLES); }
    public double chipLinkEnergyPj() { return real(ArchParam.CHIP_LINK_ENERGY_PJ); }
    public int axons() { return integer(ArchParam.AXONS); }
    public int neurons() { return integer(ArchParam.NEURONS); }
    public int axonTypes() { return integer(ArchParam.AXON_TYPES); }
    public int weightBits() { return integer(ArchParam.WEIGHT_BITS); }
    public int delaySlots() { return integer(ArchParam.DELAY_SLOTS); }
    public int maxFanIn() { return integer(ArchParam.MAX_FAN_IN); }
    public int maxFanOut() { return integer(ArchParam.MAX_FAN_OUT); }
    public int synapticMemoryBytes() { return integer(ArchParam.SYNAPTIC_MEMORY_BYTES); }
    public int targetsPerNeuron() { return integer(ArchParam.TARGETS_PER_NEURON); }
    public double clockMhz() { return real(ArchParam.CLOCK_MHZ); }
    public double synapticOpNs() { return real(ArchParam.SYNAPTIC_OP_NS); }
    public double neuronUpdateNs() { return real(ArchParam.NEURON_UPDATE_NS); }
    public double neuronIdleNs() { return real(ArchParam.NEURON_IDLE_NS); }
    public double spikeOutNs() { return real(ArchParam.SPIKE_OUT_NS); }
    public double spikeInNs() { return real(ArchParam.SPIKE_IN_NS); }
    public int hopCyclesEW() { return integer(ArchParam.HOP_CYCLES_EW); }
    public int hopCyclesNS() { return integer(ArchParam.HOP_CYCLES_NS); }
    public int injectionCycles() { return integer(ArchParam.INJECTION_CYCLES); }
    public int ejectionCycles() { return integer(ArchParam.EJECTION_CYCLES); }
    public int linkFifoDepth() { return integer(ArchParam.LINK_FIFO_DEPTH); }
    public double barrierSyncNs() { return real(ArchParam.BARRIER_SYNC_NS); }
    public double barrierSyncPerRouterNs() { return real(ArchParam.BARRIER_SYNC_PER_ROUTER_NS); }
    public double tickPeriodUs() { return real(ArchParam.TICK_PERIOD_US); }
    public TickPacing tickPacing() { return TickPacing.byId(text(ArchParam.TICK_PACING)).orElseThrow(); }
    public LatePolicy latePolicy() { return LatePolicy.byId(text(ArchParam.LATE_POLICY)).orElseThrow(); }
    public String energyProfile() { return text(ArchParam.ENERGY_PROFILE); }

    // ---- derived ------------------------------------------------------------------------

    /** Routers along x on the whole board. */
    public int meshWidth() { return routersX() * chipsX(); }
    /** Routers along y on the whole board. */
    public int meshHeight() { return routersY() * chipsY(); }
    /** Cores on the whole board. */
    public long totalCores() { return (long) meshWidth() * meshHeight() * coresPerRouter(); }
    /** Neurons on the whole board. */
    public long totalNeurons() { return totalCores() * neurons(); }
    /** Nanoseconds per router cycle. */
    public double cycleNs() { return 1000.0 / clockMhz(); }
    /** Largest representable axon delay in ticks. */
    public int maxDelay() { return delaySlots() - 1; }
    /** Barrier sync time with {@code routersInUse} routers taking part. */
    public double barrierNs(int routersInUse) {
        return barrierSyncNs() + barrierSyncPerRouterNs() * Math.max(0, routersInUse - 1);
    }
    /** True when (x, y, slot) names a core on this board. */
    public boolean hasCore(int x, int y, int slot) {
        return x >= 0 && y >= 0 && slot >= 0 && x < meshWidth() && y < meshHeight() && slot < coresPerRouter();
    }

    // ---- generic access -----------------------------------------------------------------

    public Object value(ArchParam p) { return values[p.ordinal()]; }
    public int integer(ArchParam p) { return ((Long) values[p.ordinal()]).intValue(); }
    public double real(ArchParam p) { return (Double) values[p.ordinal()]; }
    public String text(ArchParam p) { return (String) values[p.ordinal()]; }

    /** The value formatted for listings and YAML: integers plain, reals shortest round-trip. */
    public String format(ArchParam p) {
        Object v = value(p);
        if (v instanceof Double d) {
            return formatReal(d);
        }
        return String.valueOf(v);
    }

    static String formatReal(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d) + ".0";
        }
        return Double.toString(d);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        for (ArchParam p : ArchParam.all()) {
            b.values.put(p, values[p.ordinal()]);
        }
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && Arrays.equals(values, a.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return name() + " (" + datapath().id() + ": " + meshWidth() + " x " + meshHeight() + " routers x "
                + coresPerRouter() + (coresPerRouter() == 1 ? " core" : " cores") + " of " + axons() + " axons x "
                + neurons() + " neurons)";
    }

    /** Collects values (typed by {@link ArchParam#kind()}) and validates them all at once. */
    public static final class Builder {
        private final Map<ArchParam, Object> values = new EnumMap<>(ArchParam.class);

        public Builder set(ArchParam p, long v) {
            requireKind(p, ArchParam.Kind.INT);
            values.put(p, v);
            return this;
        }

        /** Sets a real; -0.0 is stored as +0.0, the one zero a binary carries. */
        public Builder set(ArchParam p, double v) {
            requireKind(p, ArchParam.Kind.REAL);
            values.put(p, v == 0 ? 0.0 : v);
            return this;
        }

        public Builder set(ArchParam p, String v) {
            if (p.kind() != ArchParam.Kind.TEXT && p.kind() != ArchParam.Kind.CHOICE) {
                throw new IllegalArgumentException(p.key() + " is not text");
            }
            values.put(p, Objects.requireNonNull(v));
            return this;
        }

        /** Sets a value of the right Java type for the parameter's kind (Long, Double or String). */
        public Builder setRaw(ArchParam p, Object v) {
            switch (p.kind()) {
                case INT -> set(p, ((Number) v).longValue());
                case REAL -> set(p, ((Number) v).doubleValue());
                default -> set(p, (String) v);
            }
            return this;
        }

        public Object get(ArchParam p) {
            return values.get(p);
        }

        private static void requireKind(ArchParam p, ArchParam.Kind k) {
            if (p.kind() != k) {
                throw new IllegalArgumentException(p.key() + " is " + p.kind() + ", not " + k);
            }
        }

        /**
         * Validates every value and the rules between them.
         *
         * @param where prefix for messages (a file name, "preset truenorth", ...)
         * @throws MyelinInputException naming the field, its value and the allowed range; a
         *         {@link RuleBroken} for a rule between fields
         */
        public Architecture build(String where) {
            Object[] out = new Object[ArchParam.all().size()];
            for (ArchParam p : ArchParam.all()) {
                Object v = values.get(p);
                if (v == null) {
                    v = p.defaultValue();
                }
                if (v == null) {
                    throw new MyelinInputException(where + ": field " + p.key() + " is missing ("
                            + p.help() + ")");
                }
                String problem = checkValue(p, v);
                if (problem != null) {
                    throw new MyelinInputException(where + ": field " + p.key() + " = " + v + " " + problem);
                }
                out[p.ordinal()] = v;
            }
            Architecture a = new Architecture(out);
            RuleBroken rule = crossCheck(a, where);
            if (rule != null) {
                throw rule;
            }
            return a;
        }

        /** Null if {@code v} is acceptable for {@code p}; otherwise why not (with the allowed range). */
        public static String checkValue(ArchParam p, Object v) {
            switch (p.kind()) {
                case INT -> {
                    long x = (Long) v;
                    if (x < p.min() || x > p.max()) {
                        return "is out of range " + p.rangeText();
                    }
                }
                case REAL -> {
                    double x = (Double) v;
                    if (!(x >= p.min() && x <= p.max())) {
                        return "is out of range " + p.rangeText();
                    }
                }
                case CHOICE -> {
                    if (!p.choices().contains((String) v)) {
                        return "is not one of " + p.rangeText();
                    }
                }
                case TEXT -> {
                    String s = (String) v;
                    if (s.isBlank() || s.length() > 255 || !s.chars().allMatch(c -> c > ' ' && c < 127)) {
                        return "must be 1-255 printable ASCII characters without spaces";
                    }
                }
            }
            return null;
        }

        private static RuleBroken crossCheck(Architecture a, String where) {
            if (a.datapath() == Datapath.TRUENORTH) {
                if (a.axonTypes() > 4) {
                    return new RuleBroken(where, "field core.axonTypes = " + a.axonTypes()
                            + " is out of range [1, 4] for datapath truenorth (4 weights per neuron)",
                            ArchParam.AXON_TYPES, ArchParam.DATAPATH);
                }
                if (a.weightBits() > 10) {
                    return new RuleBroken(where, "field core.weightBits = " + a.weightBits()
                            + " is out of range [1, 10] for datapath truenorth", ArchParam.WEIGHT_BITS, ArchParam.DATAPATH);
                }
            }
            if (a.maxFanIn() < a.axons()) {
                return new RuleBroken(where, "field core.maxFanIn = " + a.maxFanIn() + " is smaller than core.axons = "
                        + a.axons(), ArchParam.MAX_FAN_IN, ArchParam.AXONS);
            }
            if (a.totalCores() > (1L << 24)) {
                return new RuleBroken(where, "the board has " + a.totalCores() + " cores; at most 16777216 are supported",
                        ArchParam.CHIPS_X, ArchParam.CHIPS_Y, ArchParam.MESH_X, ArchParam.MESH_Y,
                        ArchParam.CORES_PER_ROUTER);
            }
            return null;
        }
    }

    /**
     * A rule between parameters that the values break (the TrueNorth datapath's limits, fan-in
     * against axons, the board's size), with the parameters it involves, the one to change
     * first leading, so a reader can point at the line that set one of them.
     */
    public static final class RuleBroken extends MyelinInputException {
        private static final long serialVersionUID = 1L;
        private final transient List<ArchParam> fields;
        private final String rule;

        RuleBroken(String where, String rule, ArchParam... fields) {
            super(where + ": " + rule);
            this.rule = rule;
            this.fields = List.of(fields);
        }

        /** The parameters the rule involves, the one its message names first. */
        public List<ArchParam> fields() {
            return fields;
        }

        /** The rule as broken, without the location. */
        public String rule() {
            return rule;
        }
    }
}
