package dev.myelin.tests.bench;

import java.util.SplittableRandom;

/**
 * The active-axon sets the core kernel benchmarks feed their cores: a fixed cycle of random
 * sets, each with exactly {@code active} of {@code axons} axons, bit-packed as
 * {@link dev.myelin.chip.core.NeuronArray#integrate} takes them. Drawn in setup, so a measured
 * tick only reads one.
 */
final class ActiveAxons {
    /** Sets in the cycle (a power of two). */
    static final int SETS = 64;

    private ActiveAxons() {
    }

    static long[][] draw(int axons, int active, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[][] sets = new long[SETS][(axons + 63) >>> 6];
        for (long[] s : sets) {
            int k = 0;
            while (k < active) {
                int a = r.nextInt(axons);
                if ((s[a >>> 6] >>> (a & 63) & 1L) == 0) {
                    s[a >>> 6] |= 1L << (a & 63);
                    k++;
                }
            }
        }
        return sets;
    }

    /** The same sets as one boolean per axon. */
    static boolean[][] unpacked(long[][] sets, int axons) {
        boolean[][] out = new boolean[sets.length][axons];
        for (int i = 0; i < sets.length; i++) {
            for (int a = 0; a < axons; a++) {
                out[i][a] = (sets[i][a >>> 6] >>> (a & 63) & 1L) != 0;
            }
        }
        return out;
    }
}
