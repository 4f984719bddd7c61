package dev.myelin.tests.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.myelin.tests.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A two-core listing on a board of 4,096 x 768 routers (64 x 12 chips of 64 x 64): the run models
 * only the routers the image spans, so it starts and runs like the same circuit on the 4-core
 * teaching chip, in both timing modes, while traffic and link names stay in board coordinates.
 * The circuit is the hand_tiny sample's relay and integrator (its README derives the spike ticks),
 * moved to board routers (4031, 700) and (4032, 700), either side of the chip boundary at column
 * 4032 = 63 x 64: each of the relay's 5 messages crosses one chip-to-chip link.
 */
class BoardRegionTest {
    static final String SPIKES = String.join("\n", "tick,population,index", "2,relay,0", "4,relay,0",
            "7,integrator,0", "10,relay,0", "14,relay,0", "18,relay,0", "21,integrator,0", "");

    @TempDir
    Path dir;

    @Test
    void aTwoCoreListingOnAHugeBoardRunsOnTheRoutersItUses() throws Exception {
        Path listing = dir.resolve("board.nasm");
        Files.writeString(listing, String.join("\n",
                ".arch tiny",
                ".set mesh.routersX 64",
                ".set mesh.routersY 64",
                ".set board.chipsX 64",
                ".set board.chipsY 12",
                ".core 4031 700 0",
                "a0: type=0 1",
                "n0: s=+1,0,0,0 alpha=1 -> (+1,0) axon 0 delay 3",
                ".core 4032 700 0",
                "a0: type=0 1",
                "n0: s=+8,0,0,0 lambda=-1 eps=1 alpha=12",
                ".input in",
                "  0: core 4031 700 0 axon 0",
                ".output out",
                "  0: core 4032 700 0 neuron 0",
                ".symbol relay size=1",
                "  core 4031 700 0 neuron=0 count=1 pop=0",
                ".symbol integrator size=1",
                "  core 4032 700 0 neuron=0 count=1 pop=0",
                ""));
        Path input = dir.resolve("input.csv");
        Files.writeString(input, "tick,index\n2,0\n4,0\n10,0\n14,0\n18,0\n");
        Path nbin = dir.resolve("board.nbin");
        ok("asm", listing.toString(), "-o", nbin.toString());
        for (String timing : new String[] {"simple", "cycle"}) {
            Path spikes = dir.resolve(timing + "-spikes.csv");
            Path stats = dir.resolve(timing + "-stats.txt");
            ok("run", nbin.toString(), "--ticks", "25", "-q", "--timing", timing, "--input", "in=" + input,
                    "--spikes", spikes.toString(), "--stats", stats.toString());
            assertThat(Files.readString(spikes)).as(timing).isEqualTo(SPIKES);
            String s = Files.readString(stats);
            assertThat(s).as(timing).containsPattern("(?m)^network\\.chip_link_crossings +5 #")
                    .containsPattern("(?m)^noc\\.chip_link_crossings +5 #")
                    .containsPattern("(?m)^network\\.busiest_link_packets +5 # packets on the busiest link "
                            + "\\(4031,700\\) east$")
                    .containsPattern("(?m)^noc\\.link_4031_700_east\\.packets +5 #");
        }
    }
}
