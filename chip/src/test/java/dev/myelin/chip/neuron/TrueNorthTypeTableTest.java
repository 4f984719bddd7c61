package dev.myelin.chip.neuron;

import dev.myelin.chip.testing.TnNet;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.TrueNorthNeurons;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The neuron-type table: a core whose neurons take their parameters from a small pool, in a
 * random order (repeats far apart, so most types are found through the hash table, not the
 * previous neuron), behaves neuron by neuron like one-neuron cores holding each neuron alone,
 * whose table trivially has one type. Deterministic parameters only (no threshold mask, no
 * stochastic leak or synapse): the cores then draw nothing, so the comparison does not depend
 * on how draws interleave between neurons.
 */
class TrueNorthTypeTableTest {
    private static final Architecture TN = Presets.require("truenorth");

    @Test
    void neuronsOfPooledTypesBehaveAsEachNeuronAlone() {
        SplittableRandom rnd = new SplittableRandom(77);
        for (int trial = 0; trial < 30; trial++) {
            int axons = 1 + rnd.nextInt(64);
            int neurons = 1 + rnd.nextInt(256);
            // pool of 1..8 sets, or one set per neuron (every type distinct) in every third trial
            int poolSize = trial % 3 == 2 ? neurons : 1 + rnd.nextInt(8);
            int[][] pool = new int[poolSize][];
            for (int k = 0; k < poolSize; k++) {
                pool[k] = randomSet(rnd, k);
            }
            int[] pick = new int[neurons];
            boolean[] used = new boolean[poolSize];
            int distinct = 0;
            for (int j = 0; j < neurons; j++) {
                pick[j] = poolSize == neurons ? j : rnd.nextInt(poolSize);
                if (!used[pick[j]]) {
                    used[pick[j]] = true;
                    distinct++;
                }
            }
            int[] axonType = new int[axons];
            boolean[][] conn = new boolean[axons][neurons];
            for (int a = 0; a < axons; a++) {
                axonType[a] = rnd.nextInt(4);
                for (int j = 0; j < neurons; j++) {
                    conn[a][j] = rnd.nextInt(3) == 0;
                }
            }
            int[][] weights = new int[neurons][4];
            int[] v0 = new int[neurons];
            for (int j = 0; j < neurons; j++) {
                for (int g = 0; g < 4; g++) {
                    weights[j][g] = rnd.nextInt(-20, 21);
                }
                v0[j] = rnd.nextInt(-300, 300);
            }
            TrueNorthArray whole = new TrueNorthArray(core(axons, axonType, conn, weights, v0, pool, pick, 0, neurons),
                    TN, new XorShift32Random(1));
            // the pool's sets are distinct by construction (randomSet gives each its own alpha)
            assertThat(whole.neuronTypes()).as("trial " + trial).isEqualTo(distinct);
            TrueNorthArray[] alone = new TrueNorthArray[neurons];
            for (int j = 0; j < neurons; j++) {
                alone[j] = new TrueNorthArray(core(axons, axonType, conn, weights, v0, pool, pick, j, j + 1),
                        TN, new XorShift32Random(1));
            }
            long[] active = new long[(axons + 63) >>> 6];
            int[] fired = new int[neurons];
            int[] firedAlone = new int[1];
            for (int t = 0; t < 30; t++) {
                Arrays.fill(active, 0L);
                for (int a = 0; a < axons; a++) {
                    if (rnd.nextInt(4) == 0) {
                        active[a >>> 6] |= 1L << (a & 63);
                    }
                }
                whole.integrate(active, active.length);
                int count = whole.update(t, fired);
                boolean[] firedWhole = new boolean[neurons];
                for (int i = 0; i < count; i++) {
                    firedWhole[fired[i]] = true;
                }
                for (int j = 0; j < neurons; j++) {
                    alone[j].integrate(active, active.length);
                    int c = alone[j].update(t, firedAlone);
                    String at = "trial " + trial + " tick " + t + " neuron " + j;
                    assertThat(whole.v(j)).as(at).isEqualTo(alone[j].v(0));
                    assertThat(firedWhole[j]).as(at).isEqualTo(c == 1);
                }
            }
        }
    }

    /** Neurons [from, to) of the described core, as a core of their own. */
    private static CoreImage core(int axons, int[] axonType, boolean[][] conn, int[][] weights, int[] v0,
                                  int[][] pool, int[] pick, int from, int to) {
        TnNet.TnCore c = new TnNet().core(0, axons, to - from);
        TrueNorthNeurons p = c.p;
        for (int a = 0; a < axons; a++) {
            c.axonType[a] = axonType[a];
            for (int j = from; j < to; j++) {
                if (conn[a][j]) {
                    c.xb.set(a, j - from);
                }
            }
        }
        for (int j = from; j < to; j++) {
            int k = j - from;
            int[] q = pool[pick[j]];
            p.leak()[k] = q[0];
            p.leakReversal()[k] = q[1];
            p.alpha()[k] = q[2];
            p.beta()[k] = q[3];
            p.resetMode()[k] = q[4];
            p.kappa()[k] = q[5];
            p.resetV()[k] = q[6];
            for (int g = 0; g < 4; g++) {
                p.weights()[4 * k + g] = weights[j][g];
            }
            p.v0()[k] = v0[j];
        }
        return c.image();
    }

    /** leak, reversal, alpha (20 + k: distinct per set), beta, reset mode, kappa, R. */
    private static int[] randomSet(SplittableRandom rnd, int k) {
        return new int[] {rnd.nextInt(-3, 4), rnd.nextInt(2), 20 + k, rnd.nextInt(200), rnd.nextInt(3),
                rnd.nextInt(2), rnd.nextInt(-100, 100)};
    }
}
