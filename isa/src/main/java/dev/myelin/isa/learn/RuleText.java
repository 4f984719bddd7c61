package dev.myelin.isa.learn;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a rule written as text, the form {@link Rule#text()} prints:
 * <pre>
 *   rule   := target '=' [sign] term (sign term)*        target: dw | dt
 *   term   := item ('*' item)*
 *   item   := INT | '2^' [sign] INT | var | '(' var sign INT ')'
 *   var    := x0 | y0 | x1 | x2 | y1 | y2 | y3 | r0 | r1 | w | t
 * </pre>
 * A term holds at most one integer (the mantissa, default 1) and one power of two (default
 * 2^0). Errors carry the 1-based column in the text.
 */
public final class RuleText {
    /** A syntax or range error at a column (1-based) of the rule text. */
    public static final class Error extends RuntimeException {
        private final int col;

        Error(int col, String message) {
            super(message);
            this.col = col;
        }

        public int col() {
            return col;
        }
    }

    private final String s;
    private int i;

    private RuleText(String s) {
        this.s = s;
    }

    /** Parses {@code text}; throws {@link Error} naming the column of the first problem. */
    public static Rule parse(String text) {
        return new RuleText(text).rule();
    }

    private Rule rule() {
        skip();
        int at = i;
        String name = word();
        Rule.Target target = Rule.Target.ofText(name);
        if (target == null) {
            throw new Error(at + 1, "expected the variable a rule changes (dw, dt or dd), got '" + name + "'");
        }
        expect('=');
        List<Term> terms = new ArrayList<>();
        skip();
        boolean negative = false;
        if (peek() == '-' || peek() == '+') {
            negative = s.charAt(i++) == '-';
        }
        while (true) {
            if (terms.size() == Rule.MAX_TERMS) {
                throw new Error(i + 1, "more than " + Rule.MAX_TERMS + " terms");
            }
            terms.add(term(negative));
            skip();
            if (i >= s.length()) {
                break;
            }
            char c = s.charAt(i);
            if (c != '+' && c != '-') {
                throw new Error(i + 1, "expected '+', '-' or the end of the rule, got '" + c + "'");
            }
            negative = c == '-';
            i++;
        }
        return new Rule(target, terms);
    }

    private Term term(boolean negative) {
        skip();
        int start = i;
        Integer mantissa = null;
        Integer exponent = null;
        List<Factor> factors = new ArrayList<>();
        while (true) {
            skip();
            int at = i;
            char c = peek();
            if (Character.isDigit(c)) {
                long v = integer();
                if (peekNoSkip() == '^') {
                    if (v != 2) {
                        throw new Error(at + 1, "only powers of two are allowed: write 2^E");
                    }
                    i++;
                    if (exponent != null) {
                        throw new Error(at + 1, "a term holds one power of two");
                    }
                    int eAt = i;
                    long e = signedInteger();
                    if (e < Term.MIN_EXP || e > Term.MAX_EXP) {
                        throw new Error(eAt + 1, "exponent " + e + " is out of range [" + Term.MIN_EXP + ", "
                                + Term.MAX_EXP + "]");
                    }
                    exponent = (int) e;
                } else {
                    if (mantissa != null) {
                        throw new Error(at + 1, "a term holds one integer (the mantissa)");
                    }
                    if (v == 0 || v > Short.MAX_VALUE) {
                        throw new Error(at + 1, "mantissa " + v + " is out of range [1, " + Short.MAX_VALUE + "]");
                    }
                    mantissa = (int) v;
                }
            } else if (c == '(') {
                i++;
                skip();
                LearnVar v = variable();
                skip();
                char sign = peek();
                if (sign != '+' && sign != '-') {
                    throw new Error(i + 1, "expected '+' or '-' and a constant after " + v.text());
                }
                i++;
                skip();
                int cAt = i;
                long k = integer();
                if (sign == '-') {
                    k = -k;
                }
                if (k < Integer.MIN_VALUE || k > Integer.MAX_VALUE) {
                    throw new Error(cAt + 1, "constant " + k + " does not fit 32 bits");
                }
                expect(')');
                factors.add(new Factor(v, (int) k));
            } else if (Character.isLetter(c)) {
                factors.add(new Factor(variable(), 0));
            } else {
                throw new Error(at + 1, i >= s.length() ? "expected a term, the rule ends"
                        : "expected a number, 2^E, a variable or '(', got '" + c + "'");
            }
            if (factors.size() > Term.MAX_FACTORS) {
                throw new Error(at + 1, "a term has at most " + Term.MAX_FACTORS + " factors");
            }
            skip();
            if (peek() != '*') {
                break;
            }
            i++;
        }
        int m = mantissa == null ? 1 : mantissa;
        Term t = new Term(negative ? -m : m, exponent == null ? 0 : exponent, factors);
        if (t.problem() != null) {
            throw new Error(start + 1, t.problem());
        }
        return t;
    }

    private LearnVar variable() {
        int at = i;
        String w = word();
        LearnVar v = LearnVar.ofText(w);
        if (v == null) {
            throw new Error(at + 1, "unknown variable '" + w + "' (known: x0 y0 x1 x2 y1 y2 y3 r0 r1 w t d)");
        }
        return v;
    }

    private String word() {
        int start = i;
        while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
            i++;
        }
        return s.substring(start, i);
    }

    private long integer() {
        int start = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
            if (i - start > 10) {
                throw new Error(start + 1, "number too long");
            }
        }
        if (start == i) {
            throw new Error(i + 1, "expected an integer");
        }
        return Long.parseLong(s.substring(start, i));
    }

    private long signedInteger() {
        boolean neg = false;
        if (peekNoSkip() == '-' || peekNoSkip() == '+') {
            neg = s.charAt(i++) == '-';
        }
        long v = integer();
        return neg ? -v : v;
    }

    private void expect(char c) {
        skip();
        if (peek() != c) {
            throw new Error(i + 1, "expected '" + c + "'" + (i >= s.length() ? ", the rule ends" : ", got '" + s.charAt(i) + "'"));
        }
        i++;
    }

    private char peek() {
        skip();
        return peekNoSkip();
    }

    private char peekNoSkip() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private void skip() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
    }
}
