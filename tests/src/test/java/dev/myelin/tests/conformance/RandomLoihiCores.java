package dev.myelin.tests.conformance;

import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.isa.model.Targets;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small random Loihi cores for conformance runs. Parameters are drawn so that the edge cases
 * show up often: decay constants 0 and the maximum, thresholds near zero and at the top of
 * their range, 24-bit initial states, big weights with large exponents (u wraps, v clips).
 */
final class RandomLoihiCores {
    private RandomLoihiCores() {
    }

    /**
     * Every fifth core is a hammer: many axons of near-extreme weights at exponent 7, so that
     * a_in << 6 exceeds 2^25 and u must wrap more than once.
     */
    static boolean hammer(long seed) {
        return seed % 5 == 0;
    }

    static CoreImage core(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean hammer = hammer(seed);
        int decayMode = (int) (seed & 1);
        int n = 1 + r.nextInt(16);
        int axons = hammer ? 16 + r.nextInt(9) : 1 + r.nextInt(24);
        int typeCount = 1 + r.nextInt(4);
        int hammerSign = r.nextBoolean() ? 1 : -1;
        int hammerMode = hammerSign > 0 ? SynapseFormat.EXCITATORY : SynapseFormat.INHIBITORY;
        List<SynapseFormat> formats = new ArrayList<>();
        for (int t = 0; t < typeCount; t++) {
            formats.add(hammer ? new SynapseFormat(8, 7, r.nextBoolean() ? SynapseFormat.MIXED : hammerMode)
                    : new SynapseFormat(1 + r.nextInt(8), r.nextInt(16) - 8, r.nextInt(3)));
        }
        int[] type = new int[axons];
        for (int a = 0; a < axons; a++) {
            type[a] = r.nextInt(typeCount);
        }
        int[] signMode = new int[axons];
        for (int a = 0; a < axons; a++) {
            signMode[a] = formats.get(type[a]).signMode();
        }
        SparseRows rows = rows(r, signMode, n, hammer ? hammerSign : 0);
        LoihiNeurons neurons = neurons(r, n, decayMode);
        if (seed % 3 == 2) {
            compartments(r, neurons);
        }
        return new CoreImage(new CoreId(0, 0, 0), type, neurons, rows, formats, Targets.none(n), new byte[0]);
    }

    /** A third of the cores: dendrites (join add, never last, never refractory) and refractory delays. */
    private static void compartments(SplittableRandom r, LoihiNeurons q) {
        for (int j = 0; j < q.n(); j++) {
            if (j < q.n() - 1 && r.nextInt(3) == 0) {
                q.join()[j] = LoihiNeurons.JOIN_ADD;
            } else {
                q.refractory()[j] = r.nextInt(3) == 0 ? 0 : r.nextInt(4) == 0 ? 255 : 1 + r.nextInt(6);
            }
        }
    }

    private static LoihiNeurons neurons(SplittableRandom r, int n, int decayMode) {
        int maxDecay = decayMode == LoihiNeurons.DECAY_NXSDK ? 4096 : 4095;
        LoihiNeurons q = new LoihiNeurons(n, decayMode, new int[n], new int[n], new int[n], new int[n], new int[n],
                new int[n], new int[n]);
        for (int j = 0; j < n; j++) {
            q.du()[j] = decay(r, maxDecay);
            q.dv()[j] = decay(r, maxDecay);
            q.vth()[j] = switch (r.nextInt(4)) {
                case 0 -> r.nextInt(200);
                case 1 -> r.nextInt(5000);
                case 2 -> r.nextInt(1 << 17);
                default -> (1 << 17) - 1;
            };
            boolean biased = r.nextInt(3) == 0;
            q.biasMant()[j] = biased ? r.nextInt(8192) - 4096 : 0;
            q.biasExp()[j] = r.nextInt(8);
            q.u0()[j] = state(r, -(1 << 23), (1 << 23) - 1);
            q.v0()[j] = state(r, -(1 << 23) + 1, (1 << 23) - 1);
        }
        return q;
    }

    private static int decay(SplittableRandom r, int max) {
        return switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> max;
            case 2 -> 1;
            default -> r.nextInt(max + 1);
        };
    }

    private static int state(SplittableRandom r, int lo, int hi) {
        return switch (r.nextInt(5)) {
            case 0 -> lo;
            case 1 -> hi;
            case 2 -> r.nextInt(hi - lo + 1) + lo;
            default -> 0;
        };
    }

    /** Weights agree with their axon's sign mode (an image rule): the magnitude, with the mode's sign. */
    private static int agree(int w, int signMode) {
        return switch (signMode) {
            case SynapseFormat.EXCITATORY -> Math.min(255, Math.abs(w));
            case SynapseFormat.INHIBITORY -> -Math.min(256, Math.abs(w));
            default -> Math.max(-256, Math.min(255, w));
        };
    }

    /** Random rows; {@code hammerSign} +1 or -1 makes every weight near 255 or -256 and every row full. */
    private static SparseRows rows(SplittableRandom r, int[] signMode, int n, int hammerSign) {
        int axons = signMode.length;
        boolean hammer = hammerSign != 0;
        boolean big = r.nextBoolean();
        int[] rowStart = new int[axons + 1];
        List<int[]> entries = new ArrayList<>();
        for (int a = 0; a < axons; a++) {
            for (int j = 0; j < n; j++) {
                if (hammer || r.nextInt(3) != 0) {
                    int w;
                    if (hammer) {
                        w = hammerSign * (255 - r.nextInt(4));
                    } else if (big) {
                        w = (r.nextBoolean() ? 255 : -256) - r.nextInt(4) * (r.nextBoolean() ? 1 : -1);
                    } else {
                        w = r.nextInt(512) - 256;
                    }
                    entries.add(new int[] {j, agree(w, signMode[a])});
                }
            }
            rowStart[a + 1] = entries.size();
        }
        int[] post = new int[entries.size()];
        int[] weight = new int[entries.size()];
        for (int k = 0; k < post.length; k++) {
            post[k] = entries.get(k)[0];
            weight[k] = entries.get(k)[1];
        }
        return new SparseRows(axons, rowStart, post, weight);
    }
}
