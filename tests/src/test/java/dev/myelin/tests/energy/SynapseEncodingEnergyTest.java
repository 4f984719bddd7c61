package dev.myelin.tests.energy;

import dev.myelin.tests.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A Loihi core's synaptic events are priced by its encoding: a dense core's with
 * {@code synapse.denseEventPj}, a sparse core's with {@code synapse.sparseEventPj}.
 *
 * <p>The network (loihi preset, loihi-calibrated profile: dense 35.5 pJ, sparse 33.6 pJ per
 * event): input "in" of 2 lines, each firing once in tick 0. Population d (3 neurons, dense)
 * receives in0 -> d0 and in1 -> d0, d1, d2 (from_list): a dense row holds every compartment, zero
 * weights included, so each input spike reads 3 entries: 2 x 3 = 6 dense events (4 in the sparse
 * encoding). Population s (4 neurons, sparse) receives in all to all: 2 x 4 = 8 sparse events.
 * Thresholds are out of reach, so nothing else happens. Synapse energy: 6 x 35.5 + 8 x 33.6 =
 * 213 + 268.8 = 481.8 pJ. With both populations forced sparse: 4 x 33.6 + 8 x 33.6 = 403.2 pJ.
 */
class SynapseEncodingEnergyTest {
    @TempDir
    Path dir;

    @Test
    void denseAndSparseCoresArePricedByTheirOwnEntries() throws Exception {
        String stats = run("{d: dense, s: sparse}");
        assertThat(stat(stats, "chip.synEvents")).isEqualTo(6.0 + 8);
        assertThat(stat(stats, "energy.synapse_pj")).isCloseTo(6 * 35.5 + 8 * 33.6, within(1e-9));
        String report = Cli.ok("compile", dir.resolve("net.yaml").toString(), "-o", dir.resolve("r.nbin").toString(),
                "--report", "-");
        assertThat(report).containsPattern(" d +\\[0,3\\) .* dense ").containsPattern(" s +\\[0,4\\) .* sparse ");
    }

    @Test
    void theSameNetworkAllSparseReadsOnlyTheStoredSynapses() throws Exception {
        String stats = run("sparse");
        assertThat(stat(stats, "chip.synEvents")).isEqualTo(4.0 + 8);
        assertThat(stat(stats, "energy.synapse_pj")).isCloseTo(12 * 33.6, within(1e-9));
    }

    private String run(String encoding) throws Exception {
        Files.writeString(dir.resolve("in.csv"), "tick,index\n0,0\n0,1\n");
        Files.writeString(dir.resolve("d.csv"), "pre,post\n0,0\n1,0\n1,1\n1,2\n");
        Path net = dir.resolve("net.yaml");
        Files.writeString(net, String.join("\n",
                "name: encodings",
                "arch: loihi",
                "dt: 1 ms",
                "populations:",
                "  - {name: d, size: 3, model: loihi_lif, params: {du: 4095, dv: 0, vth: 100000}}",
                "  - {name: s, size: 4, model: loihi_lif, params: {du: 4095, dv: 0, vth: 100000}}",
                "inputs:",
                "  - {name: in, type: spike_array, size: 2, file: in.csv}",
                "projections:",
                "  - {pre: in, post: d, connect: {type: from_list, file: d.csv}, weight: 1}",
                "  - {pre: in, post: s, connect: all_to_all, weight: 1}",
                "mapping:",
                "  synapse_encoding: " + encoding,
                ""));
        Path stats = dir.resolve("stats.txt");
        Cli.ok("run", net.toString(), "--ticks", "3", "-q", "--energy-profile", "loihi-calibrated", "--stats",
                stats.toString());
        return Files.readString(stats);
    }

    private static double stat(String stats, String key) {
        return stats.lines().filter(l -> l.startsWith(key + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(key.length()).trim().split("\\s+")[0]))
                .orElseThrow(() -> new AssertionError(key + " missing"));
    }
}
