package dev.myelin.chip.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ordered list of named statistics, each with its description, written as gem5's
 * {@code stats.txt} ({@code dotted.name value # description}) and as a JSON object of the
 * same names and values.
 */
public final class Stats {
    /** One statistic: a {@code Long}, a {@code Double} or a {@code String} value. */
    public record Line(String name, Object value, String description) {
    }

    private final List<Line> lines = new ArrayList<>();

    public Stats add(String name, long value, String description) {
        lines.add(new Line(name, value, description));
        return this;
    }

    public Stats add(String name, double value, String description) {
        lines.add(new Line(name, value, description));
        return this;
    }

    public Stats add(String name, String value, String description) {
        lines.add(new Line(name, value, description));
        return this;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The value of a statistic, or null. */
    public Object get(String name) {
        for (Line l : lines) {
            if (l.name.equals(name)) {
                return l.value;
            }
        }
        return null;
    }

    /** gem5 layout: begin marker, one line per statistic with aligned values and comments, end marker. */
    public String toText() {
        int w = 0;
        for (Line l : lines) {
            w = Math.max(w, l.name.length());
        }
        StringBuilder sb = new StringBuilder("\n---------- Begin Simulation Statistics ----------\n");
        for (Line l : lines) {
            String v = l.value instanceof Double d ? Json.number(d) : String.valueOf(l.value);
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %20s # %s%n", l.name, v, l.description));
        }
        return sb.append("\n---------- End Simulation Statistics   ----------\n").toString();
    }

    /** Name to value, in order. */
    public Map<String, Object> values() {
        Map<String, Object> m = new LinkedHashMap<>();
        lines.forEach(l -> m.put(l.name, l.value));
        return m;
    }

    /** Name to description, in order. */
    public Map<String, Object> descriptions() {
        Map<String, Object> m = new LinkedHashMap<>();
        lines.forEach(l -> m.put(l.name, l.description));
        return m;
    }
}
