package dev.myelin.chip.sim;

import dev.myelin.chip.neuron.CoreRandom;
import dev.myelin.chip.neuron.XorShift32Random;

import java.util.Objects;

/**
 * How to run a loaded chip. None of these change results except {@code seed} (and the choice
 * of network or generator): the thread count never does.
 *
 * @param threads worker threads stepping cores (1 = on the caller's thread)
 * @param seed    chip seed; each core's generator is seeded from it and the core's id
 * @param network the spike network model
 * @param random  the per-core generator of the stochastic modes
 * @param skipIdle skip cores with no axon due and quiescent neurons (default; a pure speed-up:
 *                 only the ticks_stepped / ticks_skipped counters tell the difference)
 */
public record ChipOptions(int threads, long seed, SpikeNetwork.Factory network, CoreRandom.Factory random,
                          boolean skipIdle) {
    /** The most worker threads a chip accepts. */
    public static final int MAX_THREADS = 1024;

    public ChipOptions {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads = " + threads + " is out of range [1, " + MAX_THREADS + "]");
        }
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(random, "random");
    }

    /** One thread, seed 0, direct delivery, xorshift generators. */
    public static ChipOptions defaults() {
        return new ChipOptions(1, 0L, DirectNetwork.FACTORY, XorShift32Random.FACTORY, true);
    }

    public ChipOptions withThreads(int t) {
        return new ChipOptions(t, seed, network, random, skipIdle);
    }

    public ChipOptions withSeed(long s) {
        return new ChipOptions(threads, s, network, random, skipIdle);
    }

    public ChipOptions withNetwork(SpikeNetwork.Factory n) {
        return new ChipOptions(threads, seed, n, random, skipIdle);
    }

    public ChipOptions withRandom(CoreRandom.Factory r) {
        return new ChipOptions(threads, seed, network, r, skipIdle);
    }

    public ChipOptions withSkipIdle(boolean on) {
        return new ChipOptions(threads, seed, network, random, on);
    }
}
