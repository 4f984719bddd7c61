package dev.myelin.tests.cli;

import dev.myelin.tests.cli.BadInputTest.Outcome;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.myelin.tests.cli.BadInputTest.run;
import static dev.myelin.tests.cli.BadInputTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every CSV a run writes reads back as CSV: an RFC 4180 reader (Commons CSV, skipping
 * {@code #} comment lines) finds in every record exactly the header's number of fields. The
 * demo's fan-out copies sit outside every population and are labelled {@code core(x,y,s)}:
 * written unquoted, their rows had 5 fields under a 3-column header.
 */
class CsvOutputsTest {
    /** An independent reader: the standard RFC 4180 dialect plus '#' comments; nothing shared with the writer. */
    static final CSVFormat READ = CSVFormat.RFC4180.builder().setCommentMarker('#').get();

    static List<CSVRecord> read(Path file) throws IOException {
        try (CSVParser p = CSVParser.parse(file, StandardCharsets.UTF_8, READ)) {
            return p.getRecords();
        }
    }

    /** The records of {@code file}, each checked to have the header's field count; returns the data records. */
    static List<CSVRecord> rectangular(Path file, String... header) throws IOException {
        List<CSVRecord> all = read(file);
        assertThat(all).as(file + " has a header").isNotEmpty();
        assertThat(all.get(0).toList()).as(file + " header").containsExactly(header);
        for (CSVRecord r : all) {
            assertThat(r.size()).as(file + " record " + r.getRecordNumber() + " " + r.toList())
                    .isEqualTo(header.length);
        }
        return all.subList(1, all.size());
    }

    @Test
    void spikesProbesAndPerTickCsvHaveTheHeadersFieldCountInEveryRow(@TempDir Path dir) throws IOException {
        Path spikes = dir.resolve("spikes.csv");
        Path probes = dir.resolve("probes.csv");
        Path ticks = dir.resolve("ticks.csv");
        Outcome o = run("run", sample("demo/net.yaml").toString(), "--ticks", "60", "-q", "--spikes", spikes.toString(),
                "--probe", "readout:0,1", "--probe-file", probes.toString(), "--per-tick", ticks.toString());
        assertThat(o.code()).as(o.err()).isZero();

        List<CSVRecord> s = rectangular(spikes, "tick", "population", "index");
        // the failing case exists: fan-out copies, outside every population, fire with their source
        List<CSVRecord> copies = s.stream().filter(r -> r.get(1).startsWith("core(")).toList();
        assertThat(copies).as("rows of neurons outside every population").isNotEmpty();
        assertThat(copies.get(0).get(1)).matches("core\\(\\d+,\\d+,\\d+\\)");
        assertThat(Files.readString(spikes)).contains(",\"" + copies.get(0).get(1) + "\",");
        for (CSVRecord r : s) {
            assertThat(Long.parseLong(r.get(0))).isBetween(0L, 59L);
            assertThat(Integer.parseInt(r.get(2))).isNotNegative();
        }

        // TrueNorth has no u: tick,population,index,v; the description's 4 hidden probes plus readout 0 and 1
        List<CSVRecord> p = rectangular(probes, "tick", "population", "index", "v");
        assertThat(p).hasSize(60 * 6);
        assertThat(p.stream().map(r -> r.get(1) + "[" + r.get(2) + "]").distinct().toList())
                .containsExactlyInAnyOrder("readout[0]", "readout[1]", "hidden[0]", "hidden[1]", "hidden[2]",
                        "hidden[3]");

        List<CSVRecord> t = read(ticks);
        int columns = t.get(0).size();
        assertThat(t.get(0).get(0)).isEqualTo("tick");
        assertThat(t).hasSize(61);
        for (CSVRecord r : t) {
            assertThat(r.size()).as("ticks.csv record " + r.getRecordNumber()).isEqualTo(columns);
        }
        long spikesInTicks = t.subList(1, t.size()).stream().mapToLong(r -> Long.parseLong(r.get(1))).sum();
        assertThat(spikesInTicks).as("per-tick spikes add up to the spike list").isEqualTo(s.size());
    }

    @Test
    void aPartialRunsClosingCommentIsSkippedByACsvReader(@TempDir Path dir) throws IOException {
        Path spikes = dir.resolve("spikes.csv");
        // 0 ticks asked for: complete, not partial; the file is just its header
        Outcome o = run("run", sample("demo/net.yaml").toString(), "--ticks", "0", "-q", "--spikes", spikes.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(Files.readString(spikes)).isEqualTo("tick,population,index\n");
        assertThat(rectangular(spikes, "tick", "population", "index")).isEmpty();
    }

    @Test
    void theSweepCsvReadsBack(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("sweep.csv");
        Outcome o = run("noc", "--mesh", "4x4", "--sweep", "--step", "0.2", "--max", "0.4", "--cycles", "500",
                "--warmup", "100", "-o", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        List<CSVRecord> rows = rectangular(out, "offered_rate", "accepted_rate", "packet_latency_avg",
                "packet_latency_p99", "network_latency_avg", "hops_avg", "saturated");
        assertThat(rows).extracting(r -> r.get(0)).containsExactly("0.2000", "0.4000");
    }
}
