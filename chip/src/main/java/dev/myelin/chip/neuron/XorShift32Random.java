package dev.myelin.chip.neuron;

import dev.myelin.isa.model.CoreId;

/**
 * The default per-core generator: Marsaglia's 32-bit xorshift with shifts (13, 17, 5),
 * period 2^32 - 1. Each draw advances the state once and returns its top 8 bits as rho
 * (the high bits of xorshift are the better mixed ones).
 *
 * <p>Seeding: the 32-bit start state is the high half of
 * {@code mix64(chipSeed ^ mix64(0x9E3779B97F4A7C15 * (1 + (x << 32 | y << 8 | slot))))}, where
 * {@code mix64} is the SplitMix64 finaliser; a zero state (the one xorshift must avoid) is
 * replaced by {@code 0x6D2B79F5}. Different cores therefore get unrelated streams for one chip
 * seed, and the same core gets the same stream whatever other cores the image holds.
 */
public final class XorShift32Random implements CoreRandom {
    /** The factory used when the chip options name no other. */
    public static final Factory FACTORY = XorShift32Random::forCore;

    private int state;

    public XorShift32Random(int seed) {
        this.state = seed == 0 ? 0x6D2B79F5 : seed;
    }

    public static XorShift32Random forCore(long chipSeed, CoreId core) {
        long key = ((long) core.x() << 32) | ((long) core.y() << 8) | core.slot();
        long h = mix64(chipSeed ^ mix64(0x9E3779B97F4A7C15L * (1 + key)));
        return new XorShift32Random((int) (h >>> 32));
    }

    /** SplitMix64's output function (Steele, Lea, Flood 2014). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Advances the state once: x ^= x << 13; x ^= x >>> 17; x ^= x << 5 (32-bit, wrapping). */
    public int nextState() {
        int x = state;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        state = x;
        return x;
    }

    @Override
    public int nextRho() {
        return nextState() >>> 24;
    }
}
