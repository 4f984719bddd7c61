package dev.myelin.chip.neuron;

import dev.myelin.isa.model.CoreId;

/**
 * A core's pseudo-random source for the stochastic TrueNorth modes. Each core owns one,
 * seeded from the chip seed and the core's id, and draws from it only on that core's worker
 * thread in the documented order (see {@link TrueNorthArray}), so results never depend on the
 * thread count. Pluggable through {@link Factory}; the default is {@link XorShift32Random}.
 */
public interface CoreRandom {
    /** The next value rho, uniform on 0..255. */
    int nextRho();

    /** Makes the generator of one core. */
    @FunctionalInterface
    interface Factory {
        CoreRandom create(long chipSeed, CoreId core);
    }
}
