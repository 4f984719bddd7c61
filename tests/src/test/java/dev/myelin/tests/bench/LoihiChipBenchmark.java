package dev.myelin.tests.bench;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Ticks per second of the busy 16-core Loihi chip of {@link LoihiBenchNetwork}, with 64 input
 * lines each active with probability 0.25 per tick. One benchmark operation is one tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LoihiChipBenchmark {
    @Param({"1", "2"})
    public int threads;

    private Chip chip;
    private SplittableRandom inputs;

    @Setup(Level.Trial)
    public void load() {
        chip = Chip.load(LoihiBenchNetwork.image(3), ChipOptions.defaults().withThreads(threads));
        chip.collectOutputs(false);
        inputs = new SplittableRandom(5);
    }

    @TearDown(Level.Trial)
    public void close() {
        chip.close();
    }

    @Benchmark
    public long tick() {
        return BenchDrive.step(chip, inputs, 64, 1, 4);
    }
}
