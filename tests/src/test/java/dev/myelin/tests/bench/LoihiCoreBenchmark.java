package dev.myelin.tests.bench;

import dev.myelin.chip.core.NeuronArray;
import dev.myelin.chip.neuron.LoihiCubaArray;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.tests.reference.LoihiReferenceCore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The Loihi CUBA kernels of one core: core 0 of {@link LoihiBenchNetwork} (1,024 compartments,
 * 1,024 axons of 64 synapses in two axon types), {@value #ACTIVE} axons active per tick (2%,
 * about 1,300 synaptic events). One operation is one tick: integration of the tick's active
 * axons, then the update of every compartment.
 * <ul>
 *   <li>{@code cubaArray}: the engine's {@link LoihiCubaArray} through its {@link NeuronArray}
 *       interface (flat arrays, work per active axon's synapses and per live compartment);</li>
 *   <li>{@code reference}: the baseline, the same core in the tests' {@link LoihiReferenceCore}
 *       (docs/reference/loihi.md line by line, one object per neuron and synapse, every synapse
 *       visited each tick). The datapath has no second path to switch to; this is the other
 *       bit-exact implementation of it.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LoihiCoreBenchmark {
    /** Active axons per tick, of 1,024. */
    static final int ACTIVE = 20;

    private NeuronArray array;
    private LoihiReferenceCore reference;
    private long[][] active;
    private boolean[][] activeFlags;
    private int words;
    private int[] fired;
    private int next;
    private long tick;

    @Setup(Level.Trial)
    public void load() {
        NetworkImage image = LoihiBenchNetwork.image(3);
        CoreImage c = image.cores().get(0);
        array = new LoihiCubaArray(c, image.arch());
        reference = new LoihiReferenceCore(c);
        active = ActiveAxons.draw(c.axonCount(), ACTIVE, 7);
        activeFlags = ActiveAxons.unpacked(active, c.axonCount());
        words = active[0].length;
        fired = new int[array.neurons()];
        agree(c, image);
    }

    /** Both sides fire the same neurons over a cycle of inputs (the conformance tests check far more). */
    private void agree(CoreImage c, NetworkImage image) {
        NeuronArray a = new LoihiCubaArray(c, image.arch());
        LoihiReferenceCore r = new LoihiReferenceCore(c);
        int[] f = new int[a.neurons()];
        long spikes = 0;
        for (int t = 0; t < ActiveAxons.SETS; t++) {
            a.integrate(active[t], words);
            int k = a.update(t, f);
            int[] expected = r.tick(activeFlags[t]).stream().mapToInt(Integer::intValue).toArray();
            if (!Arrays.equals(Arrays.copyOf(f, k), expected)) {
                throw new IllegalStateException("the array and the reference part at tick " + t);
            }
            spikes += k;
        }
        if (spikes == 0) {
            throw new IllegalStateException("the benchmark's input fires nothing");
        }
    }

    @Benchmark
    public long cubaArray() {
        long[] axons = active[next];
        next = (next + 1) & (ActiveAxons.SETS - 1);
        long events = array.integrate(axons, words);
        return events + array.update(tick++, fired);
    }

    @Benchmark
    public boolean[] reference() {
        boolean[] axons = activeFlags[next];
        next = (next + 1) & (ActiveAxons.SETS - 1);
        return reference.step(axons);
    }
}
