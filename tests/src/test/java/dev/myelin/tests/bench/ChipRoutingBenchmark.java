package dev.myelin.tests.bench;

import dev.myelin.chip.bench.TrueNorthLoad;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.timing.MeshNetwork;
import dev.myelin.chip.timing.TimingMode;
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

import java.util.concurrent.TimeUnit;

/**
 * Routing a whole chip's spikes: one tick of the full TrueNorth load ({@link TrueNorthLoad#full},
 * 4,096 cores, 1,048,576 neurons at about 20 Hz: some 21,000 spikes a tick, two thirds of them
 * leaving their core) on one thread. {@code network}: {@code direct}, the baseline, delivers
 * each spike straight to its target axon; {@code simple} routes the tick's packets through the
 * mesh model with SANA-FE's per-message latency rule; {@code cycle} simulates the mesh cycle by
 * cycle. The difference to {@code direct} is what the mesh costs. One operation is one tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ChipRoutingBenchmark {
    @Param({"direct", "simple", "cycle"})
    public String network;

    private Chip chip;

    @Setup(Level.Trial)
    public void load() {
        ChipOptions o = ChipOptions.defaults().withThreads(1).withSeed(1);
        if (!network.equals("direct")) {
            o = o.withNetwork(MeshNetwork.factory(TimingMode.parse(network)));
        }
        chip = Chip.load(TrueNorthLoad.full(1), o);
        chip.collectOutputs(false);
        // past the first volleys of V0, into the steady ~20 Hz
        chip.run(100);
    }

    @TearDown(Level.Trial)
    public void close() {
        chip.close();
    }

    @Benchmark
    public long tick() {
        chip.step();
        return chip.tick();
    }
}
