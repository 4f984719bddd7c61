package dev.myelin.compiler.source;

import dev.myelin.isa.diag.DidYouMean;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Physical quantities written as {@code "20 ms"}, {@code "-65 mV"}, {@code "1.5 nA"}. Each
 * dimension has one base unit (ms, mV, nA, MOhm, Hz) in which the IR stores values; every
 * other spelling is converted by its factor.
 */
public final class Units {
    /** What a quantity measures, with its base unit. */
    public enum Dimension {
        TIME("time", "ms"), VOLTAGE("voltage", "mV"), CURRENT("current", "nA"), RESISTANCE("resistance", "MOhm"),
        RATE("rate", "Hz");

        private final String label;
        private final String base;

        Dimension(String label, String base) {
            this.label = label;
            this.base = base;
        }

        public String label() { return label; }
        public String base() { return base; }

        /** "time (ms, s, us, ns)". */
        public String describe() {
            return label + " (" + String.join(", ", unitsOf(this)) + ")";
        }
    }

    private record Unit(Dimension dim, double factor) {
    }

    private static final Map<String, Unit> UNITS = new LinkedHashMap<>();

    static {
        UNITS.put("ms", new Unit(Dimension.TIME, 1));
        UNITS.put("s", new Unit(Dimension.TIME, 1000));
        UNITS.put("us", new Unit(Dimension.TIME, 1e-3));
        UNITS.put("ns", new Unit(Dimension.TIME, 1e-6));
        UNITS.put("mV", new Unit(Dimension.VOLTAGE, 1));
        UNITS.put("V", new Unit(Dimension.VOLTAGE, 1000));
        UNITS.put("uV", new Unit(Dimension.VOLTAGE, 1e-3));
        UNITS.put("nA", new Unit(Dimension.CURRENT, 1));
        UNITS.put("pA", new Unit(Dimension.CURRENT, 1e-3));
        UNITS.put("uA", new Unit(Dimension.CURRENT, 1000));
        UNITS.put("MOhm", new Unit(Dimension.RESISTANCE, 1));
        UNITS.put("kOhm", new Unit(Dimension.RESISTANCE, 1e-3));
        UNITS.put("GOhm", new Unit(Dimension.RESISTANCE, 1000));
        UNITS.put("Hz", new Unit(Dimension.RATE, 1));
        UNITS.put("kHz", new Unit(Dimension.RATE, 1000));
    }

    private static final Pattern QUANTITY = Pattern.compile("\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*([A-Za-z]*)\\s*");

    private Units() {
    }

    static List<String> unitsOf(Dimension d) {
        return UNITS.entrySet().stream().filter(e -> e.getValue().dim == d).map(Map.Entry::getKey).toList();
    }

    /** A parsed value in base units, or an error text (exactly one of the two is set). */
    public record Parsed(double value, String error) {
    }

    /**
     * Parses {@code text} as a quantity of dimension {@code want}.
     * The error texts are complete sentences without location.
     */
    public static Parsed parse(String text, Dimension want) {
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            return new Parsed(Double.NaN, "'" + text + "' is not a quantity; write a number and a unit of "
                    + want.describe() + ", e.g. '1 " + want.base() + "'");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        if (unit.isEmpty()) {
            return new Parsed(Double.NaN, "'" + text + "' has no unit; expected " + want.describe());
        }
        Unit u = UNITS.get(unit);
        if (u == null) {
            return new Parsed(Double.NaN, "unknown unit '" + unit + "'" + DidYouMean.suggest(unit, UNITS.keySet())
                    + "; expected " + want.describe());
        }
        if (u.dim != want) {
            return new Parsed(Double.NaN, "'" + text + "' is a " + u.dim.label + ", expected " + want.describe());
        }
        return new Parsed(number * u.factor, null);
    }

    /** The dimension of a unit spelling, or null. */
    public static Dimension dimensionOf(String unit) {
        Unit u = UNITS.get(unit);
        return u == null ? null : u.dim;
    }
}
