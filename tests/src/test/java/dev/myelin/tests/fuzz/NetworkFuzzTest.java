package dev.myelin.tests.fuzz;

import dev.myelin.compiler.Compiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated network descriptions (every sample's net.yaml, and a description built from the
 * language document's examples) compile cleanly (the compiler checks the image with
 * ImageValidator) or end in a user error whose every line starts with FILE:LINE:COL, the file
 * being net.yaml or a file it names, and the location inside that file; so do mutations of the
 * files a description names (architecture file, CSVs, .npy).
 */
class NetworkFuzzTest {
    static final long SEED = 0x5E55L;
    static final int CASES_PER_SEED = 300;
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

    /**
     * A description that names every kind of file a description can name (an architecture file,
     * spike, list and matrix CSVs, matrix and kernel .npy) and uses current inputs, raw TrueNorth
     * neurons, per-population core caps, pins and probe indices, so mutations reach each reader.
     */
    static final String FILES = String.join("\n",
            "name: files",
            "arch: custom.yaml",
            "dt: 1 ms",
            "populations:",
            "  - {name: a, size: 8, model: if, params: {v_thresh: 2 mV}}",
            "  - {name: b, size: 8, model: if, params: {v_thresh: 3 mV, v_reset: 0 mV, bias: -0.1 mV}}",
            "  - {name: g, shape: [4, 4], model: if, params: {v_thresh: 1 mV}}",
            "  - {name: r, size: 4, model: truenorth, params: {alpha: 10, beta: 5, leak: -2, negative_threshold: inclusive}}",
            "inputs:",
            "  - {name: cue, type: spike_array, size: 8, file: input.csv}",
            "  - {name: drive, type: current, target: a, amplitude: 0.5 mV}",
            "projections:",
            "  - {pre: cue, post: a, connect: {type: from_list, file: list.csv}, weight_unit: mV}",
            "  - {name: csv, pre: a, post: b, connect: {type: matrix, file: w.csv}, weight_unit: mV, delay: 2}",
            "  - {name: npy, pre: a, post: b, connect: {type: matrix, file: w.npy}, weight_unit: mV}",
            "  - {pre: g, post: g, connect: {type: conv2d, kernel: k.npy, padding: 1}, weight_unit: mV}",
            "  - {pre: b, post: r, connect: {type: fixed_probability, p: 0.5, seed: 3}, weight: 2}",
            "probes:",
            "  - {population: a, record: [spikes, v], indices: [0, 1]}",
            "  - {population: r}",
            "mapping:",
            "  neurons_per_core: {a: 4, b: 8}",
            "  pin:",
            "    - {population: g, slice: [0, 16], cores: [[1, 1]]}",
            "");
    /** The architecture file FILES names. */
    static final String ARCH = "extends: truenorth\nname: custom\nmesh:\n  routersX: 4\n  routersY: 4\n";
    static final String LIST = "pre,post,weight,delay\n0,0,1.5,1\n1,2,2,3\n# a comment\n7,7,-1,2\n";
    static final String MATRIX = ("1,0,0,0,0,0,0,2\n".repeat(8));
    static final int DATA_CASES = 120;

    @TempDir
    Path dir;

    static Path samples() {
        return dev.myelin.tests.Samples.dir();
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
        seeds.put("files", FILES);
        writeDataFiles();
        FuzzCase f = FuzzCase.mutateEach(seeds, SEED, CASES_PER_SEED, located(), dir.resolve("net.yaml").toString(),
                this::compile);
        System.out.println(f.summary("network descriptions", SEED));
        assertThat(f.failures()).isEmpty();
        assertThat(f.userErrors()).isGreaterThan(CASES_PER_SEED);
        assertThat(f.clean()).isGreaterThan(0);
    }

    /** Every file a description names, mutated in turn under the FILES description (or conv's, for the image). */
    @Test
    void mutatedDataFilesNeverCrash() throws Exception {
        writeDataFiles();
        compile(FILES); // the unmutated files compile: every refusal below is the mutation's
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("input.csv", Files.readString(dir.resolve("input.csv")));
        texts.put("list.csv", LIST);
        texts.put("w.csv", MATRIX);
        texts.put("image.csv", Files.readString(dir.resolve("image.csv")));
        texts.put("custom.yaml", ARCH);
        String conv = Files.readString(samples().resolve("conv/net.yaml"));
        Pattern located = located();
        FuzzCase f = new FuzzCase();
        java.util.Random r = new java.util.Random(SEED);
        for (var e : texts.entrySet()) {
            for (int i = 0; i < DATA_CASES; i++) {
                String text = Mutator.mutate(e.getValue(), r);
                f.check(e.getKey() + " case " + i, located, Map.of(dir.resolve(e.getKey()).toString(), text), () -> {
                    writeDataFiles();
                    Files.writeString(dir.resolve(e.getKey()), text);
                    compile(e.getKey().equals("image.csv") ? conv : FILES);
                });
            }
        }
        for (String npy : new String[] {"w.npy", "k.npy"}) {
            byte[] base = npyOf(npy.equals("w.npy") ? 8 : 3);
            for (int i = 0; i < DATA_CASES; i++) {
                byte[] bytes = mutateBytes(base, r);
                f.check(npy + " case " + i, located, () -> {
                    writeDataFiles();
                    Files.write(dir.resolve(npy), bytes);
                    compile(FILES);
                });
            }
        }
        System.out.println(f.summary("data files", SEED));
        assertThat(f.failures()).isEmpty();
        assertThat(f.userErrors()).isGreaterThan(DATA_CASES);
        assertThat(f.clean()).isGreaterThan(0);
    }

    /** A line that starts with net.yaml or a file beside it (a data or architecture file), then line and column. */
    private Pattern located() {
        return Pattern.compile(Pattern.quote(dir.toString() + java.io.File.separator) + "[^\\s:]+:\\d+:\\d+: ");
    }

    private void writeDataFiles() throws Exception {
        Files.writeString(dir.resolve("input.csv"), "tick,index\n1,0\n3,1\n");
        Files.copy(samples().resolve("conv/image.csv"), dir.resolve("image.csv"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("custom.yaml"), ARCH);
        Files.writeString(dir.resolve("list.csv"), LIST);
        Files.writeString(dir.resolve("w.csv"), MATRIX);
        Files.write(dir.resolve("w.npy"), npyOf(8));
        Files.write(dir.resolve("k.npy"), npyOf(3));
    }

    /** An n x n little-endian f8 .npy of small integers. */
    static byte[] npyOf(int n) {
        byte[] data = new byte[n * n * 8];
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n * n; i++) {
            b.putDouble(i % 3 - 1);
        }
        byte[] header = ("{'descr': '<f8', 'fortran_order': False, 'shape': (" + n + ", " + n + "), }")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(10 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        out.putShort((short) header.length).put(header).put(data);
        return out.array();
    }

    /** One to three byte edits: a bit flipped, a cut, a header digit changed, a byte inserted. */
    static byte[] mutateBytes(byte[] base, java.util.Random r) {
        byte[] b = base;
        for (int k = 1 + r.nextInt(3); k > 0; k--) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(4)) {
                case 0 -> {
                    b = b.clone();
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
                case 1 -> b = java.util.Arrays.copyOf(b, at);
                case 2 -> {
                    b = b.clone();
                    int h = 10 + r.nextInt(Math.max(1, Math.min(b.length, 70) - 10));
                    if (h < b.length && Character.isDigit(b[h])) {
                        b[h] = (byte) ('0' + r.nextInt(10));
                    } else {
                        b[at] = (byte) r.nextInt(256);
                    }
                }
                default -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) r.nextInt(256);
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }

    private void compile(String text) throws Exception {
        Path net = dir.resolve("net.yaml");
        Files.writeString(net, text);
        Compiler.compileFile(net, null);
    }
}
