package dev.myelin.tests.energy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A hop over a chip-to-chip link is priced at the board's {@code board.chipLinkEnergyPj} on top of
 * its on-chip hop. Board: two tiny chips side by side (2 x 2 routers each, one 4 x 2 mesh);
 * core (1,0) is the east edge of chip 0, core (2,0) the west edge of chip 1.
 */
class ChipLinkEnergyTest {
    @TempDir
    Path dir;

    @Test
    void messagesAcrossTheChipBoundaryPayTheChipLink() throws Exception {
        // (0,0) n0 and (1,0) n0 leak +1 with threshold 4: each fires in ticks 3, 7, 11, 15, 19.
        // (0,0) sends to (1,1): one east and one south hop, both inside chip 0 (routers x 0-1, y 0-1);
        // (1,0) sends to (2,0): one east hop from chip 0's east edge into chip 1, a chip-link crossing.
        Path nasm = dir.resolve("board.nasm");
        Files.writeString(nasm, String.join("\n",
                ".arch tiny",
                ".set board.chipsX 2",
                ".set board.chipLinkEnergyPj 250.0",
                ".core 0 0 0",
                "n0: lambda=1 alpha=4 -> (+1,+1).0 axon 0 delay 1",
                ".core 1 0 0",
                "n0: lambda=1 alpha=4 -> (+1,0).0 axon 0 delay 1",
                ".core 1 1 0",
                "a0: type=0 1",
                "n0: alpha=1000 s=1,0,0,0",
                ".core 2 0 0",
                "a0: type=0 1",
                "n0: alpha=1000 s=1,0,0,0",
                ""));
        Path nbin = dir.resolve("board.nbin");
        Path stats = dir.resolve("stats.txt");
        run("asm", nasm.toString(), "-o", nbin.toString());
        run("run", nbin.toString(), "--ticks", "20", "-q", "--energy-profile", "loihi-calibrated",
                "--stats", stats.toString());
        String s = Files.readString(stats);
        // 10 messages; hops: 5 x (1 east + 1 south) + 5 x 1 east = 10 east-west, 5 north-south; 5 crossings
        assertThat(stat(s, "network.messages")).isEqualTo(10);
        assertThat(stat(s, "network.hops_east_west")).isEqualTo(10);
        assertThat(stat(s, "network.hops_north_south")).isEqualTo(5);
        assertThat(stat(s, "network.chip_link_crossings")).isEqualTo(5);
        assertThat(stat(s, "noc.chip_link_crossings")).isEqualTo(5);
        // loihi-calibrated: axon out 111 pJ, in 0; hops 3.0 (east-west) and 4.2 (north-south) pJ;
        // plus the board's 250 pJ per chip-link crossing
        assertThat(dstat(s, "energy.network_pj")).isCloseTo(10 * 111 + 10 * 3.0 + 5 * 4.2 + 5 * 250.0,
                within(1e-9));
    }

    private static long stat(String stats, String key) {
        return Math.round(dstat(stats, key));
    }

    private static double dstat(String stats, String key) {
        return stats.lines().filter(l -> l.startsWith(key + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(key.length()).trim().split("\\s+")[0]))
                .orElseThrow(() -> new AssertionError(key + " missing"));
    }

    private static void run(String... args) {
        dev.myelin.tests.cli.Cli.ok(args);
    }
}
