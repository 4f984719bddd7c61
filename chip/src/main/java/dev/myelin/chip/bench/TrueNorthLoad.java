package dev.myelin.chip.bench;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Targets;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole TrueNorth chip as a benchmark load: every one of the preset's 4,096 cores used, 256
 * axons x 256 neurons each (1,048,576 neurons), crossbars {@value #DENSITY_PERCENT}% dense
 * (about 67M synapses), one target per neuron at mixed distances and delays. Generated from a
 * seed, the same image every time.
 *
 * <ul>
 *   <li>Axon {@code a} has type {@code a mod 4}; every neuron weighs types 0 and 2 with +1 and
 *       types 1 and 3 with -1, so the synaptic input has mean 0 (the crossbar bits are drawn
 *       independently with probability 1/4).</li>
 *   <li>The drive is each neuron's leak: {@code lambda = +1} per tick towards {@code alpha =
 *       }{@value #ALPHA}, so a neuron without input fires every 50 ticks (20 Hz at 1 ms ticks);
 *       the balanced synaptic input makes the intervals irregular. {@code V} starts uniformly in
 *       {@code [0, alpha)} so the chip does not fire in step. V below {@code -beta = -50}
 *       saturates there (kappa 1). The idle variant ({@link #idle}) has {@code lambda = 0}: no
 *       drive, no input, not one spike.</li>
 *   <li>Neuron {@code j} of the core at router {@code (x, y)} targets axon {@code j} of the core at
 *       {@code ((x + dx_j) mod 64, (y + dy_j) mod 64)} (mod the side of a smaller load, see
 *       {@link #full(long, int)}) with delay {@code 1 + (j mod 15)} ticks; for a given {@code j}
 *       this maps cores one to one, so every axon of the chip has exactly one source. One neuron
 *       in three targets its own core (0 hops), one a core within 3 routers in x and y, one a
 *       core anywhere on the chip.</li>
 * </ul>
 */
public final class TrueNorthLoad {
    /** Percentage of crossbar bits set. */
    public static final int DENSITY_PERCENT = 25;
    /** Positive threshold of every neuron. */
    public static final int ALPHA = 50;

    private TrueNorthLoad() {
    }

    /** The driven chip (about 20 Hz per neuron). */
    public static NetworkImage full(long seed) {
        return full(seed, MESH);
    }

    /** The same chip with no drive: not one spike. */
    public static NetworkImage idle(long seed) {
        return idle(seed, MESH);
    }

    /** The preset's mesh side: 64 routers (the whole chip). */
    public static final int MESH = 64;

    /**
     * {@link #full} on the {@code side} x {@code side} routers at the mesh's corner (0, 0) only,
     * targets wrapping within them: the same cores, drive and distances scaled down, for studies
     * of how the engine's cost grows with the chip's size. {@code side = }{@value #MESH} is
     * {@link #full}.
     *
     * @throws IllegalArgumentException unless 1 &lt;= side &lt;= {@value #MESH}
     */
    public static NetworkImage full(long seed, int side) {
        return build(seed, 1, side);
    }

    /** {@link #idle} on a {@code side} x {@code side} corner of the mesh (see {@link #full(long, int)}). */
    public static NetworkImage idle(long seed, int side) {
        return build(seed, 0, side);
    }

    private static NetworkImage build(long seed, int lambda, int side) {
        Architecture a = Presets.require("truenorth");
        if (side < 1 || side > Math.min(a.meshWidth(), a.meshHeight())) {
            throw new IllegalArgumentException("mesh side " + side + " is out of range [1, "
                    + Math.min(a.meshWidth(), a.meshHeight()) + "]");
        }
        int w = side;
        int h = side;
        int axons = a.axons();
        int neurons = a.neurons();
        long[] rng = {seed ^ 0x9E3779B97F4A7C15L};
        int[] dx = new int[neurons];
        int[] dy = new int[neurons];
        for (int j = 0; j < neurons; j++) {
            switch (j % 3) {
                case 0 -> { dx[j] = 0; dy[j] = 0; }
                case 1 -> { dx[j] = (int) (next(rng) % 7) - 3; dy[j] = (int) (next(rng) % 7) - 3; }
                default -> { dx[j] = (int) (next(rng) % w); dy[j] = (int) (next(rng) % h); }
            }
        }
        List<CoreImage> cores = new ArrayList<>(w * h);
        int[] types = new int[axons];
        for (int i = 0; i < axons; i++) {
            types[i] = i % 4;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Crossbar xb = Crossbar.empty(axons, neurons);
                long[] bits = xb.bits();
                for (int i = 0; i < bits.length; i++) {
                    // a bit is set with probability 1/4: the AND of two independent random words
                    bits[i] = word(rng) & word(rng);
                }
                TrueNorthNeurons p = TrueNorthNeurons.zeros(neurons);
                int[] start = new int[neurons + 1];
                int[] tdx = new int[neurons];
                int[] tdy = new int[neurons];
                int[] tax = new int[neurons];
                int[] tdelay = new int[neurons];
                for (int j = 0; j < neurons; j++) {
                    p.weights()[4 * j] = 1;
                    p.weights()[4 * j + 1] = -1;
                    p.weights()[4 * j + 2] = 1;
                    p.weights()[4 * j + 3] = -1;
                    p.leak()[j] = lambda;
                    p.alpha()[j] = ALPHA;
                    p.beta()[j] = ALPHA;
                    p.kappa()[j] = 1;
                    p.v0()[j] = (int) (next(rng) % ALPHA);
                    start[j + 1] = j + 1;
                    tdx[j] = Math.floorMod(x + dx[j], w) - x;
                    tdy[j] = Math.floorMod(y + dy[j], h) - y;
                    tax[j] = j;
                    tdelay[j] = 1 + j % 15;
                }
                cores.add(new CoreImage(new CoreId(x, y, 0), types.clone(), p, xb, List.of(),
                        new Targets(start, tdx, tdy, new int[neurons], tax, tdelay), new byte[0]));
            }
        }
        return new NetworkImage(a, 0, cores, List.of(), List.of(), List.of());
    }

    /** xorshift64*: 64 random bits. */
    private static long word(long[] s) {
        long x = s[0];
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        s[0] = x;
        return x * 0x2545F4914F6CDD1DL;
    }

    /** A non-negative random long. */
    private static long next(long[] s) {
        return word(s) >>> 1;
    }
}
