package dev.myelin.isa.learn;

/**
 * One trace's first-order filter: each tick the trace decays, {@code x <- x * (4096 - decay) / 4096}
 * rounded stochastically; a spike then adds {@code impulse} (saturating at {@code 2^width - 1}) or,
 * for a nearest-neighbour trace, sets the trace to {@code impulse}.
 *
 * @param decay   0..4096 (0 keeps the trace, 4096 clears it every tick)
 * @param impulse 0..2^width - 1
 * @param width   1..16 bits
 * @param nearest true: a spike sets the trace to the impulse (nearest-neighbour pairing); false: adds it
 */
public record Trace(int decay, int impulse, int width, boolean nearest) {
    public static final int DECAY_ONE = 4096;
    public static final int MAX_WIDTH = 16;
    /** A trace that stays 0 (no impulse, no decay; width 7, Loihi's trace width). */
    public static final Trace OFF = new Trace(0, 0, 7, false);

    /** Null when the fields are in range, else the problem. */
    public String problem() {
        if (width < 1 || width > MAX_WIDTH) {
            return "width = " + width + " is out of range [1, " + MAX_WIDTH + "]";
        }
        if (decay < 0 || decay > DECAY_ONE) {
            return "decay = " + decay + " is out of range [0, " + DECAY_ONE + "]";
        }
        if (impulse < 0 || impulse > max()) {
            return "impulse = " + impulse + " is out of range [0, " + max() + "] (width " + width + ")";
        }
        return null;
    }

    /** The largest value: {@code 2^width - 1}. */
    public int max() {
        return (1 << width) - 1;
    }

    /** The decay field that best approximates a time constant of {@code tauTicks} ticks: 4096 (1 - e^(-1/tau)). */
    public static int decayFor(double tauTicks) {
        return (int) Math.round(DECAY_ONE * (1 - Math.exp(-1 / tauTicks)));
    }
}
