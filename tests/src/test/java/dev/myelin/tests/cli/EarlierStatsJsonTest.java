package dev.myelin.tests.cli;

import dev.myelin.chip.trace.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.myelin.tests.cli.BadInputTest.run;
import static dev.myelin.tests.cli.BadInputTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code myelin energy} re-prices the stats JSON of an earlier version, which counted fewer
 * activities: each of its columns is read as the activity it names, the others as 0, and a
 * warning names them. A file naming an activity this version does not know, or one twice, or
 * none, is refused, located.
 */
class EarlierStatsJsonTest {
    @TempDir
    Path dir;

    /** The stats JSON of a 20-tick run of the demo sample, parsed. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> stats(Path json) throws Exception {
        Path stats = dir.resolve("stats.txt");
        BadInputTest.Outcome ran = run("run", "--ticks", "20", "-q", "--stats", stats.toString(),
                sample("demo/net.yaml").toString());
        assertThat(ran.code()).as(ran.err()).isZero();
        assertThat(json).exists();
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(json));
    }

    /** Removes activity {@code name}'s column from the counts' activities, core totals and per-tick counts. */
    @SuppressWarnings("unchecked")
    private static void drop(Map<String, Object> stats, String name) {
        Map<String, Object> counts = (Map<String, Object>) stats.get("counts");
        List<Object> acts = new ArrayList<>((List<Object>) counts.get("activities"));
        int k = acts.indexOf(name);
        assertThat(k).as(name).isNotNegative();
        for (String key : new String[] {"coreTotals", "coreTicks"}) {
            List<Object> values = (List<Object>) counts.get(key);
            List<Object> kept = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                if (i % acts.size() != k) {
                    kept.add(values.get(i));
                }
            }
            counts.put(key, kept);
        }
        acts.remove(k);
        counts.put("activities", acts);
    }

    @Test
    void anEarlierVersionsCountsArePricedWithTheMissingActivitiesAtZero() throws Exception {
        Path json = dir.resolve("stats.json");
        Map<String, Object> stats = stats(json);
        BadInputTest.Outcome now = run("energy", json.toString());
        assertThat(now.code()).as(now.err()).isZero();
        assertThat(now.err()).isEmpty();
        // the demo drives no memristive device: its device energies are 0, so a file without them prices the same
        drop(stats, "deviceWriteFj");
        drop(stats, "deviceReadFj");
        Path earlier = dir.resolve("earlier.json");
        Files.writeString(earlier, Json.write(stats));
        Path repriced = dir.resolve("repriced/stats.txt");
        BadInputTest.Outcome then = run("energy", earlier.toString(), "--stats", repriced.toString());
        assertThat(then.code()).as(then.err()).isZero();
        assertThat(then.err()).isEqualTo("myelin energy: warning: " + earlier + " was written by an earlier version, "
                + "which did not count deviceWriteFj, deviceReadFj: they are priced as 0\n");
        assertThat(then.out()).startsWith(now.out());
        // what it writes counts every activity of this version: read again, nothing is missing
        BadInputTest.Outcome again = run("energy", dir.resolve("repriced/stats.json").toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).isEmpty();
        assertThat(again.out()).isEqualTo(now.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUnknownOrRepeatedActivityIsRefused() throws Exception {
        Path json = dir.resolve("stats.json");
        Map<String, Object> stats = stats(json);
        Map<String, Object> counts = (Map<String, Object>) stats.get("counts");
        List<Object> acts = new ArrayList<>((List<Object>) counts.get("activities"));
        acts.set(0, "photons");
        counts.put("activities", acts);
        Path bad = dir.resolve("unknown.json");
        Files.writeString(bad, Json.write(stats));
        BadInputTest.Outcome o = run("energy", bad.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).containsPattern(java.util.regex.Pattern.quote(bad.toString())
                + ":\\d+:\\d+: damaged stats JSON: counts.activities \\[photons, .*\\] differ from this version's "
                + "\\[neurons, .*\\]: 'photons' is not an activity of this version\n");
        acts.set(0, "spikes");
        Files.writeString(bad, Json.write(stats));
        o = run("energy", bad.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(": 'spikes' is named twice\n");
        counts.put("activities", List.of());
        Files.writeString(bad, Json.write(stats));
        o = run("energy", bad.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(": damaged stats JSON: counts.activities is empty (this version's: [neurons, ");
        counts.put("activities", "neurons");
        Files.writeString(bad, Json.write(stats));
        o = run("energy", bad.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(": damaged stats JSON: counts.activities is not a list\n");
    }
}
