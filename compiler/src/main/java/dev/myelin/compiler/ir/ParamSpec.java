package dev.myelin.compiler.ir;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The per-neuron values of one neuron parameter, in the parameter's base unit (ms, mV, nA,
 * MOhm) or, for the raw models, in raw integers. A population's {@link NeuronModel} holds one
 * value per parameter; {@link Population#perNeuron()} replaces it neuron by neuron with one of
 * these. Distributions are drawn in neuron order from their own seed, so a compile is
 * reproducible: {@link #values(int)} gives the same array every time.
 */
public sealed interface ParamSpec {
    /**
     * The values of neurons 0..n-1. {@link Values} must hold exactly n (the validate pass
     * checks this before anything calls it with another n).
     */
    double[] values(int n);

    /** A value the population's scalar model takes as representative (the mean of the values). */
    double typical();

    /** A short description for messages and reports. */
    String describe();

    /**
     * Given values, one per neuron.
     *
     * @param origin where each value was written (a CSV's rows and columns), or null (a .npy,
     *               an inline list, the builder API); see {@link #where(int, String)}
     * @param cols   values per row in the file the values came from (row-major), for locating
     *               value i at row i / cols, column i % cols
     */
    record Values(double[] values, Connector.Rows origin, int cols) implements ParamSpec {
        public Values(double... values) {
            this(values, null, 1);
        }

        @Override
        public double[] values(int n) {
            if (n != values.length) {
                throw new IllegalStateException("validate checks that " + values.length + " values match " + n
                        + " neurons");
            }
            return values.clone();
        }

        @Override
        public double typical() {
            return Arrays.stream(values).average().orElse(0);
        }

        @Override
        public String describe() {
            return values.length + " given values";
        }

        /** Where value {@code i} was written, else {@code fallback}. */
        public String where(int i, String fallback) {
            return origin == null ? fallback : origin.where(i / cols, i % cols);
        }
    }

    /** Uniform in [low, high), one draw per neuron from {@code seed}. */
    record Uniform(double low, double high, long seed) implements ParamSpec {
        @Override
        public double[] values(int n) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = low + (high - low) * r.nextDouble();
            }
            return v;
        }

        @Override
        public double typical() {
            return (low + high) / 2;
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "uniform [%.6g, %.6g), seed %d", low, high, seed);
        }
    }

    /**
     * Normal with {@code mean} and standard deviation {@code sd}, clipped to [low, high] (use
     * infinities for no clipping); one draw per neuron from {@code seed}. The draws come from
     * the Box-Muller transform with {@link StrictMath}, so they are the same on every JVM.
     */
    record Normal(double mean, double sd, double low, double high, long seed) implements ParamSpec {
        @Override
        public double[] values(int n) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] v = new double[n];
            for (int i = 0; i < n; i += 2) {
                double u1 = 1.0 - r.nextDouble(); // (0, 1]: the logarithm stays finite
                double u2 = r.nextDouble();
                double rad = StrictMath.sqrt(-2 * StrictMath.log(u1));
                v[i] = clip(mean + sd * rad * StrictMath.cos(2 * Math.PI * u2));
                if (i + 1 < n) {
                    v[i + 1] = clip(mean + sd * rad * StrictMath.sin(2 * Math.PI * u2));
                }
            }
            return v;
        }

        private double clip(double x) {
            return Math.max(low, Math.min(high, x));
        }

        @Override
        public double typical() {
            return clip(mean);
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "normal mean %.6g sd %.6g clipped to [%.6g, %.6g], seed %d", mean, sd,
                    low, high, seed);
        }
    }

    /**
     * The seed of a distribution written without one: derived from the description's seed, the
     * population and the parameter, so two parameters never draw the same sequence.
     */
    static long derivedSeed(long networkSeed, String population, String param) {
        long z = networkSeed * 0x9E3779B97F4A7C15L + population.hashCode() * 0xC2B2AE3D27D4EB4FL + param.hashCode();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
