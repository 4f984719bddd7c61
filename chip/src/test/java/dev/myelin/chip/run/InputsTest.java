package dev.myelin.chip.run;

import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputsTest {
    @TempDir
    Path dir;

    @Test
    void readsTickIndexRowsWithHeaderAndComments() throws Exception {
        Path f = dir.resolve("in.csv");
        Files.writeString(f, "tick,index\n# warm-up\n3,1\n0,2\n3,1\n");
        var s = InputCsv.read("in", f, 4);
        // sorted by (tick, index), duplicates merged: an axon is a bit
        assertThat(s.tick()).containsExactly(0, 3);
        assertThat(s.index()).containsExactly(2, 1);
    }

    @Test
    void badRowsNameFileLineAndColumn() throws Exception {
        Path f = dir.resolve("in.csv");
        Files.writeString(f, "0,1\n2,9\n");
        assertThatThrownBy(() -> InputCsv.read("in", f, 4)).isInstanceOf(MyelinInputException.class)
                .hasMessage(f + ":2:3: index = 9 is out of range [0, 3]");
        Files.writeString(f, "x,1\n");
        assertThatThrownBy(() -> InputCsv.read("in", f, 4)).hasMessage(f + ":1:1: tick 'x' is not a whole number");
        Files.writeString(f, "5\n");
        assertThatThrownBy(() -> InputCsv.read("in", f, 4)).hasMessage(f + ":1:1: expected 'tick,index'");
    }
}
