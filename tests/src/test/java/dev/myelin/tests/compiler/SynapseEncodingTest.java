package dev.myelin.tests.compiler;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.YamlFrontend;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.SparseRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiler's choice of Loihi synapse encoding and what it changes. A 20-line input fully
 * connected to 30 cuba_lif neurons: on the loihi preset (9-bit weights, 10-bit compartment
 * index) the sparse rows need 600 x 19 bits = 1,425 bytes, the dense ones 20 x 30 x 9 bits =
 * 675 bytes, so auto picks dense; a 10% connection (about 60 synapses, 143 bytes sparse) stays
 * sparse. Whatever the encoding, the spikes are the same.
 */
class SynapseEncodingTest {
    private static String net(String connect, String encoding) {
        return """
                name: enc
                arch: loihi
                dt: 1 ms
                populations:
                  - {name: p, size: 30, model: cuba_lif, params: {tau_m: 20 ms, tau_syn: 5 ms, v_rest: -65 mV, v_thresh: -50 mV, v_reset: -65 mV, r_m: 10 MOhm, bias: 1.4 nA}}
                inputs:
                  - {name: noise, type: poisson, size: 20, rate: 50 Hz, seed: 3}
                projections:
                  - {pre: noise, post: p, connect: %s, weight: {uniform: [0.5 nA, 2 nA], seed: 4}}
                probes:
                  - {population: p}
                mapping:
                  synapse_encoding: %s
                """.formatted(connect, encoding);
    }

    private static Compiler.Compilation compile(Path dir, String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return Compiler.compileFile(f, null);
    }

    private static SparseRows rows(Compiler.Compilation c) {
        CoreImage core = c.emitted().image().cores().get(0);
        return (SparseRows) core.synapses();
    }

    @Test
    void autoPicksTheSmallerEncodingPerCore(@TempDir Path dir) throws Exception {
        SparseRows all = rows(compile(dir, "all.yaml", net("all_to_all", "auto")));
        assertThat(all.dense()).isTrue();
        assertThat(all.synapseCount()).isEqualTo(20 * 30);
        SparseRows few = rows(compile(dir, "few.yaml", net("{type: fixed_probability, p: 0.1, seed: 5}", "auto")));
        assertThat(few.dense()).isFalse();
        // forced dense: every (axon, compartment) slot is stored, zeros included
        SparseRows forced = rows(compile(dir, "forced.yaml", net("{type: fixed_probability, p: 0.1, seed: 5}",
                "dense")));
        assertThat(forced.dense()).isTrue();
        assertThat(forced.synapseCount()).isEqualTo((long) forced.axons() * 30);
        assertThat(rows(compile(dir, "sparse.yaml", net("all_to_all", "sparse"))).dense()).isFalse();
    }

    @Test
    void theEncodingDoesNotChangeTheSpikes(@TempDir Path dir) throws Exception {
        String connect = "{type: fixed_probability, p: 0.3, seed: 5}";
        Map<String, TreeSet<Long>> sparse = run(dir, "s.yaml", net(connect, "sparse"));
        Map<String, TreeSet<Long>> dense = run(dir, "d.yaml", net(connect, "dense"));
        assertThat(dense).isEqualTo(sparse);
        assertThat(sparse.get("p").size()).as("the network is active").isGreaterThan(20);
    }

    private static Map<String, TreeSet<Long>> run(Path dir, String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return ChipRun.run(new YamlFrontend().compile(f, null), 200, 1);
    }
}
