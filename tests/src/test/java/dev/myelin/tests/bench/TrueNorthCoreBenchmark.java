package dev.myelin.tests.bench;

import dev.myelin.chip.bench.TrueNorthLoad;
import dev.myelin.chip.core.NeuronArray;
import dev.myelin.chip.neuron.TrueNorthArray;
import dev.myelin.chip.neuron.TrueNorthPaths;
import dev.myelin.chip.neuron.XorShift32Random;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NetworkImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The TrueNorth neuron kernels of one core: core (0, 0) of {@link TrueNorthLoad#full} (256 axons
 * x 256 neurons, crossbar 25% dense, shared weights per axon type, every neuron leaking +1 towards
 * alpha 50), driven through its {@link NeuronArray} by {@value #ACTIVE} of 256 axons per tick
 * (2%, about 320 synaptic events).
 * <ul>
 *   <li>{@code tick}: {@link NeuronArray#integrate} of the tick's active axons, then
 *       {@link NeuronArray#update};</li>
 *   <li>{@code update}: the update alone, no synaptic input (the neuron update kernel; integration
 *       costs the difference).</li>
 * </ul>
 * {@code path}: {@code fast}, the paths this core takes by default (shared-weight integration, the
 * uniform update), against the baseline {@code general}, the same core with its fast paths off
 * (per-neuron weights, the update as the reference describes it). One operation is one tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TrueNorthCoreBenchmark {
    /** Active axons per tick, of 256. */
    static final int ACTIVE = 5;

    @Param({"fast", "general"})
    public String path;

    private NeuronArray core;
    private long[][] active;
    private int words;
    private int[] fired;
    private int next;
    private long tick;

    @Setup(Level.Trial)
    public void load() {
        NetworkImage image = TrueNorthLoad.full(1);
        CoreImage c = image.cores().get(0);
        TrueNorthArray a = TrueNorthPaths.create(c, image.arch(), new XorShift32Random(1), path.equals("fast"));
        if (!TrueNorthPaths.updatePath(a).equals("uniform") || !TrueNorthPaths.sharedWeights(a)) {
            throw new IllegalStateException("the load's core no longer takes the fast paths: "
                    + TrueNorthPaths.updatePath(a));
        }
        core = a;
        active = ActiveAxons.draw(c.axonCount(), ACTIVE, 7);
        words = active[0].length;
        fired = new int[core.neurons()];
    }

    @Benchmark
    public long tick() {
        long[] axons = active[next];
        next = (next + 1) & (ActiveAxons.SETS - 1);
        long events = core.integrate(axons, words);
        return events + core.update(tick++, fired);
    }

    @Benchmark
    public int update() {
        return core.update(tick++, fired);
    }
}
