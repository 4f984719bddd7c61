package dev.myelin.chip.neuron;

import dev.myelin.chip.learn.LearningCore;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.learn.Delays;
import dev.myelin.isa.learn.LearningConfig;
import dev.myelin.isa.learn.RuleText;
import dev.myelin.isa.learn.Trace;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.isa.model.Targets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delayed input ({@link LoihiCubaArray#addDelayed}, the delay ring of a learning core) gives the
 * same u, v and spikes on the fast path (32-bit sums) as on the general path (64-bit sums): on
 * seeded random cores with several axon types (negative exponents floored per group), heavy
 * weights at exponent 7 that wrap u, per-synapse delays 0..dMax and a rule moving them
 * ({@code dd = x0 - y0}, whole numbers: no random draws).
 */
class DelayedInputPathsTest {
    private static final Architecture LOIHI = Presets.require("loihi");

    @Test
    void delayedInputIsTheSameOnTheFastAndTheGeneralPath() {
        SplittableRandom rnd = new SplittableRandom(20261207);
        int delivered = 0;
        for (int trial = 0; trial < 150; trial++) {
            CoreImage core = randomCore(rnd);
            SparseRows rows = (SparseRows) core.synapses();
            int axons = rows.axons();
            int max = rnd.nextInt(12);
            byte[] d = new byte[rows.post().length];
            for (int k = 0; k < d.length; k++) {
                d[k] = (byte) rnd.nextInt(max + 1);
            }
            boolean[] plastic = new boolean[axons];
            Arrays.fill(plastic, true);
            LearningConfig config = new LearningConfig(1 + rnd.nextInt(3), 0, -256, 255, -1,
                    Collections.nCopies(6, Trace.OFF), List.of(RuleText.parse("dd = x0 - y0")), plastic, null, null,
                    new Delays(max, d));
            LoihiCubaArray fastInner = new LoihiCubaArray(core, LOIHI);
            LoihiCubaArray generalInner = new LoihiCubaArray(core, LOIHI);
            generalInner.fastPaths = false;
            LearningCore fast = new LearningCore(fastInner, rows, config, new XorShift32Random(5));
            LearningCore general = new LearningCore(generalInner, rows, config, new XorShift32Random(5));
            Lockstep both = new Lockstep(fast, general, axons);
            for (int t = 0; t < 40; t++) {
                if (t < 25) {
                    both.randomAxons(rnd, 4, 1);
                } else {
                    both.noAxons();
                }
                both.tick(t, "trial " + trial + " tick " + t);
                for (int j = 0; j < fast.neurons(); j++) {
                    delivered += t >= 25 && fast.u(j) != 0 ? 1 : 0;
                }
            }
            for (int k = 0; k < d.length; k++) {
                assertThat(fast.delay(k)).isEqualTo(general.delay(k)).isBetween(0, max);
            }
        }
        assertThat(delivered).as("input still arriving after the last spikes").isPositive();
    }

    /** A random core: up to 80 compartments, 1..3 axon types with exponents -8..7, mixed signs, heavy weights. */
    private static CoreImage randomCore(SplittableRandom rnd) {
        int n = 1 + rnd.nextInt(80);
        int axons = 1 + rnd.nextInt(40);
        LoihiNeurons p = new LoihiNeurons(n, LoihiNeurons.DECAY_LAVA, new int[n], new int[n], new int[n], new int[n],
                new int[n], new int[n], new int[n]);
        for (int j = 0; j < n; j++) {
            p.du()[j] = rnd.nextInt(4096);
            p.dv()[j] = rnd.nextInt(4096);
            p.vth()[j] = rnd.nextInt(4) == 0 ? rnd.nextInt(1 << 17) : rnd.nextInt(200);
            p.biasMant()[j] = rnd.nextInt(3) == 0 ? rnd.nextInt(-20, 21) : 0;
        }
        int types = 1 + rnd.nextInt(3);
        List<SynapseFormat> formats = new ArrayList<>();
        for (int t = 0; t < types; t++) {
            formats.add(new SynapseFormat(1 + rnd.nextInt(8), rnd.nextInt(3) == 0 ? 7 : rnd.nextInt(-8, 8), rnd.nextInt(3)));
        }
        int[] axonType = new int[axons];
        int[] rowStart = new int[axons + 1];
        List<Integer> post = new ArrayList<>();
        List<Integer> weight = new ArrayList<>();
        for (int a = 0; a < axons; a++) {
            axonType[a] = rnd.nextInt(types);
            int sign = formats.get(axonType[a]).signMode();
            for (int j : rnd.ints(rnd.nextInt(Math.min(n, 10) + 1), 0, n).sorted().toArray()) {
                post.add(j);
                int w = rnd.nextInt(3) == 0 ? 255 : rnd.nextInt(256);
                weight.add(sign == SynapseFormat.INHIBITORY ? -w : sign == SynapseFormat.EXCITATORY ? w
                        : rnd.nextBoolean() ? w : -w);
            }
            rowStart[a + 1] = post.size();
        }
        SparseRows rows = new SparseRows(axons, rowStart, post.stream().mapToInt(Integer::intValue).toArray(),
                weight.stream().mapToInt(Integer::intValue).toArray());
        return new CoreImage(new CoreId(0, 0, 0), axonType, p, rows, formats, Targets.none(n), new byte[0]);
    }
}
