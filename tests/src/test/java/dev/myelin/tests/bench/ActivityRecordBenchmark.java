package dev.myelin.tests.bench;

import dev.myelin.chip.bench.TrueNorthLoad;
import dev.myelin.chip.run.RecordedTicks;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.timing.MeshNetwork;
import dev.myelin.chip.timing.TimingMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * What the run's activity record adds to a tick when nothing happens: the idle TrueNorth chip
 * ({@link TrueNorthLoad#idle}, 4,096 cores, not one spike) loaded as {@code myelin run} loads it
 * (mesh in simple mode, one thread).
 * <ul>
 *   <li>{@code step}: the baseline, the bare {@link Chip#step()};</li>
 *   <li>{@code stepAndRecord}: the step and then what the run's tick loop does with it when no
 *       output file is asked for ({@link RecordedTicks}: the {@code ActivityRecord} filled from
 *       the tick's involved cores, the tick's energy and latency priced and added up).</li>
 * </ul>
 * An engine whose cost follows activity spends next to nothing on either. One operation is one tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ActivityRecordBenchmark {
    private Chip chip;
    private RecordedTicks record;

    @Setup(Level.Trial)
    public void load() {
        MeshNetwork.Factory mesh = MeshNetwork.factory(TimingMode.SIMPLE);
        chip = Chip.load(TrueNorthLoad.idle(1), ChipOptions.defaults().withThreads(1).withNetwork(mesh));
        chip.collectOutputs(false);
        record = new RecordedTicks(chip, mesh.network());
    }

    @TearDown(Level.Trial)
    public void close() {
        chip.close();
    }

    @Benchmark
    public long step() {
        chip.step();
        return chip.tick();
    }

    @Benchmark
    public long stepAndRecord() {
        chip.step();
        return record.record();
    }
}
