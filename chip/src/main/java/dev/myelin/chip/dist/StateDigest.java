package dev.myelin.chip.dist;

import dev.myelin.chip.sim.Chip;

/**
 * A 64-bit digest of the neuron state after a tick: per core, FNV-1a over the V and U of every
 * neuron, mixed with the core's index (SplitMix64's finaliser); per tick, the sum of the cores'
 * mixes modulo 2^64. A sum does not depend on which member holds which core, so the members'
 * partial sums add up to the single-JVM digest.
 */
public final class StateDigest {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StateDigest() {
    }

    /** The mixed digest of core {@code c}'s state (one term of the tick's sum). */
    public static long core(Chip chip, int c) {
        long h = FNV_OFFSET;
        int n = chip.layout().neurons(c);
        for (int j = 0; j < n; j++) {
            h = (h ^ chip.v(c, j)) * FNV_PRIME;
            h = (h ^ chip.u(c, j)) * FNV_PRIME;
        }
        return mix(h + 0x9E3779B97F4A7C15L * (c + 1));
    }

    /** The sum of {@link #core} over the marked cores (all when {@code owned} is null). */
    public static long tick(Chip chip, boolean[] owned) {
        long sum = 0;
        for (int c = 0; c < chip.layout().cores(); c++) {
            if (owned == null || owned[c]) {
                sum += core(chip, c);
            }
        }
        return sum;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
