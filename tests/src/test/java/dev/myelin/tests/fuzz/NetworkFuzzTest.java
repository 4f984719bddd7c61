package dev.myelin.tests.fuzz;

import dev.myelin.compiler.Compiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated network descriptions (every sample's net.yaml, and a description built from the
 * language document's examples) compile cleanly (the compiler checks the image with
 * ImageValidator) or end in a user error whose every line names net.yaml:line:col.
 */
class NetworkFuzzTest {
    static final long SEED = 0x5E55L;
    static final int CASES_PER_SEED = 120;
    /** The language document's examples, joined into one description. */
    static final String DOC = String.join("\n",
            "name: doc",
            "arch: loihi",
            "dt: 1 ms",
            "populations:",
            "  - name: exc",
            "    shape: [16, 16]",
            "    model: lif",
            "    params: {tau_m: 20 ms, v_rest: -65 mV, v_thresh: -50 mV, v_reset: -65 mV, r_m: 10 MOhm, bias: 0.2 nA}",
            "  - {name: inh, size: 64, model: cuba_lif, params: {tau_m: 20 ms, tau_syn: 5 ms, v_rest: -49 mV, v_thresh: -50 mV, v_reset: -60 mV, r_m: 1 MOhm}}",
            "inputs:",
            "  - {name: cue, type: spike_array, size: 8, file: input.csv}",
            "  - {name: noise, type: poisson, size: 64, rate: 40 Hz, seed: 7}",
            "  - {name: drive, type: current, target: exc, amplitude: 0.5 nA}",
            "projections:",
            "  - name: e_to_i",
            "    pre: exc",
            "    post: inh",
            "    connect: {type: fixed_probability, p: 0.1, seed: 3}",
            "    weight: {uniform: [1 nA, 3 nA], seed: 2}",
            "    delay: 2 ms",
            "  - {pre: inh, post: exc, connect: all_to_all, weight: 1.5 nA, sign: inhibitory}",
            "  - {pre: noise, post: inh, connect: one_to_one, weight: 2 nA, delay: 1}",
            "  - {pre: cue, post: inh, connect: {type: fixed_probability, p: 0.5, seed: 1}, weight: 2 nA}",
            "probes:",
            "  - {population: exc}",
            "  - {population: inh, record: [spikes, v], indices: [0, 1, 2, 3]}",
            "mapping:",
            "  neurons_per_core: {exc: 128, inh: 64}",
            "");

    @TempDir
    Path dir;

    static Path samples() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("firmware-samples/samples"))) {
            p = p.getParent();
        }
        assertThat(p).as("firmware-samples/samples above the working directory").isNotNull();
        return p.resolve("firmware-samples/samples");
    }

    @Test
    void mutatedDescriptionsNeverCrash() throws Exception {
        Map<String, String> seeds = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(samples())) {
            for (Path d : s.sorted().toList()) {
                if (Files.exists(d.resolve("net.yaml"))) {
                    seeds.put(d.getFileName().toString(), Files.readString(d.resolve("net.yaml")));
                }
            }
        }
        seeds.put("doc", DOC);
        Files.writeString(dir.resolve("input.csv"), "tick,index\n1,0\n3,1\n");
        Files.copy(samples().resolve("conv/image.csv"), dir.resolve("image.csv"));
        FuzzCase f = FuzzCase.mutateEach(seeds, SEED, CASES_PER_SEED, Pattern.compile(".*net\\.yaml:\\d+:\\d+: "),
                this::compile);
        assertThat(f.failures()).isEmpty();
        assertThat(f.userErrors()).isGreaterThan(CASES_PER_SEED);
        assertThat(f.clean()).isGreaterThan(0);
    }

    private void compile(String text) throws Exception {
        Path net = dir.resolve("net.yaml");
        Files.writeString(net, text);
        Compiler.compileFile(net, null);
    }
}
