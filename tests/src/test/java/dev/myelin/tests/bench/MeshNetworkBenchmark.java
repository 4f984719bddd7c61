package dev.myelin.tests.bench;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.timing.MeshNetwork;
import dev.myelin.chip.timing.TimingMode;
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
 * What the network model costs: ticks per second of the 64-core chip of {@link TrueNorthChipBenchmark}
 * with direct delivery (the baseline), the mesh in simple mode, and the mesh simulated cycle by cycle.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MeshNetworkBenchmark {
    @Param({"direct", "simple", "cycle"})
    public String network;

    private Chip chip;
    private SplittableRandom inputs;

    @Setup(Level.Trial)
    public void load() {
        NetworkImage image = new RandomTrueNorthNetworks(64).network(8, 8, 256, 256);
        ChipOptions o = ChipOptions.defaults().withSeed(1);
        if (!network.equals("direct")) {
            o = o.withNetwork(MeshNetwork.factory(TimingMode.parse(network)));
        }
        chip = Chip.load(image, o);
        chip.collectOutputs(false);
        inputs = new SplittableRandom(5);
    }

    @TearDown(Level.Trial)
    public void close() {
        chip.close();
    }

    @Benchmark
    public long tick() {
        return BenchDrive.step(chip, inputs, 16, 3, 10);
    }
}
