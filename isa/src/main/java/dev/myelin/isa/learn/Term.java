package dev.myelin.isa.learn;

import java.util.List;

/**
 * One product term {@code S * prod_j (V_j + C_j)} with {@code S = mantissa * 2^exponent}; without
 * factors the term is the constant S.
 *
 * @param mantissa -32768..32767, not 0
 * @param exponent {@link #MIN_EXP}..{@link #MAX_EXP}
 * @param factors  at most {@link #MAX_FACTORS}
 */
public record Term(int mantissa, int exponent, List<Factor> factors) {
    public static final int MIN_EXP = -24;
    public static final int MAX_EXP = 15;
    public static final int MAX_FACTORS = 3;

    public Term {
        factors = List.copyOf(factors);
    }

    /** Null when the fields are in range, else the problem. */
    public String problem() {
        if (mantissa == 0 || mantissa < Short.MIN_VALUE || mantissa > Short.MAX_VALUE) {
            return "mantissa = " + mantissa + " is out of range [-32768, 32767] without 0";
        }
        if (exponent < MIN_EXP || exponent > MAX_EXP) {
            return "exponent = " + exponent + " is out of range [" + MIN_EXP + ", " + MAX_EXP + "]";
        }
        if (factors.size() > MAX_FACTORS) {
            return factors.size() + " factors, at most " + MAX_FACTORS;
        }
        return null;
    }

    /** Whether the term is 0 whenever the core saw no spike and every trace is 0. */
    public boolean needsActivity() {
        return factors.stream().anyMatch(f -> f.var().activity() && f.constant() == 0);
    }

    /** The term without its sign, as the rule text writes it: {@code 3 * 2^-4 * x1 * (w - 255)}. */
    String magnitudeText() {
        StringBuilder sb = new StringBuilder();
        int m = Math.abs(mantissa);
        if (m != 1 || exponent == 0 && factors.isEmpty()) {
            sb.append(m);
        }
        if (exponent != 0) {
            sb.append(sb.length() > 0 ? " * " : "").append("2^").append(exponent);
        }
        for (Factor f : factors) {
            sb.append(sb.length() > 0 ? " * " : "").append(f.text());
        }
        return sb.toString();
    }
}
