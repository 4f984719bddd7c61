package dev.myelin.isa.spi;

import dev.myelin.isa.model.Port;

import java.util.Arrays;

/**
 * An input generator bound to a named input port of the image. The chip expands it tick
 * by tick with {@link #activeLines}; the expansion is defined here so every consumer (chip,
 * reference models in tests) sees exactly the same spikes. Expansion is random access in the
 * tick: no state is carried from one tick to the next, so a run can start or resume anywhere.
 */
public sealed interface Stimulus permits Stimulus.SpikeArray, Stimulus.Poisson {
    /** The input port driven. */
    String port();

    /** Port lines this stimulus may activate (every active line is below this). */
    int lines();

    /**
     * Writes the port lines active in {@code tick} into {@code out}, ascending and without
     * duplicates, and returns how many there are. {@code out.length >= lines()}. No allocation.
     */
    int activeLines(long tick, int[] out);

    /**
     * Spikes given on the description's input lines ({@code index[k]} in tick {@code tick[k]}),
     * moved onto the port's lines: each spike drives every port line copying its description
     * line, {@code leadTicks} later (see {@link Port}). Indices must be below {@code port.sourceLines()}.
     */
    static SpikeArray onPortLines(Port port, int[] tick, int[] index) {
        int lines = port.sourceLines();
        // port lines of description line i: at[first[i]] .. at[first[i + 1] - 1]
        int[] first = new int[lines + 1];
        for (int l : port.line()) {
            first[l + 1]++;
        }
        for (int i = 0; i < lines; i++) {
            first[i + 1] += first[i];
        }
        int[] at = new int[port.entries().size()];
        int[] fill = Arrays.copyOf(first, lines);
        for (int l = 0; l < at.length; l++) {
            at[fill[port.line()[l]]++] = l;
        }
        int total = 0;
        for (int k = 0; k < index.length; k++) {
            total += first[index[k] + 1] - first[index[k]];
        }
        int[] t = new int[total];
        int[] x = new int[total];
        int n = 0;
        for (int k = 0; k < index.length; k++) {
            for (int j = first[index[k]]; j < first[index[k] + 1]; j++) {
                long due = (long) tick[k] + port.lead()[at[j]];
                if (due > Integer.MAX_VALUE) {
                    continue;
                }
                t[n] = (int) due;
                x[n++] = at[j];
            }
        }
        return new SpikeArray(port.name(), Arrays.copyOf(t, n), Arrays.copyOf(x, n));
    }

    /**
     * Explicit spikes: line {@code index[k]} of the port is active in tick {@code tick[k]}.
     * The constructor sorts by (tick, index) and drops duplicates (an axon is a bit).
     */
    record SpikeArray(String port, int[] tick, int[] index) implements Stimulus {
        public SpikeArray {
            if (tick.length != index.length) {
                throw new IllegalArgumentException("spike array: " + tick.length + " ticks, " + index.length + " indices");
            }
            long[] packed = new long[tick.length];
            for (int k = 0; k < tick.length; k++) {
                if (tick[k] < 0 || index[k] < 0) {
                    throw new IllegalArgumentException("spike array: negative tick or index at entry " + k);
                }
                packed[k] = (long) tick[k] << 32 | index[k];
            }
            long[] sorted = Arrays.stream(packed).sorted().distinct().toArray();
            tick = new int[sorted.length];
            index = new int[sorted.length];
            for (int k = 0; k < sorted.length; k++) {
                tick[k] = (int) (sorted[k] >>> 32);
                index[k] = (int) sorted[k];
            }
        }

        @Override
        public int lines() {
            int max = -1;
            for (int i : index) {
                max = Math.max(max, i);
            }
            return max + 1;
        }

        @Override
        public int activeLines(long t, int[] out) {
            int lo = firstAtOrAfter(t);
            int n = 0;
            for (int k = lo; k < tick.length && tick[k] == t; k++) {
                out[n++] = index[k];
            }
            return n;
        }

        private int firstAtOrAfter(long t) {
            int lo = 0;
            int hi = tick.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (tick[mid] < t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /**
     * Independent Bernoulli approximations of Poisson trains. Generator line {@code g} fires
     * in tick {@code t} when {@link #draw}{@code (seed, t, g) < }{@link #threshold53()}, i.e.
     * with probability {@code min(1, rateHz * dtMs / 1000)} quantised to 2^-53.
     * Port line {@code p} follows generator line {@code generatorLine[p]} (identity when
     * null), so several port lines (copies of one input reaching several cores) fire together.
     *
     * @param lines         port lines
     * @param generatorLine port line to generator line, or null for the identity
     */
    record Poisson(String port, int lines, double rateHz, double dtMs, long seed, int[] generatorLine)
            implements Stimulus {
        public Poisson {
            if (lines < 0 || !(rateHz >= 0) || !(dtMs > 0)) {
                throw new IllegalArgumentException("poisson: lines " + lines + ", rate " + rateHz + ", dt " + dtMs);
            }
            if (generatorLine != null && generatorLine.length != lines) {
                throw new IllegalArgumentException("poisson: " + generatorLine.length + " generator lines for "
                        + lines + " port lines");
            }
        }

        /** One generator line per port line. */
        public Poisson(String port, int lines, double rateHz, double dtMs, long seed) {
            this(port, lines, rateHz, dtMs, seed, null);
        }

        /** Probability of a spike per line and tick. */
        public double probability() {
            return Math.min(1.0, rateHz * dtMs / 1000.0);
        }

        /** The probability as a 53-bit fixed-point fraction: fire when draw &lt; this (2^53 = always). */
        public long threshold53() {
            return (long) Math.floor(probability() * 0x1p53);
        }

        /** True when generator line {@code g} fires in tick {@code t}. */
        public boolean fires(long t, int g) {
            return draw(seed, t, g) < threshold53();
        }

        @Override
        public int activeLines(long t, int[] out) {
            long thr = threshold53();
            int n = 0;
            for (int p = 0; p < lines; p++) {
                int g = generatorLine == null ? p : generatorLine[p];
                if (draw(seed, t, g) < thr) {
                    out[n++] = p;
                }
            }
            return n;
        }

        /**
         * The uniform 53-bit draw of generator line {@code g} in tick {@code t}: the SplitMix64
         * finaliser applied to the seed advanced by the tick, then again with the line mixed in.
         * Counter-based, so any (tick, line) can be computed alone.
         */
        public static long draw(long seed, long t, int g) {
            long z = mix64(seed + 0x9E3779B97F4A7C15L * (t + 1));
            z = mix64(z ^ (0xC2B2AE3D27D4EB4FL * (g + 1L)));
            return z >>> 11;
        }

        /** SplitMix64's output function (Steele, Lea, Flood 2014). */
        static long mix64(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
