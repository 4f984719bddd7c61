package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile .npy headers are user errors at the naming key that name the file, never a NumberFormatException or a buffer underflow. */
class NpyLimitsTest {
    @TempDir
    Path dir;

    private String error(String descr, String shape, int dataBytes) throws Exception {
        Path f = dir.resolve("w.npy");
        Files.write(f, DataFilesTest.npy(descr, shape, new byte[dataBytes]));
        Diagnostics d = new Diagnostics();
        assertThat(DataFiles.npy(f, "here", d)).isNull();
        assertThat(d.errors()).hasSize(1);
        return d.errors().get(0);
    }

    @Test
    void shapeBeyondAnIntIsRefusedNotParsedAsALong() throws Exception {
        String f = dir.resolve("w.npy").toString();
        assertThat(error("<f8", "(99999999999999999999, 4)", 8))
                .isEqualTo("here: " + f + ": .npy field shape: (99999999999999999999, 4) exceeds 2147483647 per dimension");
        // 2^62 x 4 x 1 byte wraps a long to 0, which would have matched an empty data section
        assertThat(error("<i1", "(4611686018427387904, 4)", 0))
                .isEqualTo("here: " + f + ": .npy field shape: (4611686018427387904, 4) exceeds 2147483647 per dimension");
    }

    @Test
    void onlyPowerOfTwoIntegerWidthsAreAccepted() throws Exception {
        String f = dir.resolve("w.npy").toString();
        String supported = " is not supported (f4, f8, i1, i2, i4, i8, u1, u2, u4, u8)";
        assertThat(error("<i0", "(4, 4)", 0)).isEqualTo("here: " + f + ": .npy field descr: dtype i0" + supported);
        assertThat(error("<u3", "(4, 4)", 48)).isEqualTo("here: " + f + ": .npy field descr: dtype u3" + supported);
        assertThat(error("<i99999999999", "(4, 4)", 16)).isEqualTo("here: " + f + ": .npy field descr: dtype i99999999999" + supported);
    }
}
