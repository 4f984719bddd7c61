package dev.myelin.chip.trace;

import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WritersTest {
    @TempDir
    Path dir;

    @Test
    void fixedFourDecimalsRoundsHalfUpWithoutAFormatter() {
        assertThat(PerTickCsv.fixed4(new StringBuilder(), 57525010.0).toString()).isEqualTo("57525010.0000");
        assertThat(PerTickCsv.fixed4(new StringBuilder(), 0.00005).toString()).isEqualTo("0.0001");
        assertThat(PerTickCsv.fixed4(new StringBuilder(), -2.5).toString()).isEqualTo("-2.5000");
        assertThat(PerTickCsv.fixed4(new StringBuilder(), 1145.12344).toString()).isEqualTo("1145.1234");
    }

    @Test
    void statsTextIsGem5Style() {
        Stats s = new Stats().add("chip.core_0_1.synops", 12345, "synaptic events").add("energy.total_pj", 2.5, "pJ");
        assertThat(s.toText()).contains("---------- Begin Simulation Statistics ----------")
                .containsPattern("chip\\.core_0_1\\.synops +12345 # synaptic events\n")
                .containsPattern("energy\\.total_pj +2\\.5 # pJ\n");
    }

    @Test
    void jsonWritesExactDoublesAndEscapes() {
        String j = Json.write(Map.of("a", List.of(0.1, 3.0, 1e-7), "s", "q\"\n"));
        assertThat(j).contains("[0.1, 3.0, 1.0e-7]").contains("\"q\\\"\\n\"");
        assertThat(Json.number(Double.NaN)).isEqualTo("null");
    }

    @Test
    void atomicStreamPublishesOnlyOnCommit() throws Exception {
        Path f = dir.resolve("x.csv");
        RowCsv csv = RowCsv.spikes(f);
        csv.spike(3, "pop", 7);
        assertThat(f).doesNotExist();
        csv.commit(true, 4);
        assertThat(Files.readAllLines(f)).containsExactly("tick,population,index", "3,pop,7",
                "# partial run: stopped after 4 ticks");
        RowCsv gone = RowCsv.spikes(dir.resolve("y.csv"));
        gone.abort();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("x.csv");
        }
    }

    @Test
    void aFileThatIsNotAStatsJsonIsAUserError() throws Exception {
        Path f = dir.resolve("s.json");
        Files.writeString(f, "{\"stats\": {}}");
        assertThatThrownBy(() -> StatsFiles.read(f)).isInstanceOf(MyelinInputException.class)
                .hasMessageContaining("not a Myelin stats JSON");
        Files.writeString(f, "{ nope");
        assertThatThrownBy(() -> StatsFiles.read(f)).isInstanceOf(MyelinInputException.class)
                .hasMessageContaining("malformed JSON");
    }
}
