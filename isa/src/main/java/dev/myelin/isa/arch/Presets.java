package dev.myelin.isa.arch;

import dev.myelin.isa.diag.MyelinInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in architectures. Figures and their sources are in docs/architecture.md;
 * where the public record gives no number (TrueNorth per-operation times, router clock)
 * the value is an estimate and its help says so there.
 */
public final class Presets {
    /**
     * Loihi's mesh-wide end-of-tick barrier (Davies 2018): {@value} ns with 1 tile taking part,
     * {@link #LOIHI_BARRIER_ALL_TILES_NS} with all {@link #LOIHI_TILES}, linear in between. Declared
     * here once: the {@code loihi} preset's barrier and the {@code loihi-davies2018} energy
     * profile's sync table are both made from it.
     */
    public static final double LOIHI_BARRIER_ONE_TILE_NS = 113.0;
    /** Loihi's barrier with every tile taking part, ns (see {@link #LOIHI_BARRIER_ONE_TILE_NS}). */
    public static final double LOIHI_BARRIER_ALL_TILES_NS = 465.0;
    /** Tiles (routers) of a Loihi chip: its 8 x 4 mesh. */
    public static final int LOIHI_TILES = 32;

    /*
     * Loihi's per-event times (Davies 2018, Table 2), ns, declared here once: the loihi preset's
     * timing and the loihi-davies2018 energy profile's latencies are both made from them.
     */
    /** One synaptic spike operation. */
    public static final double LOIHI_SYNAPTIC_OP_NS = 3.5;
    /** One active neuron update (the whole update of a neuron that integrates or fires). */
    public static final double LOIHI_NEURON_ACTIVE_NS = 8.4;
    /** One inactive neuron update. */
    public static final double LOIHI_NEURON_INACTIVE_NS = 5.3;
    /** A spike within a tile: paid by every message a core sends. */
    public static final double LOIHI_SPIKE_OUT_NS = 2.1;
    /** A hop between tiles east-west. */
    public static final double LOIHI_HOP_EW_NS = 4.1;
    /** A hop between tiles north-south. */
    public static final double LOIHI_HOP_NS_NS = 6.5;
    /** The loihi preset's router clock, MHz: 0.5 ns cycles, so the hops are (close to) whole cycles. */
    private static final double LOIHI_CLOCK_MHZ = 2000.0;

    private static final Map<String, Architecture> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("truenorth", truenorth());
        PRESETS.put("loihi", loihi());
        PRESETS.put("tiny", tiny());
        PRESETS.put("booksim", booksim());
    }

    private Presets() {
    }

    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    public static Optional<Architecture> byName(String name) {
        return Optional.ofNullable(PRESETS.get(name));
    }

    /** A preset, or a usage error that lists the known names. */
    public static Architecture require(String name) {
        return byName(name).orElseThrow(() -> new MyelinInputException(
                "unknown architecture preset '" + name + "' (known: " + String.join(", ", names()) + ")"));
    }

    /** TrueNorth (Merolla 2014, Akopyan 2015): 64 x 64 cores of 256 axons x 256 neurons, 1 ms tick. */
    static Architecture truenorth() {
        return base("truenorth", Datapath.TRUENORTH)
                .set(ArchParam.MESH_X, 64).set(ArchParam.MESH_Y, 64).set(ArchParam.CORES_PER_ROUTER, 1)
                .set(ArchParam.AXONS, 256).set(ArchParam.NEURONS, 256).set(ArchParam.AXON_TYPES, 4)
                .set(ArchParam.WEIGHT_BITS, 9).set(ArchParam.DELAY_SLOTS, 16)
                .set(ArchParam.MAX_FAN_IN, 256).set(ArchParam.MAX_FAN_OUT, 256)
                .set(ArchParam.SYNAPTIC_MEMORY_BYTES, 8192).set(ArchParam.TARGETS_PER_NEURON, 1)
                .set(ArchParam.CLOCK_MHZ, 1000.0)
                .set(ArchParam.SYNAPTIC_OP_NS, 1.0).set(ArchParam.NEURON_UPDATE_NS, 4.0)
                .set(ArchParam.NEURON_IDLE_NS, 4.0).set(ArchParam.SPIKE_OUT_NS, 2.0).set(ArchParam.SPIKE_IN_NS, 1.0)
                .set(ArchParam.HOP_CYCLES_EW, 2).set(ArchParam.HOP_CYCLES_NS, 2)
                .set(ArchParam.INJECTION_CYCLES, 2).set(ArchParam.EJECTION_CYCLES, 1)
                .set(ArchParam.LINK_FIFO_DEPTH, 4)
                .set(ArchParam.BARRIER_SYNC_NS, 0.0).set(ArchParam.BARRIER_SYNC_PER_ROUTER_NS, 0.0)
                .set(ArchParam.TICK_PERIOD_US, 1000.0)
                .set(ArchParam.TICK_PACING, TickPacing.FIXED.id())
                .set(ArchParam.LATE_POLICY, LatePolicy.DROP.id())
                .set(ArchParam.ENERGY_PROFILE, "truenorth")
                .build("preset truenorth");
    }

    /** Loihi (Davies 2018): 8 x 4 tiles of 4 cores, 1,024 compartments, 128 KB synaptic memory per core. */
    static Architecture loihi() {
        return base("loihi", Datapath.LOIHI_CUBA)
                .set(ArchParam.MESH_X, 8).set(ArchParam.MESH_Y, 4).set(ArchParam.CORES_PER_ROUTER, 4)
                .set(ArchParam.AXONS, 4096).set(ArchParam.NEURONS, 1024).set(ArchParam.AXON_TYPES, 16)
                .set(ArchParam.WEIGHT_BITS, 9).set(ArchParam.DELAY_SLOTS, 64)
                .set(ArchParam.MAX_FAN_IN, 4096).set(ArchParam.MAX_FAN_OUT, 4096)
                .set(ArchParam.SYNAPTIC_MEMORY_BYTES, 131072).set(ArchParam.TARGETS_PER_NEURON, 4096)
                // 0.5 ns cycles: north-south 6.5 ns = 13 cycles exactly, east-west 4.1 ns ~ 8 cycles (4.0 ns)
                .set(ArchParam.CLOCK_MHZ, LOIHI_CLOCK_MHZ)
                .set(ArchParam.SYNAPTIC_OP_NS, LOIHI_SYNAPTIC_OP_NS).set(ArchParam.NEURON_UPDATE_NS, LOIHI_NEURON_ACTIVE_NS)
                .set(ArchParam.NEURON_IDLE_NS, LOIHI_NEURON_INACTIVE_NS).set(ArchParam.SPIKE_OUT_NS, LOIHI_SPIKE_OUT_NS)
                .set(ArchParam.SPIKE_IN_NS, 0.0)
                .set(ArchParam.HOP_CYCLES_EW, wholeCycles(LOIHI_HOP_EW_NS, LOIHI_CLOCK_MHZ))
                .set(ArchParam.HOP_CYCLES_NS, wholeCycles(LOIHI_HOP_NS_NS, LOIHI_CLOCK_MHZ))
                .set(ArchParam.INJECTION_CYCLES, 4).set(ArchParam.EJECTION_CYCLES, 0)
                .set(ArchParam.LINK_FIFO_DEPTH, 16)
                // 113 ns for 1 tile, 465 ns for 32 tiles, linear in between
                .set(ArchParam.BARRIER_SYNC_NS, LOIHI_BARRIER_ONE_TILE_NS)
                .set(ArchParam.BARRIER_SYNC_PER_ROUTER_NS,
                        (LOIHI_BARRIER_ALL_TILES_NS - LOIHI_BARRIER_ONE_TILE_NS) / (LOIHI_TILES - 1))
                // free-running time steps (Davies 2018): a tick lasts its work; the period is kept for
                // users who pace it to a fixed rate (timing.tickPacing: fixed)
                .set(ArchParam.TICK_PERIOD_US, 1000.0)
                .set(ArchParam.TICK_PACING, TickPacing.FREE_RUNNING.id())
                .set(ArchParam.LATE_POLICY, LatePolicy.DELIVER_LATE.id())
                .set(ArchParam.ENERGY_PROFILE, "loihi-davies2018")
                .build("preset loihi");
    }

    /** {@code ns} in cycles of a {@code clockMhz} clock, to the nearest whole cycle. */
    private static int wholeCycles(double ns, double clockMhz) {
        return (int) Math.round(ns * clockMhz / 1000.0);
    }

    /** A 2 x 2 mesh of 16-axon x 16-neuron TrueNorth-style cores: small enough to print whole. */
    static Architecture tiny() {
        return truenorth().toBuilder()
                .set(ArchParam.NAME, "tiny")
                .set(ArchParam.MESH_X, 2).set(ArchParam.MESH_Y, 2)
                .set(ArchParam.AXONS, 16).set(ArchParam.NEURONS, 16)
                .set(ArchParam.MAX_FAN_IN, 16).set(ArchParam.MAX_FAN_OUT, 16)
                .set(ArchParam.SYNAPTIC_MEMORY_BYTES, 32)
                .build("preset tiny");
    }

    /**
     * BookSim 2's minimal pipeline on an 8 x 8 mesh, so mesh results compare directly with it
     * (Jiang et al., ISPASS 2013): 2-router-cycle pipeline plus 1-cycle link per hop (3 cycles),
     * a 2-cycle injection channel, 8-flit buffers. BookSim's zero-load latency over H links is
     * 2 + (H + 1) x 3 = 3H + 5: the destination router's 2-cycle pipeline and its 1-cycle
     * ejection link make up the 3 ejection cycles here (our ejection covers both), so
     * injection + H x hop + ejection gives the same 3H + 5. Neurons are TrueNorth-style.
     */
    static Architecture booksim() {
        return truenorth().toBuilder()
                .set(ArchParam.NAME, "booksim")
                .set(ArchParam.MESH_X, 8).set(ArchParam.MESH_Y, 8).set(ArchParam.CORES_PER_ROUTER, 1)
                .set(ArchParam.CLOCK_MHZ, 1000.0)
                .set(ArchParam.HOP_CYCLES_EW, 3).set(ArchParam.HOP_CYCLES_NS, 3)
                .set(ArchParam.INJECTION_CYCLES, 2).set(ArchParam.EJECTION_CYCLES, 3)
                .set(ArchParam.LINK_FIFO_DEPTH, 8)
                .build("preset booksim");
    }

    private static Architecture.Builder base(String name, Datapath d) {
        return Architecture.builder()
                .set(ArchParam.NAME, name).set(ArchParam.DATAPATH, d.id())
                .set(ArchParam.CHIPS_X, 1).set(ArchParam.CHIPS_Y, 1)
                .set(ArchParam.CHIP_LINK_CYCLES, 20).set(ArchParam.CHIP_LINK_ENERGY_PJ, 100.0);
    }
}
