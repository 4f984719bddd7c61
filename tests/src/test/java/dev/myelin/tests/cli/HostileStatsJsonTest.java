package dev.myelin.tests.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.myelin.tests.cli.BadInputTest.assertUserError;
import static dev.myelin.tests.cli.BadInputTest.run;
import static dev.myelin.tests.cli.BadInputTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code myelin energy STATS.json} on damaged stats files: deep nesting (a stack overflow
 * before), and counts and durations of the wrong kind (a NaN count printed a
 * ClassCastException's text). Each is exit 2 with one line naming file:line:col and the field.
 * Locations are computed from the text: the line and column of the edited value.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileStatsJsonTest {
    static final String COUNT = "is not a count (an integer from 0 to 9223372036854775807)";

    @TempDir
    static Path dir;
    static String json;

    @BeforeAll
    static void aRealStatsFile() throws Exception {
        Path stats = dir.resolve("stats.txt");
        BadInputTest.Outcome ran = run("run", "--ticks", "20", "-q", "--stats", stats.toString(),
                sample("demo/net.yaml").toString());
        assertThat(ran.code()).as(ran.err()).isZero();
        json = Files.readString(dir.resolve("stats.json"));
        assertThat(run("energy", dir.resolve("stats.json").toString()).code()).isZero();
    }

    /** {@code json} with the first {@code from} replaced, written to NAME.json; returns "FILE:line:col" of the edit. */
    private static String edit(String name, String from, String to) throws Exception {
        int at = json.indexOf(from);
        assertThat(at).as(from).isNotNegative();
        String text = json.substring(0, at) + to + json.substring(at + from.length());
        Path f = dir.resolve(name + ".json");
        Files.writeString(f, text);
        // the value starts after the key, "KEY": VALUE
        int value = at + from.indexOf(": ") + 2;
        return f + ":" + lineOf(text, value) + ":" + colOf(text, value);
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static int colOf(String text, int offset) {
        return offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
    }

    private static void refused(String where, String problem) {
        String file = where.substring(0, where.indexOf(".json:") + 5);
        assertUserError(run("energy", file), where + ": damaged stats JSON: " + problem);
    }

    @Test
    void nestingThousandsDeepIsALocatedErrorNotAStackOverflow() throws Exception {
        String prefix = "{\"format\": \"myelin-stats-1\", \"x\": ";
        Path f = dir.resolve("deep.json");
        Files.writeString(f, prefix + "[".repeat(5000) + "]".repeat(5000) + "}");
        // the object is level 1, so the 64th '[' is level 65: column prefix + 64
        assertUserError(run("energy", f.toString()), f + ":1:" + (prefix.length() + 64)
                + ": malformed JSON: nested deeper than 64 levels");
        // deep inside a section the reader keeps, too
        Files.writeString(f, json.replace("\"stats\": {", "\"stats\": {\"deep\": " + "[".repeat(3000) + "]".repeat(3000)
                + ","));
        BadInputTest.Outcome o = run("energy", f.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(f + ":").contains(": malformed JSON: nested deeper than 64 levels");
    }

    @Test
    void aNanCountIsRefusedNamingTheField() throws Exception {
        refused(edit("nan", "\"ticks\": 20", "\"ticks\": NaN"), "counts.ticks = NaN " + COUNT);
        refused(edit("nan2", "\"samples\": 1", "\"samples\": .nan"), "counts.samples = .nan " + COUNT);
    }

    @Test
    void hugeNegativeFractionalAndNonNumericCountsAreRefused() throws Exception {
        // 2^63 is one past the largest count
        refused(edit("huge", "\"hopsEastWest\": ", "\"hopsEastWest\": 9223372036854775808, \"was\": "),
                "counts.hopsEastWest = 9223372036854775808 " + COUNT);
        refused(edit("neg", "\"hopsNorthSouth\": ", "\"hopsNorthSouth\": -3, \"was\": "),
                "counts.hopsNorthSouth = -3 " + COUNT);
        refused(edit("frac", "\"chipLinkCrossings\": ", "\"chipLinkCrossings\": 1.5, \"was\": "),
                "counts.chipLinkCrossings = 1.5 " + COUNT);
        refused(edit("exp", "\"ticks\": 20", "\"ticks\": 2e1"), "counts.ticks = 2e1 " + COUNT);
        refused(edit("str", "\"ticks\": 20", "\"ticks\": \"20\""), "counts.ticks = \"20\" " + COUNT);
        refused(edit("bool", "\"ticks\": 20", "\"ticks\": true"), "counts.ticks = true " + COUNT);
        refused(edit("list", "\"ticks\": 20", "\"ticks\": [20]"), "counts.ticks = a list " + COUNT);
        // an element of a list: located at the element, named with its index
        String where = edit("elem", "\"coreTotals\": [", "\"coreTotals\": [-1, ");
        String at = where.substring(0, where.lastIndexOf(':') + 1) + (Integer.parseInt(where.substring(
                where.lastIndexOf(':') + 1)) + 1);
        refused(at, "counts.coreTotals[0] = -1 " + COUNT);
    }

    @Test
    void durationsMustBeFiniteAndNotNegative() throws Exception {
        refused(edit("negdur", "\"chipNs\": ", "\"chipNs\": -1.0, \"was\": "),
                "counts.chipNs = -1.0 is not a duration (a finite number >= 0)");
        refused(edit("infdur", "\"timingNs\": ", "\"timingNs\": 1e400, \"was\": "),
                "counts.timingNs = 1e400 is not a finite number");
        refused(edit("nandur", "\"dtMs\": ", "\"dtMs\": null, \"was\": "), "counts.dtMs = null is not a number");
    }

    /** 2^63-1 ticks x 42 totals wraps round a long; the per-tick counts must still be refused, not read past. */
    @Test
    void aTickCountThatOverflowsTheProductIsRefused() throws Exception {
        String totals = json.substring(json.indexOf("\"coreTotals\": ["));
        int perTick = totals.substring(0, totals.indexOf(']')).split(",").length;
        String where = edit("wrap", "\"ticks\": 20", "\"ticks\": 9223372036854775807");
        BadInputTest.Outcome o = run("energy", where.substring(0, where.indexOf(".json:") + 5));
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(": damaged stats JSON: counts.coreTicks: per-tick counts hold " + 20 * perTick
                + " values; 9223372036854775807 ticks x " + perTick + " core totals expected");
    }

    @Test
    void architectureValuesOfTheWrongKindAreRefused() throws Exception {
        refused(edit("arch", "\"core.neurons\": ", "\"core.neurons\": \"many\", \"was\": "),
                "config.arch.core.neurons = \"many\" is not an integer");
    }
}
