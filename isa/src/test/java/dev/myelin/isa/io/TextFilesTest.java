package dev.myelin.isa.io;

import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shared reader's refusals and bounds, each a one-line error naming the file. */
class TextFilesTest {
    @Test
    void readsARegularFileWhole(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.txt");
        byte[] data = new byte[10_000]; // more than the first buffer, so the read grows it
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        Files.write(f, data);
        assertThat(TextFiles.readBytes(f, data.length, "text file")).isEqualTo(data);
        assertThat(TextFiles.readUtf8(f, data.length, "text file")).hasSize(data.length);
        assertThat(TextFiles.readBytes(Files.write(dir.resolve("empty"), new byte[0]), 10, "x")).isEmpty();
    }

    @Test
    void aFileOverTheBoundIsRefusedBeforeReading(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("b.txt"), new byte[101]);
        assertThatThrownBy(() -> TextFiles.readBytes(f, 100, "text file")).isInstanceOf(MyelinInputException.class)
                .hasMessage(f + ": text file is larger than 100 bytes");
        assertThatThrownBy(() -> TextFiles.openBounded(f, 100, "text file"))
                .hasMessage(f + ": text file is larger than 100 bytes");        // a text document read whole: a refusal of the whole file, located at its first line
        assertThatThrownBy(() -> TextFiles.readUtf8(f, 100, "text file"))
                .hasMessage(f + ":1:1: text file is larger than 100 bytes");
    }

    /** /proc files say they are empty and then deliver bytes: only the bound on the read itself stops them. */
    @Test
    void theReadItselfIsBounded() throws Exception {
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isRegularFile(status) && Files.size(status) == 0, "no Linux /proc");
        assertThatThrownBy(() -> TextFiles.readBytes(status, 64, "status file"))
                .hasMessage(status + ": status file is larger than 64 bytes");
        assertThatThrownBy(() -> {
            try (InputStream in = TextFiles.openBounded(status, 64, "status file")) {
                in.readAllBytes();
            }
        }).hasMessage(status + ": status file is larger than 64 bytes");
        assertThat(TextFiles.readBytes(status, 1 << 20, "status file")).isNotEmpty();
    }

    @Test
    void onlyRegularFilesAreRead(@TempDir Path dir) {
        assertThatThrownBy(() -> TextFiles.readBytes(dir, 10, "architecture file"))
                .hasMessage(dir + ": is a directory, not an architecture file");
        Path missing = dir.resolve("none");
        assertThatThrownBy(() -> TextFiles.readBytes(missing, 10, "stats file")).hasMessage(missing + ": no such file");
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        assertThatThrownBy(() -> TextFiles.readBytes(zero, 10, "network binary"))
                .hasMessage("/dev/zero: is a character device, not a network binary");
        assertThatThrownBy(() -> TextFiles.openBounded(zero, 10, "listing"))
                .hasMessage("/dev/zero: is a character device, not a listing");
    }

    @Test
    void aNameWithANulIsALocatedError() {
        assertThatThrownBy(() -> TextFiles.resolve(Path.of("d"), "a\0b.csv", "net.yaml:3:9"))
                .isInstanceOf(MyelinInputException.class)
                .hasMessage("net.yaml:3:9: 'a\\x00b.csv' is not a usable file name (Nul character not allowed)");
        assertThat(TextFiles.resolve(Path.of("d"), "w.csv", "x")).isEqualTo(Path.of("d", "w.csv"));
    }
}
