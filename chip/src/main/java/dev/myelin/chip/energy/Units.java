package dev.myelin.chip.energy;

import java.util.Locale;

/** Human units for modelled figures: energies from pJ, powers from mW, times from ns. */
public final class Units {
    private static final String[] ENERGY = {"pJ", "nJ", "uJ", "mJ", "J"};
    private static final String[] TIME = {"ns", "us", "ms", "s"};
    private static final String[] POWER = {"nW", "uW", "mW", "W"};

    private Units() {
    }

    /** An energy given in pJ, scaled to pJ .. J with three significant digits ({@code 12.3 nJ}). */
    public static String energy(double pj) {
        return scaled(pj, ENERGY, 0);
    }

    /** A time given in ns, scaled to ns .. s. */
    public static String time(double ns) {
        return scaled(ns, TIME, 0);
    }

    /** A power given in mW, scaled to nW .. W. */
    public static String power(double mw) {
        return scaled(mw * 1e6, POWER, 0);
    }

    private static String scaled(double v, String[] units, int start) {
        if (v == 0 || !Double.isFinite(v)) {
            return number(v) + " " + units[start];
        }
        int u = start;
        double x = v;
        while (Math.abs(x) >= 1000 && u < units.length - 1) {
            x /= 1000;
            u++;
        }
        return number(x) + " " + units[u];
    }

    /** Three significant digits without exponent for everyday magnitudes ({@code 23.6}, {@code 0.125}, {@code 1234}). */
    public static String number(double x) {
        if (x == 0) {
            return "0";
        }
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        double a = Math.abs(x);
        String s;
        if (a >= 100) {
            s = String.format(Locale.ROOT, "%.0f", x);
        } else if (a >= 10) {
            s = String.format(Locale.ROOT, "%.1f", x);
        } else if (a >= 1) {
            s = String.format(Locale.ROOT, "%.2f", x);
        } else if (a >= 0.001) {
            s = String.format(Locale.ROOT, "%.3f", x);
        } else {
            return String.format(Locale.ROOT, "%.3g", x);
        }
        return s;
    }
}
