package dev.myelin.compiler.lower;

import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.IntBuf;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.Projection;
import dev.myelin.compiler.ir.Synapses;
import dev.myelin.compiler.ir.WeightSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The expand-connectivity pass: every projection to compressed sparse rows (one int per
 * synapse, no objects). Random connectors draw from {@link SplittableRandom} seeded by the
 * projection's seed, rows in order, so expansion is deterministic.
 */
public final class ExpandConnectivity {
    private ExpandConnectivity() {
    }

    /** The expanded projections, in the network's order. */
    public record Product(List<Synapses> projections) {
        public long synapseCount() {
            return projections.stream().mapToLong(Synapses::count).sum();
        }
    }

    public static Product run(Network n) {
        List<Synapses> out = new ArrayList<>();
        for (Projection p : n.projections()) {
            out.add(expand(n, p));
        }
        return new Product(out);
    }

    static Synapses expand(Network n, Projection p) {
        int pre = Validate.sourceSize(n, p.pre());
        int post = n.population(p.post()).orElseThrow().size();
        Connector c = p.connector();
        if (c instanceof Connector.FromList l) {
            return fromList(p, pre, post, l);
        }
        int[] rowStart = new int[pre + 1];
        IntBuf posts = new IntBuf(pre);
        float[] given = null;
        FloatBuf gw = new FloatBuf();
        if (c instanceof Connector.AllToAll a) {
            for (int i = 0; i < pre; i++) {
                for (int j = 0; j < post; j++) {
                    if (a.allowSelf() || !p.pre().equals(p.post()) || i != j) {
                        posts.add(j);
                    }
                }
                rowStart[i + 1] = posts.size();
            }
        } else if (c instanceof Connector.OneToOne || c instanceof Connector.Flatten) {
            for (int i = 0; i < pre; i++) {
                posts.add(i);
                rowStart[i + 1] = posts.size();
            }
        } else if (c instanceof Connector.FixedProbability f) {
            fixedProbability(p, f, pre, post, rowStart, posts);
        } else if (c instanceof Connector.Matrix m) {
            for (int i = 0; i < pre; i++) {
                for (int j = 0; j < post; j++) {
                    double v = m.values()[i * post + j];
                    if (v != 0) {
                        posts.add(j);
                        gw.add((float) v);
                    }
                }
                rowStart[i + 1] = posts.size();
            }
            given = gw.toArray();
        } else if (c instanceof Connector.Conv2d cv) {
            conv(n, p, cv, rowStart, posts, gw);
            given = gw.toArray();
        } else if (c instanceof Connector.Pool2d pl) {
            pool(n, p, pl, rowStart, posts, gw);
            given = gw.toArray();
        }
        return finish(p, pre, post, rowStart, posts.toArray(), given, null);
    }

    /**
     * Bernoulli(p) per candidate pair, sampled by geometric gaps so the cost is proportional
     * to the synapses made: the gap to the next synapse is floor(ln U / ln(1 - p)).
     */
    private static void fixedProbability(Projection proj, Connector.FixedProbability f, int pre, int post,
                                         int[] rowStart, IntBuf posts) {
        SplittableRandom rnd = new SplittableRandom(f.seed());
        double p = f.p();
        double logQ = Math.log1p(-p);
        boolean self = proj.pre().equals(proj.post());
        for (int i = 0; i < pre; i++) {
            int lo = f.block() > 0 ? i / f.block() * f.block() : 0;
            int hi = f.block() > 0 ? Math.min(post, lo + f.block()) : post;
            if (p >= 1) {
                for (int j = lo; j < hi; j++) {
                    if (f.allowSelf() || !self || i != j) {
                        posts.add(j);
                    }
                }
            } else if (p > 0) {
                long j = lo - 1;
                while (true) {
                    double u = 1.0 - rnd.nextDouble();
                    j += 1 + (long) Math.floor(Math.log(u) / logQ);
                    if (j >= hi) {
                        break;
                    }
                    if (f.allowSelf() || !self || i != j) {
                        posts.add((int) j);
                    }
                }
            }
            rowStart[i + 1] = posts.size();
        }
    }

    /**
     * Each pre neuron (ci, r, col), CHW-numbered, to the outputs whose window covers it: for
     * output channel co and kernel position (ky, kx), output row y = (r + padY - ky) / strideY
     * when that divides exactly and lies in [0, OH), the column likewise.
     */
    private static void conv(Network n, Projection p, Connector.Conv2d c, int[] rowStart, IntBuf posts,
                             FloatBuf w) {
        int[] in = Validate.shape3d(n, p.pre());
        int oh = c.outH(in[1]);
        int ow = c.outW(in[2]);
        int cin = c.inChannels();
        for (int ci = 0; ci < in[0]; ci++) {
            for (int r = 0; r < in[1]; r++) {
                for (int col = 0; col < in[2]; col++) {
                    for (int co = 0; co < c.outChannels(); co++) {
                        int base = (co * cin + ci) * c.kh();
                        for (int ky = c.kh() - 1; ky >= 0; ky--) {
                            int y = window(r, c.padY(), ky, c.strideY(), oh);
                            if (y < 0) {
                                continue;
                            }
                            for (int kx = c.kw() - 1; kx >= 0; kx--) {
                                int x = window(col, c.padX(), kx, c.strideX(), ow);
                                double v = c.kernel()[(base + ky) * c.kw() + kx];
                                if (x < 0 || v == 0) {
                                    continue;
                                }
                                posts.add((co * oh + y) * ow + x);
                                w.add((float) v);
                            }
                        }
                    }
                    rowStart[(ci * in[1] + r) * in[2] + col + 1] = posts.size();
                }
            }
        }
    }

    /** The output index whose window puts input {@code i} at kernel offset {@code k}, or -1. */
    private static int window(int i, int pad, int k, int stride, int out) {
        int v = i + pad - k;
        return v < 0 || v % stride != 0 || v / stride >= out ? -1 : v / stride;
    }

    /** Pooling: {@link #conv} with one all-ones (sum) or all-1/(kh kw) (average) kernel per channel, channel to itself. */
    private static void pool(Network n, Projection p, Connector.Pool2d c, int[] rowStart, IntBuf posts, FloatBuf w) {
        int[] in = Validate.shape3d(n, p.pre());
        int oh = c.outH(in[1]);
        int ow = c.outW(in[2]);
        float v = c.average() ? (float) (1.0 / (c.kh() * c.kw())) : 1f;
        for (int ch = 0; ch < in[0]; ch++) {
            for (int r = 0; r < in[1]; r++) {
                for (int col = 0; col < in[2]; col++) {
                    for (int ky = c.kh() - 1; ky >= 0; ky--) {
                        int y = window(r, c.padY(), ky, c.strideY(), oh);
                        for (int kx = c.kw() - 1; kx >= 0 && y >= 0; kx--) {
                            int x = window(col, c.padX(), kx, c.strideX(), ow);
                            if (x >= 0) {
                                posts.add((ch * oh + y) * ow + x);
                                w.add(v);
                            }
                        }
                    }
                    rowStart[(ch * in[1] + r) * in[2] + col + 1] = posts.size();
                }
            }
        }
    }

    private static Synapses fromList(Projection p, int pre, int post, Connector.FromList l) {
        int n = l.pre().length;
        int[] rowStart = new int[pre + 1];
        for (int k = 0; k < n; k++) {
            rowStart[l.pre()[k] + 1]++;
        }
        for (int i = 0; i < pre; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int[] fill = rowStart.clone();
        int[] posts = new int[n];
        float[] w = l.weight().length > 0 ? new float[n] : null;
        int[] delay = l.delay().length > 0 ? new int[n] : null;
        for (int k = 0; k < n; k++) {
            int at = fill[l.pre()[k]]++;
            posts[at] = l.post()[k];
            if (w != null) {
                w[at] = (float) l.weight()[k];
            }
            if (delay != null) {
                delay[at] = l.delay()[k];
            }
        }
        return finish(p, pre, post, rowStart, posts, w, delay);
    }

    /** Applies the weight spec and the sign; {@code given} holds connector weights or null. */
    private static Synapses finish(Projection p, int pre, int post, int[] rowStart, int[] posts, float[] given,
                                   int[] delay) {
        float sign = p.inhibitory() ? -1f : 1f;
        WeightSpec ws = p.weight();
        float[] w = null;
        float cw = 0;
        if (ws instanceof WeightSpec.Constant c) {
            cw = (float) c.value() * sign;
        } else if (ws instanceof WeightSpec.Uniform u) {
            SplittableRandom rnd = new SplittableRandom(u.seed());
            w = new float[posts.length];
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) (u.low() + (u.high() - u.low()) * rnd.nextDouble()) * sign;
            }
        } else if (ws instanceof WeightSpec.Given g) {
            w = given == null ? new float[posts.length] : given;
            for (int k = 0; k < w.length; k++) {
                w[k] *= (float) g.scale() * sign;
            }
        }
        return new Synapses(p, pre, post, rowStart, posts, w, cw, delay, p.delayTicks());
    }

    /** A growable float array. */
    static final class FloatBuf {
        private float[] a = new float[16];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
