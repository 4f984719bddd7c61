package dev.myelin.tests.fuzz;

import dev.myelin.compiler.Compiler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-picked hostile descriptions and data files: sizes far beyond any chip, dense connectors
 * on huge populations, giant kernels, empty, truncated, NaN and huge-declared CSV/.npy files.
 * Each must end in a user error whose every line starts with FILE:LINE:COL (or compile) within
 * the time bound, without running out of memory.
 */
class HostileNetworkTest {
    @TempDir
    Path dir;

    private final FuzzCase f = new FuzzCase();
    /** Every line starts with FILE:LINE:COL, the file being net.yaml or a data file beside it. */
    private Pattern located;

    @BeforeEach
    void locatedInDir() {
        located = Pattern.compile(Pattern.quote(dir.toString() + java.io.File.separator) + "[^\\s:]+:\\d+:\\d+: ");
    }

    static String net(String arch, String pops, String projections) {
        return "name: h\narch: " + arch + "\ndt: 1 ms\npopulations:\n" + pops
                + (projections.isEmpty() ? "" : "projections:\n" + projections);
    }

    static String pop(String name, String sizeOrShape) {
        return "  - {name: " + name + ", " + sizeOrShape + ", model: if, params: {v_thresh: 1 mV}}\n";
    }

    @Test
    void hugeSizesAreRejectedBeforeAllocating() {
        String[] sizes = {"size: 2000000000", "shape: [100000, 100000]", "size: 67108864", "shape: [4096, 4096, 4]",
            "size: 9223372036854775807", "size: -5", "size: 0", "shape: []", "shape: [0, 5]", "size: 1e9", "size: .nan"};
        for (String s : sizes) {
            for (String arch : new String[] {"tiny", "truenorth", "loihi"}) {
                run(arch + " " + s, net(arch, pop("a", s), ""));
                run(arch + " " + s + " p=1", net(arch, pop("a", s) + pop("b", s),
                        "  - {pre: a, post: b, connect: {type: fixed_probability, p: 1, seed: 1}, weight: 1 mV}\n"));
                run(arch + " " + s + " all_to_all", net(arch, pop("a", s),
                        "  - {pre: a, post: a, connect: all_to_all, weight: 1 mV}\n"));
            }
        }
        assertThat(f.failures()).isEmpty();
    }

    @Test
    void denseConnectorsOnLargeButLegalPopulations() {
        // populations each within the reader's limits; their dense products are not
        String[] sizes = {"size: 1000000", "shape: [4000, 4000]", "size: 100000"};
        for (String s : sizes) {
            for (String arch : new String[] {"tiny", "loihi"}) {
                run(arch + " " + s + " p=1", net(arch, pop("a", s) + pop("b", s),
                        "  - {pre: a, post: b, connect: {type: fixed_probability, p: 1, seed: 1}, weight: 1 mV}\n"));
                run(arch + " " + s + " all_to_all", net(arch, pop("a", s) + pop("b", s),
                        "  - {pre: a, post: b, connect: all_to_all, weight: 1 mV}\n"));
                run(arch + " " + s + " block", net(arch, pop("a", s) + pop("b", s),
                        "  - {pre: a, post: b, connect: {type: fixed_probability, p: 1, block: 2000000000}, weight: 1 mV}\n"));
            }
        }
        // fits the chip's neurons and the fan-in bound, but expects 65536 x 65536 x 0.06 = 2.6e8 synapses
        run("loihi sparse on the whole chip", net("loihi", pop("a", "size: 65536") + pop("b", "size: 65536"),
                "  - {pre: a, post: b, connect: {type: fixed_probability, p: 0.06, seed: 1}, weight: 1 mV}\n"));
        assertThat(f.failures()).isEmpty();
    }

    @Test
    void hostileScalarsEverywhere() {
        String[] values = {"0", "-1", "2000000000", "99999999999999999999", "1e400", ".nan", "1e-400", "x"};
        for (String v : values) {
            String pops = pop("a", "size: 8") + pop("b", "size: 8");
            String proj = "  - {pre: a, post: b, connect: {type: fixed_probability, p: 0.5, seed: " + v + "}, weight: 1 mV, delay: "
                    + v + "}\n";
            run("dt " + v, "name: h\narch: loihi\ndt: " + v + " ms\npopulations:\n" + pops);
            run("seed/delay " + v, net("loihi", pops, proj));
            run("neurons_per_core " + v, net("loihi", pops, "") + "mapping:\n  neurons_per_core: " + v + "\n");
            run("pin " + v, net("loihi", pops, "") + "mapping:\n  pin:\n    - {population: a, slice: [0, " + v
                    + "], cores: [[" + v + ", 0]]}\n");
            run("probe " + v, net("loihi", pops, "") + "probes:\n  - {population: a, indices: [" + v + "]}\n");
            run("rate " + v, net("loihi", pops, "  - {pre: p, post: a, connect: one_to_one, weight: 1 mV}\n")
                    + "inputs:\n  - {name: p, type: poisson, size: 8, rate: " + v + " Hz, seed: " + v + "}\n");
            run("weight " + v, net("loihi", pops, "  - {pre: a, post: b, connect: all_to_all, weight: {uniform: [" + v
                    + " mV, " + v + " mV], seed: 1}}\n"));
            run("threshold " + v, net("truenorth", pop("a", "size: 8").replace("1 mV", v + " mV"), ""));
        }
        assertThat(f.failures()).isEmpty();
    }

    @Test
    void giantConvolutions() {
        String[] kernels = {"kernel: [[1]]", "kernel: [" + "[1],".repeat(5000) + "[1]]",
            "kernel: [[" + "1,".repeat(100000) + "1]]", "kernel: []", "kernel: [[]]", "kernel: [[.nan]]",
            "kernel: [[1e400]]", "kernel: k.npy", "kernel: k.csv"};
        String[] shapes = {"shape: [16, 16]", "shape: [4096, 4096]", "shape: [1, 16777216]"};
        for (String k : kernels) {
            for (String sh : shapes) {
                for (String stride : new String[] {"1", "0", "-1", "2000000000"}) {
                    run("conv " + k.substring(0, Math.min(20, k.length())) + " " + sh + " stride " + stride,
                            net("loihi", pop("a", sh) + pop("b", sh), "  - {pre: a, post: b, connect: {type: conv2d, "
                                    + k + ", stride: " + stride + ", padding: 2000000000}, weight_unit: mV}\n"));
                }
            }
        }
        assertThat(f.failures()).isEmpty();
    }

    @Test
    void brokenDataFiles() throws Exception {
        String[] csv = {"", "\n", "tick,index\n", "1,0\n2", "1,0\n2,", "nan,0\n", "1,nan\n", "1e400,0\n",
            "1,0,0,0,0\n", "a,b\nc,d\n", "1;0\n", "-1,0\n", "2147483648,0\n", "1,2000000000\n", "\u0000\u0001\n",
            "1,0\n".repeat(100000)};
        for (int i = 0; i < csv.length; i++) {
            Files.writeString(dir.resolve("d.csv"), csv[i]);
            String pops = pop("a", "size: 4") + pop("b", "size: 4");
            run("spike csv " + i, "name: h\narch: loihi\ndt: 1 ms\npopulations:\n" + pops
                    + "inputs:\n  - {name: s, type: spike_array, size: 4, file: d.csv}\n"
                    + "projections:\n  - {pre: s, post: a, connect: one_to_one, weight: 1 mV}\n");
            run("list csv " + i, net("loihi", pops, "  - {pre: a, post: b, connect: {type: from_list, file: d.csv}, weight_unit: mV}\n"));
            run("matrix csv " + i, net("loihi", pops, "  - {pre: a, post: b, connect: {type: matrix, file: d.csv}, weight_unit: mV}\n"));
            Files.writeString(dir.resolve("k.csv"), csv[i]);
            run("kernel csv " + i, net("loihi", pop("a", "shape: [8, 8]") + pop("b", "shape: [8, 8]"),
                    "  - {pre: a, post: b, connect: {type: conv2d, kernel: k.csv, padding: 1}, weight_unit: mV}\n"));
        }
        for (byte[] npy : npys()) {
            Files.write(dir.resolve("w.npy"), npy);
            Files.write(dir.resolve("k.npy"), npy);
            String pops = pop("a", "size: 4") + pop("b", "size: 4");
            run("matrix npy", net("loihi", pops, "  - {pre: a, post: b, connect: {type: matrix, file: w.npy}, weight_unit: mV}\n"));
            run("kernel npy", net("loihi", pop("a", "shape: [8, 8]") + pop("b", "shape: [8, 8]"),
                    "  - {pre: a, post: b, connect: {type: conv2d, kernel: k.npy, padding: 1}, weight_unit: mV}\n"));
        }
        assertThat(f.failures()).isEmpty();
    }

    /** .npy files: empty, truncated, huge-declared, overflowing shapes, odd dtypes, NaN data. */
    static byte[][] npys() {
        return new byte[][] {new byte[0], npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 4), }", 10),
            npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }", 128),
            npy("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999, 4), }", 128),
            npy("{'descr': '<i1', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", 0),
            npy("{'descr': '<i0', 'fortran_order': False, 'shape': (4, 4), }", 0),
            npy("{'descr': '<i99999999999', 'fortran_order': False, 'shape': (4, 4), }", 16),
            npy("{'descr': '<u3', 'fortran_order': False, 'shape': (4, 4), }", 48),
            npy("{'descr': '<f4', 'fortran_order': False, 'shape': (), }", 4),
            npy("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 4), }", 0),
            npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 4), }", -1),
            npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 4, 4), }", 512),
            npy("garbage", 16)};
    }

    /** A version 1.0 .npy with {@code header} and {@code dataBytes} data bytes (-1: 128 bytes of f8 NaN). */
    static byte[] npy(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        int n = dataBytes < 0 ? 128 : dataBytes;
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + n).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length).put(h);
        while (dataBytes < 0 && b.hasRemaining()) {
            b.putDouble(Double.NaN);
        }
        return b.array();
    }

    private void run(String name, String text) {
        f.check(name, located, () -> {
            Path p = dir.resolve("net.yaml");
            Files.writeString(p, text);
            Compiler.compileFile(p, null);
        });
    }
}
