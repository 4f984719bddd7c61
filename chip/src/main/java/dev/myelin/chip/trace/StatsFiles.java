package dev.myelin.chip.trace;

import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.energy.CoreInfo;
import dev.myelin.isa.arch.ArchParam;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.AtomicFiles;
import dev.myelin.isa.io.OutputFile;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.io.TextFiles;
import dev.myelin.isa.diag.LocatedYaml;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

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

    /**
     * What a stats JSON holds that re-pricing needs.
     *
     * @param missingActivities this version's activities the file does not count (an earlier version's
     *                          file): their counts read as 0
     */
    public record Loaded(RunCounts counts, Architecture arch, Map<String, Object> stats,
                         Map<String, Object> descriptions, Map<String, Map<String, Object>> config,
                         List<String> missingActivities) {
        public Loaded {
            missingActivities = List.copyOf(missingActivities);
        }
    }

    /** Where the text goes for {@code --stats FILE}: FILE, or {@code NAME.txt} when FILE is {@code NAME.json}. */
    public static Path textPath(Path stats) {
        return isJson(stats) ? sibling(stats, ".txt") : stats;
    }

    /** {@code out/stats.txt} -> {@code out/stats.json}; a FILE ending in {@code .json} is the JSON itself. */
    public static Path jsonPath(Path stats) {
        return isJson(stats) ? stats : sibling(stats, ".json");
    }

    /** {@code out/stats.txt} (or {@code .json}) -> {@code out/stats.config.ini}. */
    public static Path configPath(Path stats) {
        return sibling(stats, ".config.ini");
    }

    private static boolean isJson(Path stats) {
        String n = stats.getFileName().toString();
        return n.length() > ".json".length() && n.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
    }

    private static Path sibling(Path txt, String ext) {
        String n = txt.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return txt.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + ext);
    }

    /**
     * The files {@link #write} writes for {@code --stats FILE}: the text, its JSON twin and the
     * configuration ({@link #textPath}, {@link #jsonPath}, {@link #configPath}); a device, pipe or
     * standard output ({@code /dev/stdout}) takes the text alone.
     */
    public static List<Path> outputs(Path stats) {
        return OutputFile.writesThrough(stats) ? List.of(stats)
                : List.of(textPath(stats), jsonPath(stats), configPath(stats));
    }

    /** Writes the files of {@link #outputs}, each atomically. */
    public static void write(Path file, Stats stats, RunCounts counts, Map<String, Map<String, Object>> config) {
        List<Path> out = outputs(file);
        AtomicFiles.writeString(out.get(0), stats.toText());
        if (out.size() == 1) {
            return;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "myelin-stats-1");
        json.put("stats", stats.values());
        json.put("descriptions", stats.descriptions());
        json.put("counts", countsJson(counts));
        json.put("config", config);
        AtomicFiles.writeString(out.get(1), Json.write(json));
        AtomicFiles.writeString(out.get(2), ini(config));
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

    /**
     * Reads a stats JSON written by {@link #write}. The file is read through {@link LocatedYaml}
     * (nesting bounded at {@link LocatedYaml#MAX_DEPTH}, so a document nested thousands deep is a
     * located error, not a stack overflow), and every count, duration and architecture value is
     * checked against its kind before use, naming {@code file:line:col} and the field.
     */
    public static Loaded read(Path json) {
        String file = json.toString();
        String text = TextFiles.readUtf8(json, MAX_JSON_BYTES, "stats file");
        Node root;
        try {
            root = LocatedYaml.compose(file, text, "stats file", MAX_JSON_BYTES, 0);
        } catch (LocatedYaml.SyntaxError e) {
            throw new MyelinInputException(e.where() + ": malformed JSON: " + e.problem().replaceFirst("^YAML ", ""));
        }
        Map<String, Node> top = root instanceof MappingNode m ? fields(file, m, "") : null;
        if (top == null || !(top.get("format") instanceof ScalarNode f) || !"myelin-stats-1".equals(f.getValue())) {
            throw new MyelinInputException(json + ": not a Myelin stats JSON (expected \"format\": "
                    + "\"myelin-stats-1\"; pass the .json twin of a --stats file)");
        }
        for (String section : List.of("config", "counts", "stats", "descriptions")) {
            if (!(top.get(section) instanceof MappingNode)) {
                throw new MyelinInputException(json + ": damaged stats JSON: '" + section + "' is missing or not an object");
            }
        }
        Checked c = new Checked(file);
        Map<String, Map<String, Object>> config = new LinkedHashMap<>();
        Map<String, Node> sections = fields(file, (MappingNode) top.get("config"), "config.");
        for (var e : sections.entrySet()) {
            if (!(e.getValue() instanceof MappingNode section)) {
                throw c.bad(e.getValue(), "config." + e.getKey() + " is not an object");
            }
            config.put(e.getKey(), c.plainMap(section, "config." + e.getKey() + "."));
        }
        if (sections.get("arch") == null) {
            throw c.bad(top.get("config"), "config.arch is missing");
        }
        Architecture arch = c.arch((MappingNode) sections.get("arch"));
        RunCounts counts = c.counts((MappingNode) top.get("counts"));
        return new Loaded(counts, arch, c.plainMap((MappingNode) top.get("stats"), "stats."),
                c.plainMap((MappingNode) top.get("descriptions"), "descriptions."), config, c.missingActivities);
    }

    /** A mapping's entries by key; keys must be plain values and, in JSON, unique (the composer checks). */
    private static Map<String, Node> fields(String file, MappingNode m, String path) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new MyelinInputException(LocatedYaml.where(file, t.getKeyNode()) + ": damaged stats JSON: a key of "
                        + (path.isEmpty() ? "the top level" : path.substring(0, path.length() - 1)) + " is not a string");
            }
            out.put(k.getValue(), t.getValueNode());
        }
        return out;
    }

    /** Reads the values of one stats JSON, each problem located at its node and naming the field. */
    private static final class Checked {
        private final String file;
        /** This version's activities the counts read did not name (filled by {@link #counts}). */
        final List<String> missingActivities = new ArrayList<>();

        Checked(String file) {
            this.file = file;
        }

        MyelinInputException bad(Node n, String problem) {
            return new MyelinInputException(LocatedYaml.where(file, n) + ": damaged stats JSON: " + problem);
        }

        /** A JSON value as Java: maps (order kept), lists, strings, Long, Double, Boolean, null. */
        Object plain(Node n, String path) {
            if (n instanceof MappingNode m) {
                return plainMap(m, path + ".");
            }
            if (n instanceof SequenceNode s) {
                List<Object> out = new ArrayList<>(s.getValue().size());
                for (int i = 0; i < s.getValue().size(); i++) {
                    out.add(plain(s.getValue().get(i), path + "[" + i + "]"));
                }
                return out;
            }
            ScalarNode s = (ScalarNode) n;
            if (s.getScalarStyle() != ScalarStyle.PLAIN) {
                return s.getValue();
            }
            Tag t = s.getTag();
            if (t.equals(Tag.NULL)) {
                return null;
            }
            if (t.equals(Tag.BOOL)) {
                return Boolean.parseBoolean(s.getValue());
            }
            if (t.equals(Tag.INT)) {
                try {
                    return Long.parseLong(s.getValue());
                } catch (NumberFormatException e) {
                    return Double.parseDouble(s.getValue()); // beyond a long: kept as a number, not an error
                }
            }
            if (t.equals(Tag.FLOAT)) {
                try {
                    return Double.parseDouble(s.getValue());
                } catch (NumberFormatException e) {
                    return s.getValue();
                }
            }
            return s.getValue();
        }

        Map<String, Object> plainMap(MappingNode m, String path) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (var e : fields(file, m, path).entrySet()) {
                out.put(e.getKey(), plain(e.getValue(), path + e.getKey()));
            }
            return out;
        }

        /** The architecture the run was on, every parameter of the kind and in the range it must have. */
        Architecture arch(MappingNode m) {
            Map<String, Node> f = fields(file, m, "config.arch.");
            Architecture.Builder b = Architecture.builder();
            for (ArchParam p : ArchParam.all()) {
                Node n = f.get(p.key());
                String field = "config.arch." + p.key();
                Object v;
                if (n == null) {
                    v = p.defaultValue();
                    if (v == null) {
                        throw bad(m, field + " is missing");
                    }
                } else {
                    v = switch (p.kind()) {
                        case INT -> integer(n, field, Long.MIN_VALUE, Long.MAX_VALUE, "an integer");
                        case REAL -> number(n, field);
                        default -> text(n, field);
                    };
                    String problem = Architecture.Builder.checkValue(p, v);
                    if (problem != null) {
                        throw bad(n, field + " = " + v + " " + problem);
                    }
                }
                b.setRaw(p, v);
            }
            try {
                return b.build("stats config.arch");
            } catch (MyelinInputException e) {
                throw bad(m, e.getMessage());
            }
        }

        RunCounts counts(MappingNode m) {
            Map<String, Node> f = fields(file, m, "counts.");
            Node actsNode = need(m, f, "activities");
            List<String> want = Activity.all().stream().map(Activity::key).toList();
            List<String> acts = new ArrayList<>();
            for (Node a : list(actsNode, "counts.activities")) {
                acts.add(a instanceof ScalarNode sc ? sc.getValue() : "?");
            }
            if (acts.isEmpty()) {
                throw bad(actsNode, "counts.activities is empty (this version's: " + want + ")");
            }
            // a file of an earlier version counts fewer activities: each of its columns goes to this
            // version's activity of the same name, the others are 0 (and named, so re-pricing can say so)
            int[] column = new int[want.size()];
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String a : acts) {
                if (!want.contains(a) || !seen.add(a)) {
                    throw bad(actsNode, "counts.activities " + acts + " differ from this version's " + want + ": '" + a
                            + "' is " + (want.contains(a) ? "named twice" : "not an activity of this version"));
                }
            }
            for (int k = 0; k < want.size(); k++) {
                column[k] = acts.indexOf(want.get(k));
                if (column[k] < 0) {
                    missingActivities.add(want.get(k));
                }
            }
            List<CoreInfo> cores = new ArrayList<>();
            List<Node> coreNodes = list(need(m, f, "cores"), "counts.cores");
            for (int i = 0; i < coreNodes.size(); i++) {
                String field = "counts.cores[" + i + "]";
                List<Node> c = list(coreNodes.get(i), field);
                if (c.size() != 6) {
                    throw bad(coreNodes.get(i), field + " has " + c.size() + " values, expected 6 (x, y, slot, sparse, "
                            + "neurons, axons)");
                }
                cores.add(new CoreInfo(new CoreId(index(c.get(0), field + ".x"), index(c.get(1), field + ".y"),
                        index(c.get(2), field + ".slot")), bool(c.get(3), field + ".sparse"),
                        index(c.get(4), field + ".neurons"), index(c.get(5), field + ".axons")));
            }
            long ticks = count(need(m, f, "ticks"), "counts.ticks");
            Node samplesNode = need(m, f, "samples");
            long samples = count(samplesNode, "counts.samples");
            if (samples < 1) {
                throw bad(samplesNode, "counts.samples = 0: a run has at least one sample");
            }
            Node totalsNode = need(m, f, "coreTotals");
            long[] totals = counts(totalsNode, "counts.coreTotals");
            if (totals.length != (long) cores.size() * acts.size()) {
                throw bad(totalsNode, "counts.coreTotals holds " + totals.length + " values; " + cores.size()
                        + " cores x " + acts.size() + " activities expected");
            }
            long[] perTick = null;
            Node ct = f.get("coreTicks");
            if (ct != null && !(ct instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
                perTick = counts(ct, "counts.coreTicks");
                // ticks x totals without overflow: a lying tick count must not wrap round to the length
                boolean matches = totals.length == 0 ? perTick.length == 0
                        : perTick.length % totals.length == 0 && perTick.length / totals.length == ticks;
                if (!matches) {
                    throw bad(ct, "counts.coreTicks: per-tick counts hold " + perTick.length + " values; " + ticks
                            + " ticks x " + totals.length + " core totals expected");
                }
            }
            if (!missingActivities.isEmpty()) {
                totals = byActivity(totals, acts.size(), column);
                perTick = perTick == null ? null : byActivity(perTick, acts.size(), column);
            }
            return new RunCounts(cores, ticks, samples, totals, count(need(m, f, "hopsEastWest"), "counts.hopsEastWest"),
                    count(need(m, f, "hopsNorthSouth"), "counts.hopsNorthSouth"),
                    count(need(m, f, "chipLinkCrossings"), "counts.chipLinkCrossings"),
                    duration(need(m, f, "dtMs"), "counts.dtMs"), duration(need(m, f, "chipNs"), "counts.chipNs"),
                    duration(need(m, f, "timingNs"), "counts.timingNs"), perTick);
        }

        /**
         * Rows of {@code from} counts each (one per core, or per tick and core) laid out as this
         * version's {@link Activity} rows: activity k from column {@code column[k]}, 0 where it is -1.
         */
        private static long[] byActivity(long[] rows, int from, int[] column) {
            int n = from == 0 ? 0 : rows.length / from;
            long[] out = new long[n * column.length];
            for (int r = 0; r < n; r++) {
                for (int k = 0; k < column.length; k++) {
                    out[r * column.length + k] = column[k] < 0 ? 0 : rows[r * from + column[k]];
                }
            }
            return out;
        }

        private Node need(MappingNode m, Map<String, Node> f, String key) {
            Node n = f.get(key);
            if (n == null) {
                throw bad(m, "counts." + key + " is missing");
            }
            return n;
        }

        private List<Node> list(Node n, String field) {
            if (n instanceof SequenceNode s) {
                return s.getValue();
            }
            throw bad(n, field + " is not a list");
        }

        /** A count: an integer from 0 to 2^63-1, written as one (no fraction, no exponent, no quotes). */
        long count(Node n, String field) {
            return integer(n, field, 0, Long.MAX_VALUE, "a count (an integer from 0 to " + Long.MAX_VALUE + ")");
        }

        long[] counts(Node n, String field) {
            List<Node> l = list(n, field);
            long[] a = new long[l.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = count(l.get(i), field + "[" + i + "]");
            }
            return a;
        }

        int index(Node n, String field) {
            return (int) integer(n, field, 0, Integer.MAX_VALUE, "an integer from 0 to " + Integer.MAX_VALUE);
        }

        long integer(Node n, String field, long min, long max, String what) {
            String t = numberText(n, field, what);
            long v;
            try {
                v = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw bad(n, field + " = " + shorten(t) + " is not " + what);
            }
            if (v < min || v > max) {
                throw bad(n, field + " = " + v + " is not " + what);
            }
            return v;
        }

        /** A duration: a finite number >= 0. */
        double duration(Node n, String field) {
            double d = number(n, field);
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw bad(n, field + " = " + d + " is not a duration (a finite number >= 0)");
            }
            return d;
        }

        /** A finite number (JSON has no NaN or infinity). */
        double number(Node n, String field) {
            String t = numberText(n, field, "a number");
            double d;
            try {
                d = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw bad(n, field + " = " + shorten(t) + " is not a number");
            }
            if (!Double.isFinite(d)) {
                throw bad(n, field + " = " + shorten(t) + " is not a finite number");
            }
            return d;
        }

        /** The text of a plain numeric scalar; anything else (a string, a list, true, null) is refused. */
        private String numberText(Node n, String field, String what) {
            if (n instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN
                    && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
                return s.getValue();
            }
            throw bad(n, field + " = " + describe(n) + " is not " + what);
        }

        private boolean bool(Node n, String field) {
            if (n instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN && s.getTag().equals(Tag.BOOL)) {
                return Boolean.parseBoolean(s.getValue());
            }
            throw bad(n, field + " = " + describe(n) + " is not true or false");
        }

        private String text(Node n, String field) {
            if (n instanceof ScalarNode s && !(s.getScalarStyle() == ScalarStyle.PLAIN && !s.getTag().equals(Tag.STR))) {
                return s.getValue();
            }
            throw bad(n, field + " = " + describe(n) + " is not a string");
        }

        private static String describe(Node n) {
            if (n instanceof MappingNode) {
                return "an object";
            }
            if (n instanceof SequenceNode) {
                return "a list";
            }
            ScalarNode s = (ScalarNode) n;
            return s.getScalarStyle() == ScalarStyle.PLAIN ? shorten(s.getValue()) : "\"" + shorten(s.getValue()) + "\"";
        }

        private static String shorten(String s) {
            String p = TextFiles.printable(s);
            return p.length() > 40 ? p.substring(0, 40) + "..." : p;
        }
    }
}
