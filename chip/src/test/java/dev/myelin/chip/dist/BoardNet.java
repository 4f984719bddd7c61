package dev.myelin.chip.dist;

import dev.myelin.isa.arch.ArchParam;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.model.Targets;
import dev.myelin.isa.model.TrueNorthNeurons;
import dev.myelin.isa.spi.CompiledNetwork;
import dev.myelin.isa.spi.Stimulus;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded 2 x 2-chip board for the partitioned-run tests: the {@code tiny} chip (2 x 2 cores of
 * 16 axons x 16 neurons) four times, every core used. Each neuron has one target on a random
 * core: delays 1..4 within a chip, {@value #CROSS_MIN_DELAY}..4 across chips, so the smallest
 * delay between partitions (any partition count) is {@value #CROSS_MIN_DELAY}. Stochastic
 * synapses, leaks and threshold masks draw on every core's generator; some neurons leak upwards
 * and fire on their own; port {@code in} has 16 lines, 8 on core (0,0,0) and 8 on core (3,3,0).
 */
public final class BoardNet {
    public static final int CROSS_MIN_DELAY = 3;
    public static final int SIDE = 4;
    public static final int N = 16;

    private BoardNet() {
    }

    public static Architecture arch() {
        return Presets.require("tiny").toBuilder().set(ArchParam.NAME, "tiny-board").set(ArchParam.CHIPS_X, 2)
                .set(ArchParam.CHIPS_Y, 2).build("test");
    }

    public static NetworkImage image(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Architecture arch = arch();
        List<CoreImage> cores = new ArrayList<>();
        List<PortEntry> outs = new ArrayList<>();
        List<Symbol.Range> ranges = new ArrayList<>();
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                CoreId id = new CoreId(x, y, 0);
                cores.add(core(r, id));
                ranges.add(new Symbol.Range(id, 0, N, cores.size() * N - N));
                for (int j = 0; j < N; j += 5) {
                    outs.add(new PortEntry(id, j));
                }
            }
        }
        List<PortEntry> ins = new ArrayList<>();
        for (int a = 0; a < 8; a++) {
            ins.add(new PortEntry(new CoreId(0, 0, 0), a));
        }
        for (int a = 0; a < 8; a++) {
            ins.add(new PortEntry(new CoreId(SIDE - 1, SIDE - 1, 0), a));
        }
        return new NetworkImage(arch, 0, cores, List.of(new Port("in", ins)), List.of(new Port("out", outs)),
                List.of(new Symbol("all", SIDE * SIDE * N, ranges)));
    }

    private static CoreImage core(SplittableRandom r, CoreId id) {
        int[] type = new int[N];
        for (int a = 0; a < N; a++) {
            type[a] = r.nextInt(4);
        }
        Crossbar xb = Crossbar.empty(N, N);
        for (int a = 0; a < N; a++) {
            for (int j = 0; j < N; j++) {
                if (r.nextInt(3) == 0) {
                    xb.set(a, j);
                }
            }
        }
        TrueNorthNeurons p = TrueNorthNeurons.zeros(N);
        for (int j = 0; j < N; j++) {
            for (int g = 0; g < 4; g++) {
                p.weights()[4 * j + g] = r.nextInt(-4, 9);
            }
            p.stochasticSynapse()[j] = r.nextInt(4) == 0 ? r.nextInt(16) : 0;
            p.leak()[j] = r.nextInt(4) == 0 ? r.nextInt(-2, 3) : 0;
            p.stochasticLeak()[j] = r.nextInt(3) == 0 ? 1 : 0;
            p.alpha()[j] = 4 + r.nextInt(20);
            p.beta()[j] = r.nextInt(30);
            p.thresholdMaskBits()[j] = r.nextInt(4) == 0 ? r.nextInt(4) : 0;
            p.resetMode()[j] = r.nextInt(2);
            p.kappa()[j] = r.nextInt(2);
        }
        int[] start = new int[N + 1];
        int[] dx = new int[N];
        int[] dy = new int[N];
        int[] axon = new int[N];
        int[] delay = new int[N];
        int chip = id.y() / 2 * 2 + id.x() / 2;
        for (int j = 0; j < N; j++) {
            start[j + 1] = j + 1;
            int tx = r.nextInt(SIDE);
            int ty = r.nextInt(SIDE);
            dx[j] = tx - id.x();
            dy[j] = ty - id.y();
            axon[j] = r.nextInt(N);
            boolean cross = ty / 2 * 2 + tx / 2 != chip;
            delay[j] = cross ? CROSS_MIN_DELAY + r.nextInt(5 - CROSS_MIN_DELAY) : 1 + r.nextInt(4);
        }
        return new CoreImage(id, type, p, xb, List.of(), new Targets(start, dx, dy, new int[N], axon, delay),
                new byte[0]);
    }

    /** Input spikes: every line of {@code in} active with probability 1/5 in each of {@code ticks} ticks. */
    public static Stimulus.SpikeArray inputs(long seed, int ticks) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<int[]> s = new ArrayList<>();
        for (int t = 0; t < ticks; t++) {
            for (int line = 0; line < 16; line++) {
                if (r.nextInt(5) == 0) {
                    s.add(new int[] {t, line});
                }
            }
        }
        int[] tick = new int[s.size()];
        int[] index = new int[s.size()];
        for (int i = 0; i < tick.length; i++) {
            tick[i] = s.get(i)[0];
            index[i] = s.get(i)[1];
        }
        return new Stimulus.SpikeArray("in", tick, index);
    }

    public static CompiledNetwork network(long seed, int ticks) {
        return new CompiledNetwork(image(seed), List.of(inputs(seed, ticks)), List.of(), "");
    }
}
