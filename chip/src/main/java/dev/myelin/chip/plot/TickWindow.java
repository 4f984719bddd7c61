package dev.myelin.chip.plot;

import dev.myelin.isa.diag.MyelinInputException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ticks {@code first} to {@code last}, both included, that a picture shows: {@code --plot-ticks A:B}.
 */
public record TickWindow(long first, long last) {
    private static final Pattern SPEC = Pattern.compile("(\\d{1,18}):(\\d{1,18})");

    public TickWindow {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("ticks " + first + ".." + last);
        }
    }

    /** {@code A:B} as typed after {@code --plot-ticks}; anything else is a usage error. */
    public static TickWindow parse(String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new MyelinInputException("--plot-ticks " + spec + ": expected A:B, the first and last tick "
                    + "to draw (whole numbers from 0, A <= B), e.g. 100:199");
        }
        long a = Long.parseLong(m.group(1));
        long b = Long.parseLong(m.group(2));
        if (a > b) {
            throw new MyelinInputException("--plot-ticks " + spec + ": the first tick, " + a + ", is after the last, "
                    + b + " (expected A:B with A <= B)");
        }
        return new TickWindow(a, b);
    }

    public boolean contains(long tick) {
        return tick >= first && tick <= last;
    }

    /** Ticks in the window. */
    public long length() {
        return last - first + 1;
    }

    /** The part of this window a run of {@code ticks} ticks (0 to ticks - 1) has, or null if none. */
    public TickWindow within(long ticks) {
        return first >= ticks ? null : new TickWindow(first, Math.min(last, ticks - 1));
    }

    /** The first {@code n} ticks of this window (n >= 1). */
    public TickWindow firstTicks(long n) {
        return length() <= n ? this : new TickWindow(first, first + n - 1);
    }
}
