package dev.myelin.tests.energy;

import dev.myelin.tests.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Inputs on the chip: a network with per-neuron thresholds fed by an input delivered on the
 * chip gives hand-derived spikes, messages, hops, synaptic events, energy and latency, the
 * input core's messages included; the same network with its input injected straight into axons
 * gives the same spikes one tick earlier and no input traffic.
 *
 * <p>The network, on the {@code tiny} preset (TrueNorth datapath, 2 x 2 routers of one core):
 * population a of 3 raw TrueNorth neurons, thresholds alpha = 1, 3, 5 (per neuron), no leak,
 * reset to 0, pinned to core (1,1); input "in" of 4 lines, all-to-all onto a with weight 1 and
 * delay 1. Spikes listed: tick 0 lines 0-3, tick 2 line 0, tick 5 lines 1 and 2 (7 spikes).
 *
 * <p>On the chip the 4 input neurons fit one input core. Its targets are all on router (1,1),
 * which is taken; the first ring around it holds (1,0) and (0,1), both one hop away, and (1,0)
 * comes first (lower y). Each input neuron has one target (TrueNorth: one per neuron), so each
 * input spike is one message of one north-south hop: 7 messages, 7 hops, all from the input core.
 * An input neuron fires in the tick its spike is listed for and its message arrives delay = 1
 * tick later, so a receives 4 spikes in tick 1, 1 in tick 3 and 2 in tick 6:
 * <pre>
 *   tick 1: V = 4, 4, 4    a0 (alpha 1) and a1 (alpha 3) fire; a2 keeps 4
 *   tick 3: V = 1, 1, 5    a0 and a2 (5 >= 5) fire; a1 keeps 1
 *   tick 6: V = 2, 3, 2    a0 and a1 fire; a2 keeps 2
 * </pre>
 * a fires 6 times; a has no targets, so it sends no messages. Synaptic events: each input spike
 * meets 3 synapses on a: 21; the input core has no synapses.
 */
class OnChipInputCountsTest {
    private static final String SPIKES_IN = "tick,index\n0,0\n0,1\n0,2\n0,3\n2,0\n5,1\n5,2\n";

    /** The network as a listing: per-neuron alpha in the binary, the input core written by hand. */
    private static final String LISTING = String.join("\n",
            ".arch tiny",
            ".core 1 0 0",
            ".input_core",
            ".axons 4",
            ".neurons 4",
            "n0: -> (0,+1).0 axon 0 delay 1",
            "n1: -> (0,+1).0 axon 1 delay 1",
            "n2: -> (0,+1).0 axon 2 delay 1",
            "n3: -> (0,+1).0 axon 3 delay 1",
            ".core 1 1 0",
            "a0: type=0 111",
            "a1: type=0 111",
            "a2: type=0 111",
            "a3: type=0 111",
            "n0: s=1,0,0,0 alpha=1",
            "n1: s=1,0,0,0 alpha=3",
            "n2: s=1,0,0,0 alpha=5",
            ".input in",
            "  0: core 1 0 0 axon 0",
            "  1: core 1 0 0 axon 1",
            "  2: core 1 0 0 axon 2",
            "  3: core 1 0 0 axon 3",
            ".output a",
            "  0: core 1 1 0 neuron 0",
            "  1: core 1 1 0 neuron 1",
            "  2: core 1 1 0 neuron 2",
            ".symbol a size=3",
            "  core 1 1 0 neuron=0 count=3 pop=0",
            ".symbol in size=4",
            "  core 1 0 0 neuron=0 count=4 pop=0",
            "");

    @TempDir
    Path dir;

    @Test
    void aListingWithAnInputCoreGivesTheHandDerivedCounts() throws Exception {
        Run r = runListing("net", LISTING, SPIKES_IN, "1");
        assertOnChipCounts(r);
    }

    /** The same network as a description: per-neuron thresholds and {@code mapping: {inputs: on_chip}}. */
    @Test
    void aDescriptionWithPerNeuronThresholdsAndOnChipInputsGivesTheHandDerivedCounts() throws Exception {
        Path net = description("on_chip");
        Run r = run(net, "1");
        assertOnChipCounts(r);
        // bit-identical whatever the thread count
        Run r3 = run(net, "3");
        assertThat(r3.spikes).isEqualTo(r.spikes);
        assertThat(r3.perTick).isEqualTo(r.perTick);
        // the cycle-accurate mesh carries the same messages on the same links, on time
        Run cycle = run(net, "2", "--timing", "cycle");
        assertThat(cycle.spikes).isEqualTo(r.spikes);
        assertThat(stat(cycle.stats, "noc.messages")).isEqualTo(7);
        assertThat(stat(cycle.stats, "noc.inputs.hops")).isEqualTo(7);
        assertThat(stat(cycle.stats, "noc.late")).isZero();
        // the mapping report names the input, its delivery and its input core
        String report = Cli.ok("compile", net.toString(), "-o", dir.resolve("r.nbin").toString(), "--report", "-");
        assertThat(report).containsPattern("in +on_chip +4 +4 +1 +4")
                .containsPattern("\\(1,0,0\\) +input in +\\[0,4\\)");
    }

    /**
     * {@code --input-delivery axons} overrides the description: the spikes are injected into a's
     * axons in the tick listed (delay 1: k + delay - 1 = k), so a fires in ticks 0 (a0, a1),
     * 2 (a0, a2) and 5 (a0, a1), and nothing crosses the mesh. Tick 0 then takes a's work alone:
     * 12 ns instead of the input core's 24 (see {@link #assertOnChipCounts}).
     */
    @Test
    void injectingIntoAxonsGivesTheSameSpikesOneTickEarlierWithoutInputTraffic() throws Exception {
        Path net = description("on_chip");
        Run r = run(net, "1", "--input-delivery", "axons");
        assertThat(r.spikes).containsExactly("0,a,0", "0,a,1", "2,a,0", "2,a,2", "5,a,0", "5,a,1");
        assertThat(stat(r.stats, "population.a.spikes")).isEqualTo(6);
        assertThat(stat(r.stats, "chip.spikes")).isEqualTo(6);
        assertThat(stat(r.stats, "network.messages")).isZero();
        assertThat(stat(r.stats, "network.hops")).isZero();
        assertThat(stat(r.stats, "chip.synEvents")).isEqualTo(21);
        assertThat(r.stats).doesNotContain("chip.inputs.");
        assertThat(dstat(r.stats, "energy.network_pj")).isZero();
        assertThat(latencyOfTick(r, 0)).isEqualTo(12.0);
        // and the description's own default (no mapping: inputs) is the same injection
        Run dflt = run(description(null), "1");
        assertThat(dflt.spikes).isEqualTo(r.spikes);
        assertThat(dflt.perTick).isEqualTo(r.perTick);
    }

    @Test
    void theOptionTakesAxonsOrOnChipAndAppliesToDescriptionsOnly() throws Exception {
        Path net = description("on_chip");
        String[] bad = Cli.run("compile", net.toString(), "-o", dir.resolve("x.nbin").toString(),
            "--input-delivery", "wires");
        assertThat(bad[0]).isEqualTo("2");
        assertThat(bad[2]).contains("--input-delivery wires: expected axons").doesNotContain("Exception");
        Path nbin = dir.resolve("ok.nbin");
        Cli.ok("compile", net.toString(), "-o", nbin.toString(), "--input-delivery", "on-chip");
        String[] onBinary = Cli.run("run", nbin.toString(), "--ticks", "1", "-q", "--input-delivery", "axons");
        assertThat(onBinary[0]).isEqualTo("2");
        assertThat(onBinary[2]).contains("--input-delivery applies to descriptions");
    }

    /**
     * SANA-FE's counting rules and "simple" formulas (docs/reference/energy.md) applied by hand to
     * the listing, step by step, with the loihi-calibrated profile: the input core is a core like
     * any other, its 4 input neurons accessed every step, each firing one updated and spiking, each
     * message priced out, in and per hop, and its generation time competing for the step's latency.
     */
    @Test
    void everyStepMatchesSanaFesFormulasWithTheInputCoreCountedLikeAnyCore() throws Exception {
        Run r = runListing("net", LISTING, SPIKES_IN, "2");
        List<String> rows = r.perTick.lines().toList();
        List<String> header = List.of(rows.get(0).split(","));
        // input spikes per step (= input neurons updated, spiking and sending one message of one hop)
        int[] inputs = {4, 0, 1, 0, 0, 2, 0, 0};
        // a's updated neurons (input this step, or v != 0 before: see the class comment's potentials)
        int[] updatedA = {0, 3, 1, 3, 1, 1, 3, 1};
        int[] spikesA = {0, 2, 0, 2, 0, 0, 2, 0};
        for (int t = 0; t < 8; t++) {
            String[] row = rows.get(t + 1).split(",");
            int u = inputs[t];
            int syn = 3 * u; // each message's 3 lookups on a, counted in the step it is sent
            assertThat(Long.parseLong(row[header.indexOf("spikes")])).as("spikes %d", t).isEqualTo(u + spikesA[t]);
            assertThat(Long.parseLong(row[header.indexOf("updated_neurons")])).as("updated %d", t)
                    .isEqualTo(u + updatedA[t]);
            assertThat(Long.parseLong(row[header.indexOf("messages")])).as("messages %d", t).isEqualTo(u);
            assertThat(Long.parseLong(row[header.indexOf("hops")])).as("hops %d", t).isEqualTo(u);
            assertThat(Long.parseLong(row[header.indexOf("synaptic_events")])).as("synaptic events %d", t)
                    .isEqualTo(syn);
            // loihi-calibrated: access 51.2, update 21.6, spike out 69.3, synapse (dense) 35.5, message out 111
            // and in 0, north-south hop 4.2 pJ; 4 + 3 neurons accessed every step
            double neuron = 7 * 51.2 + (u + updatedA[t]) * 21.6 + (u + spikesA[t]) * 69.3;
            assertThat(row[header.indexOf("energy_neuron_pj")]).as("neuron energy %d", t).isEqualTo(f4(neuron));
            assertThat(row[header.indexOf("energy_synapse_pj")]).as("synapse energy %d", t).isEqualTo(f4(syn * 35.5));
            assertThat(row[header.indexOf("energy_network_pj")]).as("network energy %d", t)
                    .isEqualTo(f4(u * 111.0 + u * 4.2));
            // latency: access 6.0, update 3.7, spike out 30, message out 5.1 and in 16, synapse 3.8 ns;
            // 2 routers in use: sync 1.0 us
            double genInput = 4 * 6.0 + u * 3.7 + u * 30 + u * 5.1;
            double genA = 3 * 6.0 + updatedA[t] * 3.7 + spikesA[t] * 30;
            double recvA = u * 16 + syn * 3.8;
            double latency = Math.max(Math.max(genInput, genA), recvA) + 1000;
            assertThat(row[header.indexOf("profile_latency_ns")]).as("latency %d", t).isEqualTo(f4(latency));
        }
    }

    /**
     * On Loihi an input neuron fans out like a compartment: one message per destination core (not
     * per target), 0 hops within the tile. The input neuron at (0,0,2) targets axon 0 of (0,0,0)
     * (2 synapses) and axons 0 and 1 of (0,0,1) (1 synapse each): one input spike is 2 messages,
     * 0 hops and 4 synaptic events; core (0,0,0) and core (0,0,1) each receive one message.
     */
    @Test
    void aLoihiInputNeuronSendsOneMessagePerDestinationCore() throws Exception {
        Run r = runListing("loihi", String.join("\n",
                ".arch loihi",
                ".core 0 0 0",
                ".format 0 bits=8 exp=0 sign=excitatory",
                "a0: type=0 n0:+1 n1:+1",
                "n0: vth=100",
                "n1: vth=100",
                ".core 0 0 1",
                ".format 0 bits=8 exp=0 sign=excitatory",
                "a0: type=0 n0:+1",
                "a1: type=0 n0:+1",
                "n0: vth=100",
                ".core 0 0 2",
                ".input_core",
                ".axons 1",
                ".neurons 1",
                "n0: -> (0,0).0 axon 0 delay 2 -> (0,0).1 axon 0 delay 1 -> (0,0).1 axon 1 delay 1",
                ".input in",
                "  0: core 0 0 2 axon 0",
                ""), "tick,index\n0,0\n", "2");
        assertThat(stat(r.stats, "chip.inputs.spikes")).isEqualTo(1);
        assertThat(stat(r.stats, "chip.inputs.messagesOut")).isEqualTo(2);
        assertThat(stat(r.stats, "network.messages")).isEqualTo(2);
        assertThat(stat(r.stats, "network.hops")).isZero();
        assertThat(stat(r.stats, "noc.inputs.hops")).isZero();
        assertThat(stat(r.stats, "chip.core_0_0_0.messagesIn")).isEqualTo(1);
        assertThat(stat(r.stats, "chip.core_0_0_1.messagesIn")).isEqualTo(1);
        assertThat(stat(r.stats, "chip.synEvents")).isEqualTo(4);
        assertThat(stat(r.stats, "chip.inputs.synEvents")).isZero();
    }

    /**
     * An input core's hops are split by direction like every message's: the input neuron at
     * (0,0) targets (1,1) on the tiny preset, so its one spike is one message of 2 hops, one
     * east-west and one north-south.
     */
    @Test
    void inputCoreHopsAreSplitIntoEastWestAndNorthSouth() throws Exception {
        Run r = runListing("diag", String.join("\n",
                ".arch tiny",
                ".core 0 0 0",
                ".input_core",
                ".axons 1",
                ".neurons 1",
                "n0: -> (+1,+1).0 axon 0 delay 1",
                ".core 1 1 0",
                "a0: type=0 1",
                "n0: s=1,0,0,0 alpha=1",
                ".input in",
                "  0: core 0 0 0 axon 0",
                ""), "tick,index\n0,0\n", "1");
        assertThat(stat(r.stats, "network.messages")).isEqualTo(1);
        assertThat(stat(r.stats, "noc.inputs.hops")).isEqualTo(2);
        assertThat(stat(r.stats, "noc.inputs.hops_east_west")).isEqualTo(1);
        assertThat(stat(r.stats, "noc.inputs.hops_north_south")).isEqualTo(1);
        assertThat(stat(r.stats, "network.hops_east_west")).isEqualTo(1);
        assertThat(stat(r.stats, "network.hops_north_south")).isEqualTo(1);
    }

    private static String f4(double d) {
        return String.format(java.util.Locale.ROOT, "%.4f", d);
    }

    private static void assertOnChipCounts(Run r) {
        // input neurons fire in the listed ticks; a as derived in the class comment
        assertThat(r.spikes).containsExactly("0,in,0", "0,in,1", "0,in,2", "0,in,3", "1,a,0", "1,a,1", "2,in,0",
            "3,a,0", "3,a,2", "5,in,1", "5,in,2", "6,a,0", "6,a,1");
        assertThat(stat(r.stats, "population.a.spikes")).isEqualTo(6);
        assertThat(stat(r.stats, "population.in.spikes")).isEqualTo(7);
        assertThat(stat(r.stats, "chip.spikes")).isEqualTo(13);
        // 7 messages, each one north-south hop from (1,0) to (1,1), all sent by the input core
        assertThat(stat(r.stats, "network.messages")).isEqualTo(7);
        assertThat(stat(r.stats, "chip.messagesOut")).isEqualTo(7);
        assertThat(stat(r.stats, "chip.inputs.cores")).isEqualTo(1);
        assertThat(stat(r.stats, "chip.inputs.messagesOut")).isEqualTo(7);
        assertThat(stat(r.stats, "chip.core_1_1_0.messagesIn")).isEqualTo(7);
        assertThat(stat(r.stats, "network.hops")).isEqualTo(7);
        assertThat(stat(r.stats, "network.hops_north_south")).isEqualTo(7);
        assertThat(stat(r.stats, "network.hops_east_west")).isZero();
        assertThat(stat(r.stats, "noc.inputs.hops")).isEqualTo(7);
        assertThat(stat(r.stats, "noc.inputs.hops_north_south")).isEqualTo(7);
        assertThat(stat(r.stats, "noc.inputs.hops_east_west")).isZero();
        // the input core: 4 neurons accessed per tick over 8 ticks, 7 updated (each spike), no synapses
        assertThat(stat(r.stats, "chip.inputs.spikes")).isEqualTo(7);
        assertThat(stat(r.stats, "chip.inputs.updated")).isEqualTo(7);
        assertThat(stat(r.stats, "chip.inputs.neurons")).isEqualTo(4 * 8);
        assertThat(stat(r.stats, "chip.inputs.synEvents")).isZero();
        assertThat(stat(r.stats, "chip.synEvents")).isEqualTo(7 * 3);
        // loihi-calibrated prices a message 111 pJ out and 0 in, a north-south hop 4.2 pJ
        assertThat(dstat(r.stats, "energy.network_pj")).isCloseTo(7 * 111.0 + 7 * 4.2, within(1e-9));
        // tick 0 (simple timing, tiny's times: neuron update 4 ns, spike out 2, spike in 1, synaptic op 1):
        // the input core updates its 4 firing neurons (16 ns) and sends 4 messages (8 ns): 24 ns, more than
        // a's receive (4 messages + 12 synaptic events = 16 ns) or a's idle update (3 x 4 = 12 ns)
        assertThat(latencyOfTick(r, 0)).isEqualTo(24.0);
    }

    private Path description(String delivery) throws Exception {
        Files.writeString(dir.resolve("in.csv"), SPIKES_IN);
        Path net = dir.resolve(delivery == null ? "default.yaml" : "net.yaml");
        Files.writeString(net, String.join("\n",
            "name: thresholds",
            "arch: tiny",
            "dt: 1 ms",
            "populations:",
            "  - {name: a, size: 3, model: truenorth, params: {alpha: [1, 3, 5]}}",
            "inputs:",
            "  - {name: in, type: spike_array, size: 4, file: in.csv}",
            "projections:",
            "  - {pre: in, post: a, connect: all_to_all, weight: 1}",
            "probes:",
            "  - {population: a}",
            "mapping:",
                delivery == null ? "" : "  inputs: " + delivery,
            "  pin:",
            "    - {population: a, cores: [[1, 1]]}",
            ""));
        return net;
    }

    private record Run(String stats, List<String> spikes, String perTick) {
    }

    /** Assembles {@code listing} as NAME.nbin and runs it with {@code spikes} on its input port {@code in}. */
    private Run runListing(String name, String listing, String spikes, String threads) throws Exception {
        Path nasm = dir.resolve(name + ".nasm");
        Files.writeString(nasm, listing);
        Path nbin = dir.resolve(name + ".nbin");
        Cli.ok("asm", nasm.toString(), "-o", nbin.toString());
        Path in = dir.resolve(name + "-in.csv");
        Files.writeString(in, spikes);
        return run(nbin, threads, "--input", "in=" + in);
    }

    private Run run(Path net, String threads, String... extra) throws Exception {
        Path out = Files.createTempDirectory(dir, "run");
        Path stats = out.resolve("stats.txt");
        Path spikes = out.resolve("spikes.csv");
        Path perTick = out.resolve("tick.csv");
        List<String> args = new java.util.ArrayList<>(List.of("run", net.toString(), "--ticks", "8", "-q",
            "--threads", threads, "--energy-profile", "loihi-calibrated", "--stats", stats.toString(),
            "--spikes", spikes.toString(), "--per-tick", perTick.toString()));
        args.addAll(List.of(extra));
        Cli.ok(args.toArray(String[]::new));
        List<String> rows = Files.readAllLines(spikes);
        return new Run(Files.readString(stats), rows.subList(1, rows.size()), Files.readString(perTick));
    }

    private static double latencyOfTick(Run r, int tick) {
        List<String> rows = r.perTick.lines().toList();
        int col = List.of(rows.get(0).split(",")).indexOf("tick_latency_ns");
        return Double.parseDouble(rows.get(tick + 1).split(",")[col]);
    }

    private static long stat(String stats, String key) {
        return Math.round(dstat(stats, key));
    }

    private static double dstat(String stats, String key) {
        return stats.lines().filter(l -> l.startsWith(key + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(key.length()).trim().split("\\s+")[0]))
                .orElseThrow(() -> new AssertionError(key + " missing"));
    }
}
