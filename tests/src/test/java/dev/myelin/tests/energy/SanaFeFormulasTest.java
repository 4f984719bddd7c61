package dev.myelin.tests.energy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.myelin.tests.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SANA-FE's published counting rules and "simple" formulas (Boyle et al., IEEE TCAD 2025;
 * docs/reference/energy.md), applied by hand to a two-core network, give Myelin's per-tick CSV
 * exactly, step for step, with the loihi-calibrated profile.
 *
 * <p>The network, on the tiny preset: core (0,0) neuron 0 leaks +1 a tick with threshold 4, so
 * it fires in steps 3, 7 and 11 and sends one message one hop east to axon 0 of core (1,0);
 * core (0,0) neuron 1 does nothing. Axon 0 of core (1,0) reaches two neurons: neuron 0 with
 * weight +1 (threshold 100, never fires) and neuron 1 with weight 0, whose input sums to zero.
 */
class SanaFeFormulasTest {
    static final String LISTING = String.join("\n",
            ".arch tiny",
            ".core 0 0 0",
            ".neurons 2",
            "n0: lambda=1 alpha=4 -> (+1,0).0 axon 0 delay 1",
            "n1: alpha=1000",
            ".core 1 0 0",
            "a0: type=0 11",
            "n0: s=+1,0,0,0 alpha=100",
            "n1: s=0,0,0,0 alpha=100",
            "");

    static final int STEPS = 12;

    // loihi-calibrated (SANA-FE arch/loihi.yaml): pJ and ns per event
    static final double ACCESS_PJ = 51.2, ACCESS_NS = 6.0, UPDATE_PJ = 21.6, UPDATE_NS = 3.7;
    static final double SPIKE_PJ = 69.3, SPIKE_NS = 30, OUT_PJ = 111, OUT_NS = 5.1, IN_PJ = 0, IN_NS = 16;
    static final double SYN_PJ = 35.5, SYN_NS = 3.8, DEND_PJ = 0, DEND_NS = 0, HOP_EW_PJ = 3.0;
    /** Barrier with 2 tiles in use: 1.0 us. */
    static final double SYNC_NS = 1000;

    @TempDir
    Path dir;

    @Test
    void everyStepMatchesTheFormulasAppliedByHand() throws Exception {
        Path nasm = dir.resolve("two.nasm");
        Path nbin = dir.resolve("two.nbin");
        Path csv = dir.resolve("ticks.csv");
        Files.writeString(nasm, LISTING);
        ok("asm", nasm.toString(), "-o", nbin.toString());
        ok("run", nbin.toString(), "--ticks", String.valueOf(STEPS), "-q", "--energy-profile", "loihi-calibrated",
                "--per-tick", csv.toString());
        List<String> rows = Files.readAllLines(csv);
        List<String> header = List.of(rows.get(0).split(","));
        for (int t = 0; t < STEPS; t++) {
            Step s = Step.byHand(t);
            String[] row = rows.get(t + 1).split(",");
            assertThat(Long.parseLong(row[header.indexOf("spikes")])).as("spikes %d", t).isEqualTo(s.spikesA);
            assertThat(Long.parseLong(row[header.indexOf("updated_neurons")])).as("updated %d", t)
                    .isEqualTo(s.updatedA + s.updatedB);
            assertThat(Long.parseLong(row[header.indexOf("synaptic_events")])).as("synaptic events %d", t)
                    .isEqualTo(s.synB);
            assertThat(Long.parseLong(row[header.indexOf("messages")])).as("messages %d", t).isEqualTo(s.msgs);
            assertThat(Long.parseLong(row[header.indexOf("hops")])).as("hops %d", t).isEqualTo(s.msgs);
            // energy: soma (access every neuron, update if updated, spike out if fired), synapse and dendrite
            // per event, messages x (E_out + E_in), hops x E_hop
            double neuron = 4 * ACCESS_PJ + (s.updatedA + s.updatedB) * UPDATE_PJ + s.spikesA * SPIKE_PJ + s.synB * DEND_PJ;
            double synapse = s.synB * SYN_PJ;
            double network = s.msgs * (OUT_PJ + IN_PJ) + s.msgs * HOP_EW_PJ;
            assertThat(row[header.indexOf("energy_neuron_pj")]).as("neuron energy %d", t).isEqualTo(f4(neuron));
            assertThat(row[header.indexOf("energy_synapse_pj")]).as("synapse energy %d", t).isEqualTo(f4(synapse));
            assertThat(row[header.indexOf("energy_network_pj")]).as("network energy %d", t).isEqualTo(f4(network));
            // simple latency: max(busiest core's generation, busiest core's receive) + sync(tiles in use)
            double genA = 2 * ACCESS_NS + s.updatedA * UPDATE_NS + s.spikesA * SPIKE_NS + s.msgs * OUT_NS;
            double genB = 2 * ACCESS_NS + s.updatedB * UPDATE_NS;
            double recvB = s.msgs * IN_NS + s.synB * (SYN_NS + DEND_NS);
            double latency = Math.max(Math.max(genA, genB), recvB) + SYNC_NS;
            assertThat(row[header.indexOf("profile_latency_ns")]).as("latency %d", t).isEqualTo(f4(latency));
        }
    }

    /** One step's counts, derived from the rules in the class comment. */
    record Step(int spikesA, int msgs, int synB, int updatedA, int updatedB) {
        static Step byHand(int t) {
            boolean fires = t % 4 == 3;
            // neuron A0 has a leak (SANA-FE: non-zero bias) so it is updated every step; A1 never
            int updatedA = 1;
            // B's neurons get input in the step after each message (4, 8; step 11's lands after the run)
            boolean input = t == 4 || t == 8;
            // B0: updated on input and, from step 5 on, because |v| = 1 or 2 > 0 before the update;
            // B1: input summing to zero still counts as an update, and v stays 0
            int updatedB = (t >= 4 ? 1 : 0) + (input ? 1 : 0);
            // a message's 2 synapse lookups count in the step it is sent, as SANA-FE counts them
            return new Step(fires ? 1 : 0, fires ? 1 : 0, fires ? 2 : 0, updatedA, updatedB);
        }
    }

    private static String f4(double d) {
        return String.format(java.util.Locale.ROOT, "%.4f", d);
    }

}
