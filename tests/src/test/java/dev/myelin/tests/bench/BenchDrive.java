package dev.myelin.tests.bench;

import dev.myelin.chip.sim.Chip;

import java.util.SplittableRandom;

/** The benchmarks' input drive: random spikes on the lines of port {@code in}, then one tick. */
final class BenchDrive {
    private BenchDrive() {
    }

    /**
     * Injects a spike on each of the first {@code lines} lines of port {@code in} with
     * probability {@code k / n} in the current tick, steps the chip and returns the new tick.
     */
    static long step(Chip chip, SplittableRandom random, int lines, int k, int n) {
        long t = chip.tick();
        for (int line = 0; line < lines; line++) {
            if (random.nextInt(n) < k) {
                chip.inject("in", line, t);
            }
        }
        chip.step();
        return chip.tick();
    }
}
