package dev.myelin.tests.bench;

import dev.myelin.chip.core.AxonDelayBuffer;
import dev.myelin.chip.neuron.LoihiCubaArray;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.timing.MeshNetwork;
import dev.myelin.chip.timing.TimingMode;
import dev.myelin.compiler.Compiler;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Targets;
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

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code loihi-cuba} load (the {@code cuba_full} sample, 4,000 neurons on 10 cores) with
 * nothing but what its spikes need: each core's own kernels ({@link LoihiCubaArray}: integration
 * of the due axons, the update), and each fired neuron's targets marked in their cores' delay
 * buffers. No packets, mesh, counters, activity record or timing. One operation is one tick.
 * <ul>
 *   <li>{@code engine=bare}: that least emulation; set-up checks that after 300 ticks every
 *       neuron's u and v equal the chip's;</li>
 *   <li>{@code engine=chip}, the baseline: {@link Chip#step()} of the same image with the mesh's
 *       simple timing, as {@code myelin run} steps it (without the run's own record of each tick).</li>
 * </ul>
 * The difference is what the chip's model of messages, counts and time costs per tick; Brian2's
 * whole compiled tick of the same network is about 10 us on the machines of docs/performance.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LoihiCubaFloorBenchmark {
    /** Ticks both sides run before the state is compared. */
    static final int CHECK_TICKS = 300;

    @Param({"bare", "chip"})
    public String engine;

    private Bare bare;
    private Chip chip;

    @Setup(Level.Trial)
    public void load() {
        NetworkImage image = cuba();
        if (engine.equals("bare")) {
            bare = new Bare(image);
            check(image, new Bare(image));
        } else {
            chip = Chip.load(image, ChipOptions.defaults().withNetwork(MeshNetwork.factory(TimingMode.SIMPLE)));
            chip.collectOutputs(false);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (chip != null) {
            chip.close();
        }
    }

    @Benchmark
    public long tick() {
        if (bare != null) {
            return bare.step();
        }
        chip.step();
        return chip.tick();
    }

    /** The compiled {@code cuba_full} sample. */
    static NetworkImage cuba() {
        Path net = dev.myelin.tests.Samples.of("cuba_full").resolve("net.yaml");
        return Compiler.compileFile(net, null).emitted().image();
    }

    /** Runs {@code b} and the chip {@link #CHECK_TICKS} ticks and refuses any difference in u or v. */
    static void check(NetworkImage image, Bare b) {
        long spikes = 0;
        try (Chip c = Chip.load(image, ChipOptions.defaults())) {
            c.collectOutputs(false);
            for (int t = 0; t < CHECK_TICKS; t++) {
                c.step();
                spikes += b.step();
            }
            for (int k = 0; k < b.arrays.length; k++) {
                for (int j = 0; j < b.arrays[k].neurons(); j++) {
                    if (b.arrays[k].v(j) != c.v(k, j) || b.arrays[k].u(j) != c.u(k, j)) {
                        throw new IllegalStateException("core " + k + " neuron " + j + " after " + CHECK_TICKS
                                + " ticks: bare v " + b.arrays[k].v(j) + " u " + b.arrays[k].u(j) + ", chip v "
                                + c.v(k, j) + " u " + c.u(k, j));
                    }
                }
            }
        }
        if (spikes == 0) {
            throw new IllegalStateException("the network fired nothing in " + CHECK_TICKS + " ticks");
        }
    }

    /** The least emulation of a Loihi image: kernels and delay buffers. */
    static final class Bare {
        final LoihiCubaArray[] arrays;
        private final AxonDelayBuffer[] buffers;
        private final int[][] fired;
        private final int[] firedCount;
        /** Per core and neuron: its targets [start[j], start[j + 1]) as core index, axon and delay. */
        private final int[][] start;
        private final int[][] targetCore;
        private final int[][] targetAxon;
        private final int[][] targetDelay;
        private long tick;

        Bare(NetworkImage image) {
            int n = image.cores().size();
            Map<CoreId, Integer> index = new HashMap<>();
            for (int k = 0; k < n; k++) {
                index.put(image.cores().get(k).id(), k);
            }
            arrays = new LoihiCubaArray[n];
            buffers = new AxonDelayBuffer[n];
            fired = new int[n][];
            firedCount = new int[n];
            start = new int[n][];
            targetCore = new int[n][];
            targetAxon = new int[n][];
            targetDelay = new int[n][];
            for (int k = 0; k < n; k++) {
                CoreImage ci = image.cores().get(k);
                arrays[k] = new LoihiCubaArray(ci, image.arch());
                buffers[k] = new AxonDelayBuffer(ci.axonCount(), image.arch().delaySlots());
                fired[k] = new int[arrays[k].neurons()];
                Targets t = ci.targets();
                start[k] = t.start().clone();
                targetCore[k] = new int[t.count()];
                targetAxon[k] = t.axon().clone();
                targetDelay[k] = t.delay().clone();
                for (int m = 0; m < t.count(); m++) {
                    CoreId to = new CoreId(ci.id().x() + t.dx()[m], ci.id().y() + t.dy()[m], t.slot()[m]);
                    targetCore[k][m] = index.get(to);
                }
            }
        }

        /** One tick: every core integrates its due axons and updates; then the fired neurons' targets are marked. */
        long step() {
            long t = tick;
            long spikes = 0;
            for (int k = 0; k < arrays.length; k++) {
                AxonDelayBuffer b = buffers[k];
                arrays[k].integrate(b.slot(t), b.words());
                b.consume(t);
                firedCount[k] = arrays[k].update(t, fired[k]);
                spikes += firedCount[k];
            }
            for (int k = 0; k < arrays.length; k++) {
                int[] f = fired[k];
                int[] s = start[k];
                int[] tc = targetCore[k];
                int[] ta = targetAxon[k];
                int[] td = targetDelay[k];
                for (int i = 0; i < firedCount[k]; i++) {
                    int j = f[i];
                    for (int m = s[j]; m < s[j + 1]; m++) {
                        buffers[tc[m]].mark(ta[m], t + td[m]);
                    }
                }
            }
            tick = t + 1;
            return spikes;
        }
    }
}
