package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** conv2d kernels with channels (inline, CSV, 4-D .npy), bias, stride and padding pairs; pooling; flatten. */
class ConvReaderTest {
    static Network read(Path dir, Diagnostics d, String... projections) {
        String text = String.join("\n", "name: t", "arch: truenorth", "dt: 1 ms", "populations:",
                "  - {name: a, shape: [2, 4, 4], model: if, params: {v_thresh: 1 mV}}",
                "  - {name: b, shape: [3, 3, 3], model: if, params: {v_thresh: 1 mV}}",
                "  - {name: c, size: 27, model: if, params: {v_thresh: 1 mV}}",
                "projections:") + "\n" + String.join("\n", projections) + "\n";
        return NetworkReader.parse("t.yaml", text, dir, d);
    }

    @Test
    void kernelsWithChannelsReadTheSameInlineFromCsvAndFromNpy(@TempDir Path dir) throws Exception {
        // out 3, in 2, 2 x 2: value = 1 + index in [out][in][kh][kw] order
        ByteBuffer b = ByteBuffer.allocate(24 * 8).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder csv = new StringBuilder();
        StringBuilder inline = new StringBuilder("[");
        for (int i = 0; i < 24; i++) {
            b.putDouble(i + 1);
            csv.append(i + 1).append(i % 2 == 0 ? "," : "\n");
        }
        for (int o = 0; o < 3; o++) {
            inline.append(o == 0 ? "[" : ", [");
            for (int c = 0; c < 2; c++) {
                int base = (o * 2 + c) * 4 + 1;
                inline.append(c == 0 ? "" : ", ").append("[[").append(base).append(", ").append(base + 1)
                        .append("], [").append(base + 2).append(", ").append(base + 3).append("]]");
            }
            inline.append("]");
        }
        inline.append("]");
        Files.write(dir.resolve("k.npy"), DataFilesTest.npy("<f8", "(3, 2, 2, 2)", b.array()));
        Files.writeString(dir.resolve("k.csv"), csv.toString());
        Diagnostics d = new Diagnostics();
        Network n = read(dir, d,
                "  - {pre: a, post: b, connect: {type: conv2d, kernel: " + inline + "}, weight_unit: mV}",
                "  - {pre: a, post: b, connect: {type: conv2d, kernel: k.csv, channels: [3, 2]}}",
                "  - {pre: a, post: b, connect: {type: conv2d, kernel: k.npy, stride: [1, 1], padding: 0, "
                        + "bias: [0.1 mV, 0.2 mV, 0.3 mV]}}");
        assertThat(d.errors()).isEmpty();
        for (int k = 0; k < 3; k++) {
            Connector.Conv2d c = (Connector.Conv2d) n.projections().get(k).connector();
            assertThat(new int[] {c.outChannels(), c.inChannels(), c.kh(), c.kw()}).containsExactly(3, 2, 2, 2);
            assertThat(c.kernel()[0]).isEqualTo(1);
            assertThat(c.kernel()[23]).isEqualTo(24);
            assertThat(c.kernel()[13]).isEqualTo(14);
        }
        assertThat(((Connector.Conv2d) n.projections().get(2).connector()).bias()).containsExactly(0.1, 0.2, 0.3);
    }

    @Test
    void poolingAndFlatten(@TempDir Path dir) {
        Diagnostics d = new Diagnostics();
        Network n = read(dir, d,
                "  - {pre: a, post: b, connect: {type: avg_pool2d, kernel_size: 2, stride: 1}, weight: 1 mV}",
                "  - {pre: b, post: c, connect: flatten, weight: 1 mV}",
                "  - {pre: a, post: b, connect: {type: sum_pool2d, kernel_size: [2, 3], padding: [0, 1]}, weight: 2 mV}");
        assertThat(d.errors()).isEmpty();
        assertThat(n.projections().get(0).connector()).isEqualTo(new Connector.Pool2d(true, 2, 2, 1, 1, 0, 0));
        assertThat(n.projections().get(1).connector()).isEqualTo(new Connector.Flatten());
        // the stride defaults to the window
        assertThat(n.projections().get(2).connector()).isEqualTo(new Connector.Pool2d(false, 2, 3, 2, 3, 0, 1));
    }

    @Test
    void mistakesAreLocated(@TempDir Path dir) {
        Diagnostics d = new Diagnostics();
        read(dir, d, "  - {pre: a, post: b, connect: {type: sum_pool2d, stride: 2}, weight: 1 mV}",
                "  - {pre: a, post: b, connect: {type: conv2d, kernel: [[1, 2], [3]]}}",
                "  - {pre: a, post: b, connect: {type: conv2d, kernel: [[1], [2], [3]], channels: [2, 1]}}");
        assertThat(d.errors()).containsExactly(
                "t.yaml:9:32: missing key 'kernel_size' (the pooling window: k or [kh, kw])",
                "t.yaml:10:64: kernel rows must be non-empty lists of equal length 2",
                "t.yaml:11:55: the kernel's 3 rows are not channels 2 x 1 x kh rows");
    }
}
