package dev.myelin.chip.energy;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.TextFiles;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.myelin.chip.energy.EnergyParam.*;

/**
 * The shipped profiles, each value with its source (docs/energy.md lists them all). A
 * profile the source does not cover (static power for Loihi) is 0 and says so in a note,
 * never borrowed silently from another set.
 */
public final class Profiles {
    private static final Map<String, EnergyProfile> SHIPPED = new LinkedHashMap<>();

    static {
        for (EnergyProfile p : List.of(loihiDavies2018(), loihiCalibrated(), truenorth())) {
            SHIPPED.put(p.name(), p);
        }
    }

    private Profiles() {
    }

    public static List<String> names() {
        return List.copyOf(SHIPPED.keySet());
    }

    public static Optional<EnergyProfile> byName(String name) {
        return Optional.ofNullable(SHIPPED.get(name));
    }

    /** The chip family a shipped profile's figures describe; empty for user profiles. */
    public static Optional<Datapath> family(EnergyProfile p) {
        if (!SHIPPED.containsKey(p.name()) || !SHIPPED.get(p.name()).equals(p)) {
            return Optional.empty();
        }
        return Optional.of(p.name().startsWith("loihi") ? Datapath.LOIHI_CUBA : Datapath.TRUENORTH);
    }

    /**
     * A warning when {@code p}'s figures describe another chip family than {@code arch}'s
     * datapath (re-pricing a TrueNorth run with a Loihi table, say), or null.
     */
    public static String familyWarning(EnergyProfile p, Architecture arch) {
        Optional<Datapath> f = family(p);
        if (f.isEmpty() || f.get() == arch.datapath()) {
            return null;
        }
        return "energy profile '" + p.name() + "' prices " + f.get().id() + " chips, but the run is on " + arch.name()
                + " (" + arch.datapath().id() + " datapath): the counts are this chip's events, priced at the other "
                + "family's per-event figures";
    }

    /** A shipped profile by name, or a YAML profile file. */
    public static EnergyProfile resolve(String nameOrFile) {
        EnergyProfile p = SHIPPED.get(nameOrFile);
        if (p != null) {
            return p;
        }
        Path f;
        try {
            f = Path.of(nameOrFile);
        } catch (InvalidPathException e) {
            throw new MyelinInputException("unknown energy profile '" + TextFiles.printable(nameOrFile)
                    + "': not a shipped profile (" + String.join(", ", names()) + ") and not a usable file name ("
                    + e.getReason() + ")");
        }
        if (Files.exists(f)) {
            return ProfileYaml.load(f);
        }
        throw new MyelinInputException("unknown energy profile '" + TextFiles.printable(nameOrFile)
                + "': not a shipped profile (" + String.join(", ", names()) + ") and not a file");
    }

    /** Davies et al., IEEE Micro 2018, Table 2: pre-silicon, 0.75 V. */
    static EnergyProfile loihiDavies2018() {
        String none = "not given by Davies 2018 Table 2";
        // the per-event times are the loihi preset's (Presets.LOIHI_*_NS); the energies are this table's alone
        return new EnergyProfile.Builder("loihi-davies2018")
                .label("Loihi, pre-silicon estimate (Davies 2018, 0.75 V)")
                .source("Davies et al., Loihi: A Neuromorphic Manycore Processor with On-Chip Learning, "
                        + "IEEE Micro 38(1), 2018, Table 2")
                .event(SYNAPSE_DENSE_PJ, 23.6, SYNAPSE_DENSE_NS, Presets.LOIHI_SYNAPTIC_OP_NS)
                .event(SYNAPSE_SPARSE_PJ, 23.6, SYNAPSE_SPARSE_NS, Presets.LOIHI_SYNAPTIC_OP_NS)
                .note(SYNAPSE_SPARSE_PJ, "Table 2 has one synaptic spike op figure for every format")
                .event(DENDRITE_PJ, 0, DENDRITE_NS, 0)
                // inactive update 52 pJ / 5.3 ns is paid by every neuron; active adds the rest to 81 pJ / 8.4 ns
                .event(SOMA_ACCESS_PJ, 52, SOMA_ACCESS_NS, Presets.LOIHI_NEURON_INACTIVE_NS)
                .note(SOMA_ACCESS_PJ, "neuron update, inactive")
                .event(SOMA_UPDATE_PJ, 81 - 52, SOMA_UPDATE_NS,
                        Presets.LOIHI_NEURON_ACTIVE_NS - Presets.LOIHI_NEURON_INACTIVE_NS)
                .note(SOMA_UPDATE_PJ, "neuron update active 81 pJ / 8.4 ns minus inactive 52 pJ / 5.3 ns")
                .event(SOMA_SPIKE_PJ, 0, SOMA_SPIKE_NS, 0)
                .event(AXON_OUT_PJ, 1.7, AXON_OUT_NS, Presets.LOIHI_SPIKE_OUT_NS)
                .note(AXON_OUT_PJ, "spike within a tile, paid by every message")
                .event(AXON_IN_PJ, 0, AXON_IN_NS, 0)
                .event(HOP_EW_PJ, 3.0, HOP_EW_NS, Presets.LOIHI_HOP_EW_NS)
                .event(HOP_NS_PJ, 4.0, HOP_NS_NS, Presets.LOIHI_HOP_NS_NS)
                .event(LEARNING_PJ, 120, LEARNING_NS, 6.1)
                .note(LEARNING_PJ, "synaptic update (pairwise STDP); trace updates are counted (trace_updates), not "
                        + "priced: Table 2 gives no figure for them")
                .set(STATIC_CORE_MW, 0).set(STATIC_ROUTER_MW, 0).set(STATIC_CHIP_MW, 0)
                .note(STATIC_CORE_MW, none).note(STATIC_ROUTER_MW, none).note(STATIC_CHIP_MW, none)
                // mesh-wide barrier 113 ns for 1 tile to 465 ns for 32 tiles: the loihi preset's
                .sync(new SyncTable(new int[] {1, Presets.LOIHI_TILES},
                        new double[] {Presets.LOIHI_BARRIER_ONE_TILE_NS, Presets.LOIHI_BARRIER_ALL_TILES_NS}))
                .build();
    }

    /** The hardware-calibrated Loihi set SANA-FE ships (arch/loihi.yaml; Boyle et al., IEEE TCAD 2025). */
    static EnergyProfile loihiCalibrated() {
        String none = "SANA-FE has no static power term";
        return new EnergyProfile.Builder("loihi-calibrated")
                .label("Loihi, hardware-calibrated (SANA-FE arch/loihi.yaml)")
                .source("Boyle et al., SANA-FE: Simulating Advanced Neuromorphic Architectures for Fast "
                        + "Exploration, IEEE TCAD 2025; values from its arch/loihi.yaml")
                .event(SYNAPSE_DENSE_PJ, 35.5, SYNAPSE_DENSE_NS, 3.8)
                .event(SYNAPSE_SPARSE_PJ, 33.6, SYNAPSE_SPARSE_NS, 4.7)
                .event(DENDRITE_PJ, 0, DENDRITE_NS, 0)
                .event(SOMA_ACCESS_PJ, 51.2, SOMA_ACCESS_NS, 6.0)
                .event(SOMA_UPDATE_PJ, 21.6, SOMA_UPDATE_NS, 3.7)
                .event(SOMA_SPIKE_PJ, 69.3, SOMA_SPIKE_NS, 30)
                .event(AXON_OUT_PJ, 111, AXON_OUT_NS, 5.1)
                .event(AXON_IN_PJ, 0, AXON_IN_NS, 16)
                .event(HOP_EW_PJ, 3.0, HOP_EW_NS, 4.1)
                .event(HOP_NS_PJ, 4.2, HOP_NS_NS, 6.5)
                .event(LEARNING_PJ, 0, LEARNING_NS, 0)
                .note(LEARNING_PJ, "not in the calibrated set; learning is not priced")
                .set(STATIC_CORE_MW, 0).set(STATIC_ROUTER_MW, 0).set(STATIC_CHIP_MW, 0)
                .note(STATIC_CORE_MW, none).note(STATIC_ROUTER_MW, none).note(STATIC_CHIP_MW, none)
                // 0.6 us for 1 tile, 1.0 us for 2-3, 1.4 us for 4-28, 1.8 us for 29 and more
                .sync(new SyncTable(new int[] {1, 2, 3, 4, 28, 29}, new double[] {600, 1000, 1000, 1400, 1400, 1800}))
                .build();
    }

    /**
     * TrueNorth (Merolla 2014, Akopyan 2015, Cassidy SC14). The papers give chip totals, not
     * a per-event table, so the split below is derived and labelled an estimate:
     * <ul>
     * <li>typical point: 65 mW at 46 GSOPS/W is 65e-3 x 46e9 = 2.99e9 synaptic ops/s, i.e.
     *     21.7 pJ per op all-inclusive (same order as the quoted 26 pJ per synaptic event);</li>
     * <li>marginal cost of an op: at most 1 / 400 GSOPS/W = 2.5 pJ (the best case, where
     *     static power is amortised over the most activity); we take 2.5 pJ and fold neuron
     *     update and routing into it, because the sources do not separate them;</li>
     * <li>static: 65 mW - 2.99e9/s x 2.5 pJ = 57.5 mW per 4,096-core chip = 14.04 uW per core.</li>
     * </ul>
     */
    static EnergyProfile truenorth() {
        String folded = "estimate: folded into the 2.5 pJ synaptic event (sources give no split)";
        String preset = "estimate: as the truenorth architecture preset's timing";
        return new EnergyProfile.Builder("truenorth")
                .label("TrueNorth, estimate derived from chip totals (Merolla 2014, Akopyan 2015)")
                .source("Merolla et al., Science 345:668, 2014; Akopyan et al., IEEE TCAD 34(10), 2015; "
                        + "Cassidy et al., SC14: 65 mW real time, 46 GSOPS/W typical, 400 GSOPS/W best")
                .event(SYNAPSE_DENSE_PJ, 2.5, SYNAPSE_DENSE_NS, 1.0)
                .note(SYNAPSE_DENSE_PJ, "estimate: 1 / 400 GSOPS/W (best case) as the marginal cost of a synaptic op")
                .event(SYNAPSE_SPARSE_PJ, 2.5, SYNAPSE_SPARSE_NS, 1.0)
                .note(SYNAPSE_SPARSE_PJ, "TrueNorth has only crossbars; same as dense")
                .event(DENDRITE_PJ, 0, DENDRITE_NS, 0)
                .event(SOMA_ACCESS_PJ, 0, SOMA_ACCESS_NS, 4.0)
                .note(SOMA_ACCESS_PJ, folded).note(SOMA_ACCESS_NS, preset)
                .event(SOMA_UPDATE_PJ, 0, SOMA_UPDATE_NS, 0)
                .event(SOMA_SPIKE_PJ, 0, SOMA_SPIKE_NS, 0)
                .event(AXON_OUT_PJ, 0, AXON_OUT_NS, 2.0)
                .note(AXON_OUT_PJ, folded).note(AXON_OUT_NS, preset)
                .event(AXON_IN_PJ, 0, AXON_IN_NS, 1.0)
                .event(HOP_EW_PJ, 0, HOP_EW_NS, 2.0)
                .note(HOP_EW_PJ, folded).note(HOP_EW_NS, preset)
                .event(HOP_NS_PJ, 0, HOP_NS_NS, 2.0)
                .event(LEARNING_PJ, 0, LEARNING_NS, 0)
                .note(LEARNING_PJ, "TrueNorth does not learn on chip")
                .set(STATIC_CORE_MW, (65.0 - 65e-3 * 46e9 * 2.5e-12 * 1e3) / 4096)
                .note(STATIC_CORE_MW, "estimate: (65 mW - 2.99 GSOPS x 2.5 pJ) / 4096 cores = 14.04 uW")
                .set(STATIC_ROUTER_MW, 0).note(STATIC_ROUTER_MW, "included in the per-core figure")
                .set(STATIC_CHIP_MW, 0).note(STATIC_CHIP_MW, "included in the per-core figure")
                .build();
    }
}
