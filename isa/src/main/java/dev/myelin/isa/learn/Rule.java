package dev.myelin.isa.learn;

import java.util.List;

/**
 * One sum-of-products rule {@code Z <- Z + sum_i S_i * prod_j (V_ij + C_ij)} of a synaptic variable.
 *
 * @param target the variable Z it changes
 * @param terms  1..{@link #MAX_TERMS} terms
 */
public record Rule(Target target, List<Term> terms) {
    public static final int MAX_TERMS = 16;

    public Rule {
        terms = List.copyOf(terms);
    }

    /** The synaptic variables a rule can change. */
    public enum Target {
        WEIGHT("dw"), TAG("dt"), DELAY("dd");

        private final String text;

        Target(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public static Target ofText(String s) {
            for (Target t : values()) {
                if (t.text.equals(s)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** Null when the rule is well formed, else the problem. */
    public String problem() {
        if (terms.isEmpty() || terms.size() > MAX_TERMS) {
            return terms.size() + " terms, expected 1.." + MAX_TERMS;
        }
        for (int i = 0; i < terms.size(); i++) {
            String p = terms.get(i).problem();
            if (p != null) {
                return "term " + i + ": " + p;
            }
        }
        return null;
    }

    /** The rule as text: {@code dw = 2^-2 * x1 * y0 - 2^-3 * y1 * x0}; {@link RuleText#parse} reads it back. */
    public String text() {
        StringBuilder sb = new StringBuilder(target.text()).append(" =");
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            if (i == 0) {
                sb.append(t.mantissa() < 0 ? " -" : "").append(' ');
            } else {
                sb.append(t.mantissa() < 0 ? " - " : " + ");
            }
            sb.append(t.magnitudeText());
        }
        return sb.toString();
    }
}
