package dev.myelin.isa.spi;

/**
 * An input generator bound to a named input port of the image. The chip expands it tick
 * by tick; the expansion is defined here so every consumer (chip, reference models in
 * tests) sees the same spikes.
 */
public sealed interface Stimulus permits Stimulus.SpikeArray, Stimulus.Poisson {
    /** The input port driven. */
    String port();

    /**
     * Explicit spikes: line {@code index[k]} of the port is active in tick {@code tick[k]}.
     * Sorted by tick.
     */
    record SpikeArray(String port, int[] tick, int[] index) implements Stimulus {
    }

    /**
     * Independent Bernoulli approximations of Poisson trains: in every tick each of the
     * port's {@code lines} fires with probability {@code min(1, rateHz * dtMs / 1000)}.
     * Draws use {@link java.util.SplittableRandom} seeded with {@code seed}, one draw per line
     * per tick, lines in ascending order, ticks in order; see {@link #fires}.
     */
    record Poisson(String port, int lines, double rateHz, double dtMs, long seed) implements Stimulus {
        /** Probability of a spike per line and tick. */
        public double probability() {
            return Math.min(1.0, rateHz * dtMs / 1000.0);
        }
    }
}
