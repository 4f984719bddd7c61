package dev.myelin.isa.learn;

/**
 * One factor {@code (V + C)} of a product term.
 *
 * @param var      the variable V
 * @param constant C, -2^31..2^31-1 (0 prints as the bare variable)
 */
public record Factor(LearnVar var, int constant) {
    public String text() {
        if (constant == 0) {
            return var.text();
        }
        return "(" + var.text() + (constant > 0 ? " + " + constant : " - " + -(long) constant) + ")";
    }
}
