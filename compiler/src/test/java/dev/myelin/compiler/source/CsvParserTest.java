package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.InputSource;
import dev.myelin.compiler.ir.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte-scanning CSV reader gives the doubles and located errors of parsing each field as text. */
class CsvParserTest {
    static DataFiles.Table parse(String text, int min, int max, Diagnostics d) {
        return CsvParser.parse(Path.of("f.csv"), text.getBytes(StandardCharsets.UTF_8), min, max, d);
    }

    @Test
    void everyFieldParsesToTheDoubleParseDoubleGives() {
        // fields of the fast path's form and beyond it (long mantissas, large exponents, hex,
        // Infinity): each must come out bit for bit as Double.parseDouble of the field
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder();
        String[] fields = new String[20000];
        for (int i = 0; i < fields.length; i++) {
            StringBuilder f = new StringBuilder();
            if (r.nextInt(4) == 0) {
                f.append(r.nextBoolean() ? '-' : '+');
            }
            f.append(Long.toString(r.nextLong(1L << r.nextInt(1, 62))));
            if (r.nextBoolean()) {
                f.append('.').append(Long.toString(r.nextLong(1L << r.nextInt(1, 62))));
            }
            if (r.nextInt(3) == 0) {
                f.append(r.nextBoolean() ? 'e' : 'E').append(r.nextInt(-40, 40));
            }
            fields[i] = switch (r.nextInt(200)) {
                case 0 -> "0x1.8p3";
                case 1 -> "-Infinity";
                case 2 -> "1.";
                case 3 -> ".25";
                case 4 -> "-0";
                default -> f.toString();
            };
            csv.append("  ").append(fields[i]).append(i % 2 == 0 ? " ," : "\r\n");
        }
        Diagnostics d = new Diagnostics();
        DataFiles.Table t = parse(csv.toString(), 2, 2, d);
        assertThat(d.errors()).isEmpty();
        for (int i = 0; i < fields.length; i++) {
            assertThat(Double.doubleToRawLongBits(t.values()[i])).as("field %s", fields[i])
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(fields[i])));
        }
    }

    @Test
    void headersCommentsBlanksAndErrorsAreLocatedAsBefore() {
        Diagnostics d = new Diagnostics();
        DataFiles.Table t = parse("pre,post # header\n\n# comment\n 1, 2\r\n3 ,4 # end\n", 2, 2, d);
        assertThat(d.errors()).isEmpty();
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.values()).containsExactly(1, 2, 3, 4);
        assertThat(t.where(0, 1, "x")).isEqualTo("f.csv:4:5"); // line 4 " 1, 2": the 2 is its fifth character
        assertThat(t.where(1, 0, "x")).isEqualTo("f.csv:5:1");
        parse("1,2\n1,x\n1,2,3\n5\n", 2, 2, d);
        assertThat(d.errors()).containsExactly("f.csv:2:3: 'x' is not a number",
                "f.csv:3:1: expected 2 columns, found 3", "f.csv:4:1: expected 2 columns, found 1");
    }

    @Test
    void aLineWithNonAsciiTextCountsColumnsInCharacters() {
        Diagnostics d = new Diagnostics();
        parse("1,2\n1,é\n", 2, 2, d);
        assertThat(d.errors()).containsExactly("f.csv:2:3: 'é' is not a number");
    }

    static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void listsAndSpikeArraysComeFromNpyAndGzipFilesToo(@TempDir Path dir) throws Exception {
        ByteBuffer edges = ByteBuffer.allocate(3 * 3 * 8).order(ByteOrder.LITTLE_ENDIAN);
        double[] rows = {0, 1, 0.5, 1, 2, 1.5, 2, 0, 2.5};
        for (double v : rows) {
            edges.putDouble(v);
        }
        Files.write(dir.resolve("edges.npy.gz"), gzip(DataFilesTest.npy("<f8", "(3, 3)", edges.array())));
        Files.write(dir.resolve("cue.csv.gz"), gzip("tick,index\n0,1\n4,2\n".getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer spikes = ByteBuffer.allocate(2 * 2 * 4).order(ByteOrder.LITTLE_ENDIAN);
        spikes.putInt(3).putInt(0).putInt(5).putInt(1);
        Files.write(dir.resolve("cue.npy"), DataFilesTest.npy("<i4", "(2, 2)", spikes.array()));
        String text = String.join("\n", "name: t", "arch: loihi", "dt: 1 ms", "populations:",
                "  - {name: a, size: 3, model: if, params: {v_thresh: 1 mV}}", "inputs:",
                "  - {name: c, type: spike_array, size: 3, file: cue.csv.gz}",
                "  - {name: e, type: spike_array, size: 3, file: cue.npy}", "projections:",
                "  - {pre: a, post: a, connect: {type: from_list, file: edges.npy.gz}}", "");
        Diagnostics d = new Diagnostics();
        Network n = NetworkReader.parse("t.yaml", text, dir, d);
        assertThat(d.errors()).isEmpty();
        Connector.FromList l = (Connector.FromList) n.projections().get(0).connector();
        assertThat(l.pre()).containsExactly(0, 1, 2);
        assertThat(l.post()).containsExactly(1, 2, 0);
        assertThat(l.weight()).containsExactly(0.5, 1.5, 2.5);
        InputSource.SpikeArray c = (InputSource.SpikeArray) n.inputs().get(0);
        assertThat(c.tick()).containsExactly(0, 4);
        assertThat(c.index()).containsExactly(1, 2);
        InputSource.SpikeArray e = (InputSource.SpikeArray) n.inputs().get(1);
        assertThat(e.tick()).containsExactly(3, 5);
        assertThat(e.index()).containsExactly(0, 1);
    }

    @Test
    void aGzipFileThatIsNotGzipIsLocatedAtItsKey(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.csv.gz"), "0,1\n");
        Diagnostics d = new Diagnostics();
        DataFiles.table(dir, "bad.csv.gz", "t.yaml:3:9", 2, 2, d);
        assertThat(d.errors()).hasSize(1);
        assertThat(d.errors().get(0)).startsWith("t.yaml:3:9: data file " + dir.resolve("bad.csv.gz")
                + " is not a readable gzip file");
    }
}
