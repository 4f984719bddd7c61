package dev.myelin.chip.trace;

import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.energy.CoreInfo;
import dev.myelin.isa.arch.ArchParam;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.AtomicFiles;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.io.TextFiles;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's statistics as gem5 does: {@code NAME.txt} ({@code dotted.name value #
 * description}), its JSON twin {@code NAME.json} (statistics, descriptions, the counts that
 * re-pricing needs, the configuration) and {@code NAME.config.ini}, every parameter of the
 * run with defaults included. Reads the counts back for {@code myelin energy}.
 */
public final class StatsFiles {
    /** Largest stats JSON read back, checked before reading. */
    public static final long MAX_JSON_BYTES = 256L << 20;

    private StatsFiles() {
    }

    /** What a stats JSON holds that re-pricing needs. */
    public record Loaded(RunCounts counts, Architecture arch, Map<String, Object> stats,
                         Map<String, Object> descriptions, Map<String, Map<String, Object>> config) {
    }

    /** {@code out/stats.txt} -> {@code out/stats.json}. */
    public static Path jsonPath(Path txt) {
        return sibling(txt, ".json");
    }

    public static Path configPath(Path txt) {
        return sibling(txt, ".config.ini");
    }

    private static Path sibling(Path txt, String ext) {
        String n = txt.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return txt.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + ext);
    }

    /** Writes all three files atomically. */
    public static void write(Path txt, Stats stats, RunCounts counts, Map<String, Map<String, Object>> config) {
        AtomicFiles.writeString(txt, stats.toText());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "myelin-stats-1");
        json.put("stats", stats.values());
        json.put("descriptions", stats.descriptions());
        json.put("counts", countsJson(counts));
        json.put("config", config);
        AtomicFiles.writeString(jsonPath(txt), Json.write(json));
        AtomicFiles.writeString(configPath(txt), ini(config));
    }

    /** The configuration as INI sections, one {@code key=value} per parameter. */
    public static String ini(Map<String, Map<String, Object>> config) {
        StringBuilder sb = new StringBuilder();
        for (var section : config.entrySet()) {
            sb.append('[').append(section.getKey()).append("]\n");
            for (var e : section.getValue().entrySet()) {
                Object v = e.getValue();
                sb.append(e.getKey()).append('=').append(v instanceof Double d ? Json.number(d) : v).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Every architecture parameter by key (the config dump's {@code arch} section). */
    public static Map<String, Object> archConfig(Architecture a) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ArchParam p : ArchParam.all()) {
            m.put(p.key(), a.value(p));
        }
        return m;
    }

    private static Map<String, Object> countsJson(RunCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activities", Activity.all().stream().map(Activity::key).toList());
        List<Object> cores = new ArrayList<>();
        for (CoreInfo ci : c.cores()) {
            cores.add(List.of(ci.id().x(), ci.id().y(), ci.id().slot(), ci.sparse(), ci.neurons(), ci.axons()));
        }
        m.put("cores", cores);
        m.put("ticks", c.ticks());
        m.put("samples", c.samples());
        m.put("coreTotals", c.coreTotals());
        m.put("hopsEastWest", c.hopsEastWest());
        m.put("hopsNorthSouth", c.hopsNorthSouth());
        m.put("chipLinkCrossings", c.chipLinkCrossings());
        m.put("dtMs", c.dtMs());
        m.put("chipNs", c.chipNs());
        m.put("timingNs", c.timingNs());
        m.put("coreTicks", c.coreTicks());
        return m;
    }

    /** Reads a stats JSON written by {@link #write}. */
    @SuppressWarnings("unchecked")
    public static Loaded read(Path json) {
        Map<String, Object> root;
        try {
            String text = TextFiles.readUtf8(json, MAX_JSON_BYTES, "stats file");
            LoadSettings s = LoadSettings.builder().setLabel(json.toString()).setCodePointLimit(Integer.MAX_VALUE).build();
            Object o = new Load(s).loadFromString(text);
            if (!(o instanceof Map<?, ?> m) || !"myelin-stats-1".equals(m.get("format"))) {
                throw new MyelinInputException(json + ": not a Myelin stats JSON (expected \"format\": "
                        + "\"myelin-stats-1\"; pass the .json twin of a --stats file)");
            }
            root = (Map<String, Object>) m;
        } catch (YamlEngineException e) {
            throw new MyelinInputException(json + ": malformed JSON: " + String.valueOf(e.getMessage()).lines()
                    .findFirst().orElse(""));
        }
        for (String section : List.of("config", "counts", "stats", "descriptions")) {
            if (!(root.get(section) instanceof Map)) {
                throw new MyelinInputException(json + ": damaged stats JSON: '" + section + "' is missing or not an object");
            }
        }
        try {
            Map<String, Map<String, Object>> config = (Map<String, Map<String, Object>>) root.get("config");
            Architecture arch = arch(config.get("arch"));
            return new Loaded(counts((Map<String, Object>) root.get("counts")), arch,
                    (Map<String, Object>) root.get("stats"), (Map<String, Object>) root.get("descriptions"), config);
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new MyelinInputException(json + ": damaged stats JSON (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
    }

    private static Architecture arch(Map<String, Object> m) {
        Architecture.Builder b = Architecture.builder();
        for (ArchParam p : ArchParam.all()) {
            Object v = m.containsKey(p.key()) ? m.get(p.key()) : p.defaultValue();
            if (v == null) {
                throw new IllegalArgumentException("config.arch has no " + p.key());
            }
            b.setRaw(p, v instanceof Number n && p.kind() == ArchParam.Kind.REAL ? (Object) n.doubleValue() : v);
        }
        return b.build("stats config.arch");
    }

    @SuppressWarnings("unchecked")
    private static RunCounts counts(Map<String, Object> m) {
        List<String> acts = (List<String>) m.get("activities");
        if (!acts.equals(Activity.all().stream().map(Activity::key).toList())) {
            throw new IllegalArgumentException("activities " + acts + " differ from this version's");
        }
        List<CoreInfo> cores = new ArrayList<>();
        for (Object o : (List<Object>) m.get("cores")) {
            List<Object> c = (List<Object>) o;
            cores.add(new CoreInfo(new CoreId(num(c.get(0)), num(c.get(1)), num(c.get(2))), (Boolean) c.get(3),
                    num(c.get(4)), num(c.get(5))));
        }
        Object ct = m.get("coreTicks");
        return new RunCounts(cores, lng(m.get("ticks")), lng(m.get("samples")), longs(m.get("coreTotals")),
                lng(m.get("hopsEastWest")), lng(m.get("hopsNorthSouth")), lng(m.get("chipLinkCrossings")), dbl(m.get("dtMs")), dbl(m.get("chipNs")),
                dbl(m.get("timingNs")), ct == null ? null : longs(ct));
    }

    private static int num(Object o) {
        return Math.toIntExact(((Number) o).longValue());
    }

    private static long lng(Object o) {
        return ((Number) o).longValue();
    }

    private static double dbl(Object o) {
        return ((Number) o).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static long[] longs(Object o) {
        List<Object> l = (List<Object>) o;
        long[] a = new long[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = lng(l.get(i));
        }
        return a;
    }
}
