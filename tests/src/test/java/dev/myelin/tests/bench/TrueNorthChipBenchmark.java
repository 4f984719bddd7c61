package dev.myelin.tests.bench;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.tests.conformance.RandomTrueNorthNetworks;
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
 * Ticks per second of a 64-core TrueNorth chip (8 x 8 cores of 256 axons x 256 neurons). One
 * benchmark operation is one tick.
 * <ul>
 *   <li>{@code dense}: random all-mode neurons and crossbars, 70% of neurons with a target, 16
 *       input lines each active with probability 0.3 per tick (busy: about 370k synaptic events
 *       and 10k spikes per tick);</li>
 *   <li>{@code sparse}: {@link SparseChain} with one input every 16 ticks (about 4 cores busy per
 *       tick, the rest skipped as idle).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrueNorthChipBenchmark {
    @Param({"1", "2"})
    public int threads;

    @Param({"dense", "sparse"})
    public String load;

    private Chip chip;
    private SplittableRandom inputs;

    @Setup(Level.Trial)
    public void load() {
        NetworkImage image = load.equals("dense") ? new RandomTrueNorthNetworks(64).network(8, 8, 256, 256)
                : SparseChain.image();
        chip = Chip.load(image, ChipOptions.defaults().withThreads(threads).withSeed(1));
        chip.collectOutputs(false);
        inputs = new SplittableRandom(5);
    }

    @TearDown(Level.Trial)
    public void close() {
        chip.close();
    }

    @Benchmark
    public long tick() {
        if (load.equals("dense")) {
            return BenchDrive.step(chip, inputs, 16, 3, 10);
        }
        long t = chip.tick();
        if (t % 16 == 0) {
            chip.inject("in", inputs.nextInt(256), t);
        }
        chip.step();
        return chip.tick();
    }
}
