package dev.myelin.compiler.learn;

import dev.myelin.isa.learn.Factor;
import dev.myelin.isa.learn.LearnVar;
import dev.myelin.isa.learn.Rule;
import dev.myelin.isa.learn.Term;
import dev.myelin.isa.learn.Trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard learning rules written as the learning engine's traces and sum-of-products rules
 * (docs/learning.md, "Named rules"). Amplitudes are in raw weight units; the engine keeps
 * {@code weightFrac} fraction bits, so a coefficient becomes {@code A * 2^weightFrac / impulse}
 * per unit of trace, encoded as a 16-bit mantissa and a power of two.
 */
public final class NamedRules {
    private NamedRules() {
    }

    /** Traces x1 (pre) and y1 (post) with the given decays, the others off. */
    public static List<Trace> pairTraces(double tauPlusTicks, double tauMinusTicks, int bits, boolean nearest) {
        int impulse = (1 << bits) - 1;
        Trace x1 = new Trace(Trace.decayFor(tauPlusTicks), impulse, bits, nearest);
        Trace y1 = new Trace(Trace.decayFor(tauMinusTicks), impulse, bits, nearest);
        return List.of(x1, Trace.OFF, y1, Trace.OFF, Trace.OFF, Trace.OFF);
    }

    /**
     * Pair-based STDP: {@code dZ = A+ * x1 * y0 - A- * y1 * x0} (Z the weight, or the tag of the
     * three-factor rule), x1 and y1 normalised by their impulse.
     */
    public static Rule stdp(Rule.Target target, double aPlus, double aMinus, int bits, int weightFrac) {
        double scale = Math.scalb(1.0, weightFrac) / ((1 << bits) - 1);
        List<Term> terms = new ArrayList<>();
        term(terms, aPlus * scale, List.of(new Factor(LearnVar.X1, 0), new Factor(LearnVar.Y0, 0)));
        term(terms, -aMinus * scale, List.of(new Factor(LearnVar.Y1, 0), new Factor(LearnVar.X0, 0)));
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a_plus and a_minus are both 0: the rule does nothing");
        }
        return new Rule(target, terms);
    }

    /**
     * The three-factor rule's tag: the STDP terms plus a decay {@code -t / tauTagEpochs} each
     * epoch (an eligibility trace).
     */
    public static Rule eligibility(double aPlus, double aMinus, int bits, int weightFrac, double tauTagEpochs) {
        Rule pair = stdp(Rule.Target.TAG, aPlus, aMinus, bits, weightFrac);
        List<Term> terms = new ArrayList<>(pair.terms());
        term(terms, -1 / tauTagEpochs, List.of(new Factor(LearnVar.T, 0)));
        return new Rule(Rule.Target.TAG, terms);
    }

    /** The three-factor rule's weight: {@code dw = rate * r0 * t} (the tag moves into the weight when a reward spike arrives). */
    public static Rule rewarded(double rate) {
        List<Term> terms = new ArrayList<>();
        term(terms, rate, List.of(new Factor(LearnVar.R0, 0), new Factor(LearnVar.T, 0)));
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("learning_rate is 0: the rule does nothing");
        }
        return new Rule(Rule.Target.WEIGHT, terms);
    }

    /** Adds {@code s * factors} unless s is 0. */
    private static void term(List<Term> out, double s, List<Factor> factors) {
        if (s == 0) {
            return;
        }
        int[] me = coefficient(s);
        out.add(new Term(me[0], me[1], factors));
    }

    /**
     * The mantissa (|m| &lt;= 32767) and exponent (-24..15) closest to {@code s}: the largest
     * mantissa that fits, for 15 significant bits.
     *
     * @throws IllegalArgumentException when |s| rounds to 0 or exceeds 32767 * 2^15
     */
    public static int[] coefficient(double s) {
        double a = Math.abs(s);
        int e = Math.getExponent(a) - 14;
        e = Math.max(dev.myelin.isa.learn.Term.MIN_EXP, Math.min(dev.myelin.isa.learn.Term.MAX_EXP, e));
        long m = Math.round(Math.scalb(a, -e));
        if (m > Short.MAX_VALUE && e < dev.myelin.isa.learn.Term.MAX_EXP) {
            e++;
            m = Math.round(Math.scalb(a, -e));
        }
        if (m == 0) {
            throw new IllegalArgumentException("coefficient " + s + " is below 2^-24, the smallest the engine holds");
        }
        if (m > Short.MAX_VALUE) {
            throw new IllegalArgumentException("coefficient " + s + " exceeds 32767 * 2^15, the largest the engine holds");
        }
        return new int[] {(int) (s < 0 ? -m : m), e};
    }
}
