package dev.myelin.chip.neuron;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.isa.model.Targets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast paths of {@link LoihiCubaArray} (32-bit sums, branch-free int update) against the
 * general path ({@link LoihiMath}'s long arithmetic, one neuron at a time) on seeded random
 * cores: both decay modes, per-neuron and shared du/dv, several exponents (negative ones
 * floored per group), states at the edges of u's wrap and v's clip, and inputs large enough
 * to wrap u; a quarter of the cores with dendrites (join add) and refractory delays. After every
 * tick: the same u, v, fired neurons, events and counts.
 */
class LoihiFastPathTest {
    private static final Architecture LOIHI = Presets.require("loihi");
    private static final int H = 1 << 23;

    @Test
    void fastPathsAgreeWithTheGeneralPathOnRandomCores() {
        SplittableRandom rnd = new SplittableRandom(20261207);
        Map<String, Integer> paths = new TreeMap<>();
        for (int trial = 0; trial < 600; trial++) {
            CoreImage core = randomCore(rnd, trial);
            LoihiCubaArray fast = new LoihiCubaArray(core, LOIHI);
            LoihiCubaArray general = new LoihiCubaArray(core, LOIHI);
            general.fastPaths = false;
            paths.merge(fast.updatePath(), 1, Integer::sum);
            Lockstep both = new Lockstep(fast, general, core.axonType().length);
            for (int t = 0; t < 30; t++) {
                both.randomAxons(rnd, 8, rnd.nextInt(5));
                String at = "trial " + trial + " tick " + t;
                if (t % 10 == 5 && rows(core).post().length > 0) {
                    // the learning engine's write: a row of one weight becomes mixed (or, alone, takes the new one)
                    SparseRows r = rows(core);
                    int k = rnd.nextInt(r.post().length);
                    int a = 0;
                    while (r.rowStart()[a + 1] <= k) {
                        a++;
                    }
                    int raw = rnd.nextInt(-255, 256);
                    fast.setRawWeight(a, k, raw);
                    general.setRawWeight(a, k, raw);
                }
                both.tick(t, at);
            }
        }
        assertThat(paths.keySet()).containsExactly("fast", "fast, biased", "fast, compartments");
        assertThat(paths.values()).allMatch(k -> k >= 100);
    }

    /**
     * Cores whose neurons all share du, dv, bias and threshold (a population of one kind, as in
     * the CUBA benchmark): the fast update reads the parameters once instead of per neuron. The
     * random cores above, with every neuron given neuron 0's parameters (u0 and v0 stay per
     * neuron), biased and unbiased, against the general path after every tick.
     */
    @Test
    void sharedParameterCoresAgreeWithTheGeneralPath() {
        SplittableRandom rnd = new SplittableRandom(20261208);
        Map<String, Integer> paths = new TreeMap<>();
        for (int trial = 0; trial < 300; trial++) {
            CoreImage core = randomCore(rnd, trial);
            LoihiNeurons p = (LoihiNeurons) core.neurons();
            for (int j = 1; j < p.n(); j++) {
                p.du()[j] = p.du()[0];
                p.dv()[j] = p.dv()[0];
                p.vth()[j] = p.vth()[0];
                p.biasMant()[j] = p.biasMant()[0];
                p.biasExp()[j] = p.biasExp()[0];
            }
            LoihiCubaArray fast = new LoihiCubaArray(core, LOIHI);
            LoihiCubaArray general = new LoihiCubaArray(core, LOIHI);
            general.fastPaths = false;
            assertThat(fast.sharedParameters()).isTrue();
            paths.merge(fast.updatePath(), 1, Integer::sum);
            Lockstep both = new Lockstep(fast, general, core.axonType().length);
            for (int t = 0; t < 30; t++) {
                both.randomAxons(rnd, 8, rnd.nextInt(5));
                both.tick(t, "trial " + trial + " tick " + t);
            }
        }
        // the shared update is taken by both non-extended paths
        assertThat(paths.getOrDefault("fast", 0)).isGreaterThanOrEqualTo(50);
        assertThat(paths.getOrDefault("fast, biased", 0)).isGreaterThanOrEqualTo(50);
    }

    @Test
    void int32HelpersMatchTheLongArithmeticAtTheEdges() {
        int[] xs = {0, 1, -1, 4095, -4095, 4096, -4096, 4097, -4097, H - 1, -(H - 1), H, -H, H - 4096, -H + 4096,
                123456, -123456};
        int[] fs = {0, 1, 2, 409, 2048, 4094, 4095, 4096};
        for (int x : xs) {
            for (int f : fs) {
                assertThat(LoihiMath.decay24(x, f)).as(x + " * " + f).isEqualTo((int) LoihiMath.decay(x, f));
            }
        }
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            int x = rnd.nextInt(-H, H + 1);
            int f = rnd.nextInt(4097);
            assertThat(LoihiMath.decay24(x, f)).isEqualTo((int) LoihiMath.decay(x, f));
            int v = rnd.nextInt(-2 * H - (1 << 20), 2 * H + (1 << 20) + 1);
            assertThat(LoihiMath.clipV24int(v)).isEqualTo(LoihiMath.clipV24(v));
            long u = switch (i % 3) {
                case 0 -> rnd.nextLong(-4L * H, 4L * H);
                case 1 -> rnd.nextLong();
                default -> (long) rnd.nextInt(-3, 4) * H + rnd.nextInt(-2, 3);
            };
            assertThat(LoihiMath.wrapU24int((int) u)).as("wrap " + u).isEqualTo(LoihiMath.wrapU24(u));
        }
        for (int v : new int[] {0, 1, -1, H - 1, H, H + 1, -(H - 1), -H, -H - 1, 2 * H + (1 << 20), -2 * H - (1 << 20)}) {
            assertThat(LoihiMath.clipV24int(v)).as("clip " + v).isEqualTo(LoihiMath.clipV24(v));
        }
        for (long u : new long[] {H, H + 1, -H, -H + 1, 3L * H, -3L * H, 3L * H + 1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertThat(LoihiMath.wrapU24int((int) u)).as("wrap " + u).isEqualTo(LoihiMath.wrapU24(u));
        }
    }

    /**
     * A random core: decay mode, du and dv (shared on a third of the cores), thresholds, biases
     * (on every neuron for half the cores, which take the biased path), initial u and v often at
     * the edges of their ranges, and 1..3 axon types with exponents from -8 to 7, whose heavy
     * weights at exponent 7 can wrap u in one tick.
     */
    private static CoreImage randomCore(SplittableRandom rnd, int trial) {
        int n = 1 + rnd.nextInt(trial % 10 == 0 ? 1024 : 150);
        int axons = 1 + rnd.nextInt(120);
        int mode = rnd.nextBoolean() ? LoihiNeurons.DECAY_LAVA : LoihiNeurons.DECAY_NXSDK;
        int decayMax = mode == LoihiNeurons.DECAY_NXSDK ? 4096 : 4095;
        boolean shared = trial % 3 == 0;
        boolean biased = trial % 2 == 0;
        LoihiNeurons p = new LoihiNeurons(n, mode, new int[n], new int[n], new int[n], new int[n], new int[n],
                new int[n], new int[n]);
        int du = decay(rnd, decayMax);
        int dv = decay(rnd, decayMax);
        for (int j = 0; j < n; j++) {
            p.du()[j] = shared ? du : decay(rnd, decayMax);
            p.dv()[j] = shared ? dv : decay(rnd, decayMax);
            p.vth()[j] = rnd.nextInt(4) == 0 ? rnd.nextInt(1 << 17) : rnd.nextInt(200);
            int mant = rnd.nextInt(4) == 0 ? rnd.nextInt(-(1 << 12), 1 << 12) : rnd.nextInt(-20, 21);
            p.biasMant()[j] = biased && mant == 0 ? 1 : !biased && rnd.nextInt(3) != 0 ? 0 : mant;
            p.biasExp()[j] = rnd.nextInt(8);
            p.u0()[j] = state(rnd);
            p.v0()[j] = state(rnd);
        }
        if (trial % 4 == 1) { // extended: dendrites (never last, never refractory) and refractory delays
            for (int j = 0; j < n; j++) {
                if (j < n - 1 && rnd.nextInt(3) == 0) {
                    p.join()[j] = LoihiNeurons.JOIN_ADD;
                } else if (rnd.nextBoolean()) {
                    p.refractory()[j] = rnd.nextInt(4) == 0 ? 255 : rnd.nextInt(1, 8);
                }
            }
            p.refractory()[n - 1] = 1 + rnd.nextInt(3); // at least one: the core is extended even when n = 1
        }
        int types = 1 + rnd.nextInt(3);
        List<SynapseFormat> formats = new ArrayList<>();
        for (int t = 0; t < types; t++) {
            int exp = rnd.nextInt(3) == 0 ? 7 : rnd.nextInt(-8, 8);
            formats.add(new SynapseFormat(1 + rnd.nextInt(8), exp, rnd.nextInt(3)));
        }
        int[] axonType = new int[axons];
        int[] rowStart = new int[axons + 1];
        List<Integer> post = new ArrayList<>();
        List<Integer> weight = new ArrayList<>();
        for (int a = 0; a < axons; a++) {
            axonType[a] = rnd.nextInt(types);
            int sign = formats.get(axonType[a]).signMode();
            int fan = rnd.nextInt(4) == 0 ? rnd.nextInt(n + 1) : rnd.nextInt(Math.min(n, 8) + 1);
            int[] targets = rnd.ints(fan, 0, n).sorted().toArray();
            // half the rows carry one weight, as a projection with a single weight does
            int rowW = rnd.nextBoolean() ? rnd.nextInt(256) : -1;
            for (int j : targets) {
                post.add(j);
                int w = rowW >= 0 ? rowW : rnd.nextInt(3) == 0 ? 255 : rnd.nextInt(256);
                weight.add(sign == SynapseFormat.INHIBITORY ? -w : sign == SynapseFormat.EXCITATORY ? w
                        : rnd.nextBoolean() ? w : -w - (rnd.nextInt(10) == 0 ? 1 : 0));
            }
            rowStart[a + 1] = post.size();
        }
        SparseRows rows = new SparseRows(axons, rowStart, post.stream().mapToInt(Integer::intValue).toArray(),
                weight.stream().mapToInt(Integer::intValue).toArray());
        return new CoreImage(new CoreId(0, 0, 0), axonType, p, rows, formats, Targets.none(n), new byte[0]);
    }

    private static SparseRows rows(CoreImage core) {
        return (SparseRows) core.synapses();
    }

    private static int decay(SplittableRandom rnd, int max) {
        return switch (rnd.nextInt(5)) {
            case 0 -> 0;
            case 1 -> max;
            case 2 -> max - 1;
            default -> rnd.nextInt(max + 1);
        };
    }

    /** A 24-bit state, a third of the time at or next to the edges of u's and v's ranges. */
    private static int state(SplittableRandom rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> rnd.nextBoolean() ? -H : H - 1;
            case 2 -> rnd.nextBoolean() ? -H + 1 + rnd.nextInt(64) : H - 1 - rnd.nextInt(64);
            default -> rnd.nextInt(-5000, 5000);
        };
    }
}
