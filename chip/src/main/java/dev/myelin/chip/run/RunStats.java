package dev.myelin.chip.run;

import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.energy.CoreInfo;
import dev.myelin.chip.energy.EnergyParam;
import dev.myelin.chip.energy.EnergyProfile;
import dev.myelin.chip.noc.ExactHistogram;
import dev.myelin.chip.noc.Mesh;
import dev.myelin.chip.noc.TrafficStats;
import dev.myelin.chip.sim.ChipLayout;
import dev.myelin.chip.timing.MeshNetwork;
import dev.myelin.chip.trace.RunCounts;
import dev.myelin.chip.trace.Stats;
import dev.myelin.chip.trace.StatsFiles;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.model.CoreId;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a run's statistics (gem5 names) and its configuration dump. */
public final class RunStats {
    private RunStats() {
    }

    static Stats build(RunResult r, RunCounts c) {
        Stats s = new Stats();
        s.add("sim.ticks", r.ticks(), "ticks simulated");
        s.add("sim.ticks_requested", r.ticksRequested(), "ticks asked for");
        s.add("sim.partial", r.partial() ? 1L : 0L, "1 when the run was stopped early (Ctrl-C)");
        s.add("sim.dt_ms", c.dtMs(), "model time of one tick (the network's dt), ms");
        s.add("sim.model_seconds", r.modelNs() / 1e9, "model time: ticks x dt, s");
        s.add("sim.chip_seconds", r.chipNs() / 1e9, "chip time: the ticks' lengths on the chip ("
                + r.pacing().id() + " ticks), s; static energy is paid over it");
        s.add("sim.wall_seconds", r.wallSeconds(), "host time of the tick loop, s");
        s.add("sim.real_time_factor", r.realTimeFactor(), "model time / wall time (> 1: the emulation runs faster "
                + "than the network's own time)");
        s.add("sim.chip_real_time_factor", r.chipRealTimeFactor(), "model time / chip time (> 1: the chip runs the "
                + "network faster than its own time)");
        s.add("sim.samples", r.samples(), "inference samples in the run");
        for (Activity a : Activity.all()) {
            s.add("chip." + a.key(), c.total(a), a.description() + ", " + a.unit());
        }
        for (int i = 0; i < c.cores().size(); i++) {
            CoreInfo ci = c.cores().get(i);
            String core = "chip.core_" + ci.id().x() + "_" + ci.id().y() + "_" + ci.id().slot() + ".";
            for (Activity a : Activity.all()) {
                s.add(core + a.key(), c.coreTotals()[a.at(i)], a.description() + ", " + a.unit());
            }
        }
        inputCores(s, c);
        for (int p = 0; p < r.populations().size(); p++) {
            s.add("population." + r.populations().get(p) + ".spikes", r.populationSpikes()[p],
                    "spikes of population " + r.populations().get(p));
        }
        s.add("network.messages", r.messages(), "messages: one per (firing neuron, destination core), 0-hop included");
        s.add("network.hops", r.hops(), "links crossed by messages (XY routing)");
        s.add("network.hops_east_west", c.hopsEastWest(), "east-west links crossed");
        s.add("network.hops_north_south", c.hopsNorthSouth(), "north-south links crossed");
        s.add("network.chip_link_crossings", c.chipLinkCrossings(), "hops over chip-to-chip links (part of the hops; "
                + "each also priced at board.chipLinkEnergyPj)");
        s.add("network.busiest_link_packets", r.busiestLinkPackets(), "packets on the busiest link "
                + (r.busiestLink() == null ? "(none)" : r.busiestLink()));
        neurobench(s, c);
        s.add("latency.tick_mean_ns", r.meanTickNs(), "mean tick latency of the timing model, ns");
        s.add("latency.tick_max_ns", r.maxTickNs(), "largest tick latency of the timing model, ns");
        s.add("latency.timing_total_ns", c.timingNs(), "sum of the timing model's tick latencies, ns");
        r.energy().addTo(s, r.ticks());
        return s;
    }

    /**
     * The input cores' share of the activity ({@code chip.inputs.*}): the sums of their rows, so
     * what inputs on the chip cost is visible apart from the network's own work. Written only
     * when the image has input cores.
     */
    static void inputCores(Stats s, RunCounts c) {
        long[] sum = new long[Activity.COUNT];
        int n = 0;
        for (int i = 0; i < c.cores().size(); i++) {
            if (c.cores().get(i).input()) {
                n++;
                for (Activity a : Activity.all()) {
                    sum[a.ordinal()] += c.coreTotals()[a.at(i)];
                }
            }
        }
        if (n == 0) {
            return;
        }
        s.add("chip.inputs.cores", n, "input cores (their neurons are the on-chip inputs' input neurons)");
        for (Activity a : Activity.all()) {
            s.add("chip.inputs." + a.key(), sum[a.ordinal()], a.description() + ", input cores, " + a.unit());
        }
    }

    /**
     * The mesh model's own accounting ({@code noc.*}): what the timing model saw packet by packet,
     * beside the SANA-FE-rule counts of {@code network.*}. Messages and hops agree between the two;
     * only the mesh knows latencies, FIFO occupancy, stalls and late or dropped spikes.
     */
    static void mesh(Stats s, MeshNetwork net, ChipLayout layout) {
        TrafficStats t = net.traffic();
        String mode = " (" + net.mode().name().toLowerCase(java.util.Locale.ROOT) + " timing)";
        s.add("noc.messages", t.messages(), "messages routed by the mesh model" + mode);
        s.add("noc.hops", t.hopTotal(), "link traversals in the mesh model");
        s.add("noc.chip_link_crossings", t.chipLinkCrossings(), "hops over chip-to-chip links");
        s.add("noc.stalls", t.stalls(), "packet-cycles a ready packet waited for an output (contention)");
        s.add("noc.late", t.late(), "spikes that reached their core in or after their due tick");
        s.add("noc.dropped", t.dropped(), "late spikes dropped by the architecture's late policy");
        histogram(s, "noc.packet_latency", t.packetLatency(), "cycles from creation to arrival");
        histogram(s, "noc.network_latency", t.networkLatency(), "cycles from injection to arrival");
        histogram(s, "noc.hop_count", t.hops(), "hops per message");
        Mesh m = net.mesh();
        for (int l = 0; l < t.routers() * Mesh.DIRECTIONS; l++) {
            int r = l / Mesh.DIRECTIONS;
            int d = l % Mesh.DIRECTIONS;
            if (t.linkPackets(r, d) > 0 || t.lateOnLink(r, d) > 0) {
                String name = "noc.link_" + m.linkName(l).replaceAll("[(),]", " ").trim().replaceAll(" +", "_");
                s.add(name + ".packets", t.linkPackets(r, d), "packets over this link");
                s.add(name + ".late", t.lateOnLink(r, d), "late spikes that crossed this link");
                s.add(name + ".dropped", t.droppedOnLink(r, d), "dropped spikes that crossed this link");
            }
        }
        int highWater = 0;
        for (int r = 0; r < t.routers(); r++) {
            highWater = Math.max(highWater, t.fifoHighWater(r));
        }
        s.add("noc.fifo_high_water", highWater, "most packets held at once by any router input FIFO");
        long inputEW = 0;
        long inputNS = 0;
        boolean inputs = false;
        for (int c = 0; c < layout.cores(); c++) {
            if (layout.image().cores().get(c).input()) {
                inputs = true;
                inputEW += net.hopsSentEastWest(c);
                inputNS += net.hopsSentNorthSouth(c);
            }
        }
        if (inputs) {
            s.add("noc.inputs.hops", inputEW + inputNS, "hops of the messages input cores sent (part of noc.hops)");
            s.add("noc.inputs.hops_east_west", inputEW, "east-west hops of the messages input cores sent");
            s.add("noc.inputs.hops_north_south", inputNS, "north-south hops of the messages input cores sent");
        }
        for (int c = 0; c < layout.cores(); c++) {
            int mc = net.meshCore(c);
            CoreId id = layout.core(c);
            String core = "noc.core_" + id.x() + "_" + id.y() + "_" + id.slot() + ".";
            s.add(core + "late", t.lateAtCore(mc), "late spikes arriving at this core");
            s.add(core + "dropped", t.droppedAtCore(mc), "late spikes dropped at this core");
        }
    }

    /** One summary line of the mesh model, with BookSim's label for the latency. */
    static String meshLine(MeshNetwork net) {
        TrafficStats t = net.traffic();
        int highWater = 0;
        for (int r = 0; r < t.routers(); r++) {
            highWater = Math.max(highWater, t.fifoHighWater(r));
        }
        ExactHistogram h = t.packetLatency();
        String latency = h.count() == 0 ? "no packets"
                : String.format(java.util.Locale.ROOT, "Packet latency average = %.2f cycles (min %d, max %d, p99 %d)",
                h.mean(), h.min(), h.max(), h.percentile(99));
        return String.format(java.util.Locale.ROOT, "Mesh (%s timing): %s; stalls %d; late %d, dropped %d; FIFO high-water %d",
                net.mode().name().toLowerCase(java.util.Locale.ROOT), latency, t.stalls(), t.late(), t.dropped(),
                highWater);
    }

    private static void histogram(Stats s, String prefix, ExactHistogram h, String unit) {
        s.add(prefix + ".count", h.count(), "samples");
        if (h.count() > 0) {
            s.add(prefix + ".min", h.min(), unit);
            s.add(prefix + ".mean", h.mean(), unit);
            s.add(prefix + ".max", h.max(), unit);
            s.add(prefix + ".p99", h.percentile(99), unit);
        }
    }

    private static void neurobench(Stats s, RunCounts c) {
        long dense = 0;
        long neurons = 0;
        for (CoreInfo ci : c.cores()) {
            dense += (long) ci.axons() * ci.neurons();
            neurons += ci.neurons();
        }
        long acts = neurons * c.ticks();
        s.add("neurobench.synops_dense", dense * c.ticks(),
                "NeuroBench Dense SynOps: every synapse slot of every used core, every tick, zeros included");
        s.add("neurobench.synops_effective_acs", c.total(Activity.SYN_EVENTS),
                "NeuroBench Effective_ACs: binary spikes x non-zero weights (= synaptic events)");
        s.add("neurobench.activation_sparsity", acts == 0 ? 0.0 : 1.0 - (double) c.total(Activity.SPIKES) / acts,
                "NeuroBench activation sparsity: silent neuron-ticks / all neuron-ticks (0 = all active)");
        s.add("neurobench.membrane_updates", c.total(Activity.UPDATED),
                "NeuroBench membrane updates: neuron updates that did work");
        s.add("neurobench.neuron_ops", c.total(Activity.NEURONS), "neuron states visited, active or not");
    }

    /** Every parameter of the run, defaults included: options, architecture, energy profile. */
    static Map<String, Map<String, Object>> config(RunOptions o, Architecture arch, EnergyProfile p, long seed) {
        Map<String, Map<String, Object>> cfg = new LinkedHashMap<>();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("network", o.network().toString());
        run.put("arch", o.arch() == null ? "(from the network)" : o.arch());
        run.put("ticks", o.ticks());
        run.put("seed", seed);
        run.put("seedFromDescription", o.seed() == null);
        run.put("threads", o.threads());
        run.put("timing", o.timing());
        run.put("sampleTicks", o.sampleTicks());
        run.put("inputs", o.inputs().toString());
        run.put("probes", String.join(" ", o.probes()));
        cfg.put("run", run);
        cfg.put("arch", StatsFiles.archConfig(arch));
        cfg.put("energy", energyConfig(p));
        return cfg;
    }

    /** Every value of an energy profile, with its name, label and source (the config dump's {@code energy} section). */
    public static Map<String, Object> energyConfig(EnergyProfile p) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", p.name());
        e.put("label", p.label());
        e.put("source", p.source());
        for (EnergyParam q : EnergyParam.all()) {
            e.put(q.key(), p.get(q));
        }
        e.put("sync", p.sync().toString());
        return e;
    }
}
