package dev.myelin.tests.reference;

import dev.myelin.chip.neuron.CoreRandom;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain, slow TrueNorth core written from docs/reference/truenorth.md and the
 * choices documented in docs/architecture.md (20-bit saturation, draw order). One object per
 * neuron, a boolean crossbar, nothing optimised: it exists to be read and compared against.
 * It shares only the random source type with the chip.
 *
 * <p>The negative threshold follows the core's rule: TrueNorth's strict {@code V < -bound}, or
 * the inclusive {@code V <= -bound} of the RANC simulator (its {@code neuron_reset_type} 1).
 */
public final class TrueNorthReferenceCore implements ReferenceNetwork.Core {
    static final int V_MAX = (1 << 19) - 1;
    static final int V_MIN = -(1 << 19);

    /** One neuron's parameters and potential, field names as in the reference. */
    static final class Neuron {
        int[] s = new int[4];
        boolean[] b = new boolean[4];
        int lambda;
        boolean c;
        int epsilon;
        int alpha;
        int beta;
        int tm;
        int gamma;
        int kappa;
        int r;
        int v;
    }

    private final Neuron[] neurons;
    private final boolean[][] w;
    private final int[] g;
    private final CoreRandom random;
    /** True when V = -bound already crosses the negative threshold. */
    private final boolean inclusive;

    public TrueNorthReferenceCore(CoreImage core, CoreRandom random) {
        TrueNorthNeurons p = (TrueNorthNeurons) core.neurons();
        Crossbar xb = (Crossbar) core.synapses();
        this.random = random;
        this.inclusive = p.negativeThreshold() == NegativeThreshold.INCLUSIVE;
        this.g = core.axonType().clone();
        this.w = new boolean[core.axonCount()][p.n()];
        for (int i = 0; i < core.axonCount(); i++) {
            for (int j = 0; j < p.n(); j++) {
                w[i][j] = xb.get(i, j);
            }
        }
        this.neurons = new Neuron[p.n()];
        for (int j = 0; j < p.n(); j++) {
            Neuron n = new Neuron();
            for (int t = 0; t < 4; t++) {
                n.s[t] = p.weights()[4 * j + t];
                n.b[t] = (p.stochasticSynapse()[j] & (1 << t)) != 0;
            }
            n.lambda = p.leak()[j];
            n.c = p.stochasticLeak()[j] == 1;
            n.epsilon = p.leakReversal()[j];
            n.alpha = p.alpha()[j];
            n.beta = p.beta()[j];
            n.tm = p.thresholdMaskBits()[j];
            n.gamma = p.resetMode()[j];
            n.kappa = p.kappa()[j];
            n.r = p.resetV()[j];
            n.v = p.v0()[j];
            neurons[j] = n;
        }
    }

    public int neurons() {
        return neurons.length;
    }

    public int v(int j) {
        return neurons[j].v;
    }

    /** F(s, rho) = sgn(s) if |s| >= rho, else 0. */
    static int f(int s, int rho) {
        return Math.abs(s) >= rho ? Integer.signum(s) : 0;
    }

    static int saturate(long v) {
        return (int) Math.max(V_MIN, Math.min(V_MAX, v));
    }

    /** One tick with the given axons active; returns the neurons that fired, ascending. */
    @Override
    public List<Integer> tick(boolean[] active) {
        // 1. synaptic integration, axon by axon (this order fixes the stochastic draws)
        long[] sum = new long[neurons.length];
        for (int i = 0; i < w.length; i++) {
            if (!active[i]) {
                continue;
            }
            for (int j = 0; j < neurons.length; j++) {
                if (w[i][j]) {
                    Neuron n = neurons[j];
                    sum[j] += n.b[g[i]] ? f(n.s[g[i]], random.nextRho()) : n.s[g[i]];
                }
            }
        }
        List<Integer> fired = new ArrayList<>();
        for (int j = 0; j < neurons.length; j++) {
            Neuron n = neurons[j];
            n.v = saturate(n.v + sum[j]);
            leak(n);
            if (thresholdFireReset(n)) {
                fired.add(j);
            }
        }
        return fired;
    }

    /** 2. V += Omega * lambda, or Omega * F(lambda, rho) when c = 1; Omega = (1 - eps) + eps * sgn(V). */
    private void leak(Neuron n) {
        if (n.lambda == 0) {
            return;
        }
        int l = n.c ? f(n.lambda, random.nextRho()) : n.lambda;
        int omega = (1 - n.epsilon) + n.epsilon * Integer.signum(n.v);
        n.v = saturate((long) n.v + (long) omega * l);
    }

    /** 3. Threshold, fire, reset; eta drawn only when the outcome can depend on it. */
    private boolean thresholdFireReset(Neuron n) {
        int eta = 0;
        boolean mayFire = n.v >= n.alpha;
        boolean mayGoBelow = below(n.v, n.beta) && n.kappa == 0;
        if (n.tm > 0 && (mayFire || mayGoBelow)) {
            eta = random.nextRho() & ((1 << n.tm) - 1);
        }
        if (n.v >= n.alpha + eta) {
            if (n.gamma == 0) {
                n.v = n.r;
            } else if (n.gamma == 1) {
                n.v = n.v - (n.alpha + eta);
            }
            return true;
        }
        int bound = n.beta * n.kappa + (n.beta + eta) * (1 - n.kappa);
        if (below(n.v, bound)) {
            if (n.kappa == 1) {
                n.v = -n.beta;
            } else if (n.gamma == 0) {
                n.v = saturate(-(long) n.r);
            } else if (n.gamma == 1) {
                n.v = n.v + (n.beta + eta);
            }
        }
        return false;
    }

    /** Whether V has crossed the negative threshold of this bound under the core's rule. */
    private boolean below(int v, int bound) {
        return inclusive ? v <= -bound : v < -bound;
    }
}
