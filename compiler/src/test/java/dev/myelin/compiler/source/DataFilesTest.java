package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DataFilesTest {
    /** A version 1.0 .npy file: magic, version, header length, header padded to 64 bytes, data. */
    static byte[] npy(String descr, String shape, byte[] data) {
        String h = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + h.length() + 1;
        int pad = (64 - total % 64) % 64;
        h = h + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.ISO_8859_1));
        out.write(1);
        out.write(0);
        out.write(h.length() & 0xff);
        out.write(h.length() >> 8);
        out.writeBytes(h.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    @Test
    void readsA2dFloat64Array(@TempDir Path dir) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(6 * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            b.putDouble(i * 0.5);
        }
        Path f = dir.resolve("w.npy");
        Files.write(f, npy("<f8", "(2, 3)", b.array()));
        Diagnostics d = new Diagnostics();
        DataFiles.Table t = DataFiles.npy(f, "here", d);
        assertThat(d.errors()).isEmpty();
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.cols()).isEqualTo(3);
        assertThat(t.get(1, 2)).isEqualTo(2.5);
    }

    @Test
    void readsInt32AndRejectsWrongSizes(@TempDir Path dir) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(3 * 4).order(ByteOrder.LITTLE_ENDIAN).putInt(-7).putInt(0).putInt(9);
        Path f = dir.resolve("v.npy");
        Files.write(f, npy("<i4", "(3,)", b.array()));
        Diagnostics d = new Diagnostics();
        DataFiles.Table t = DataFiles.npy(f, "here", d);
        assertThat(t.rows()).isEqualTo(1);
        assertThat(t.values()).containsExactly(-7, 0, 9);
        Path g = dir.resolve("short.npy");
        Files.write(g, npy("<i4", "(4,)", b.array()));
        assertThat(DataFiles.npy(g, "here", d)).isNull();
        assertThat(d.errors()).containsExactly("here: " + g + ": .npy field shape: 1 x 4 x 4 bytes != 12 data bytes");
    }

    @Test
    void csvWithHeaderAndComments(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("l.csv");
        Files.writeString(f, "pre,post,weight\n# a comment\n0,1,0.5\n2, 3 ,1e-1\n");
        DataFiles.Table t = DataFiles.csv(f, "here", 2, 4, new Diagnostics());
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.values()).containsExactly(0, 1, 0.5, 2, 3, 0.1);
    }
}
