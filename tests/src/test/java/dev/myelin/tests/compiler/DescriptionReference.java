package dev.myelin.tests.compiler;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.ir.InputSource;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.lower.LoihiLowering;
import dev.myelin.compiler.lower.QuantiseSynapses;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.isa.spi.Stimulus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A plain reference simulation of a described network, at the level of the description:
 * populations of neurons with the lowered fixed-point parameters and projections with the
 * quantised weights and delays, and no cores, copies, axons, placement or routing. It checks
 * everything after quantisation (partition, routing, emit, chip) when compared with the chip.
 *
 * <p>Semantics (docs/language.md "Time"): a neuron firing in tick t reaches its post neurons
 * in tick t + delay; a listed input spike in tick k reaches them in tick k + delay - 1; a
 * Poisson line drawn in tick k reaches them in tick k. Per tick each neuron first integrates
 * the sum of its arriving weights, then updates (TrueNorth: leak, threshold, reset; Loihi: u
 * decay and input, v decay, bias, threshold). A Loihi neuron with receptors keeps one current
 * per receptor, each with its own decay and fed by the projections naming it, and v integrates
 * their sum; with a refractory period v stays at 0 for that many ticks after a spike while the
 * currents go on. Written for reading, not speed.
 */
public final class DescriptionReference {
    private final Network net;
    private final List<QuantiseSynapses.Proj> projs;
    /** Each population's neurons' raw parameters, one record per neuron. */
    private final Map<String, NeuronModel[]> params = new HashMap<>();
    private final Map<String, long[]> v = new HashMap<>();
    /** Per population: the current of each receptor of each neuron, u[receptor][neuron] (receptor 0 the soma's). */
    private final Map<String, long[][]> u = new HashMap<>();
    /** Per population: ticks each neuron's v is still held after a spike. */
    private final Map<String, int[]> held = new HashMap<>();
    /** Per Loihi population: each neuron's refractory ticks and the du of each receptor after the first. */
    private final Map<String, int[]> refractory = new HashMap<>();
    private final Map<String, int[]> dendriteDu = new HashMap<>();
    /** Arriving input per (population, tick): per projection a sum per neuron. */
    private final Map<String, Map<Long, long[][]>> arriving = new HashMap<>();

    public DescriptionReference(Compiler.Compilation c) {
        this.net = c.network();
        this.projs = c.quantised().projections();
        for (var lp : c.lowered().pops()) {
            String name = lp.pop().name();
            int size = lp.pop().size();
            NeuronModel[] each = new NeuronModel[size];
            long[] v0 = new long[size];
            long[] u0 = new long[size];
            for (int i = 0; i < size; i++) {
                each[i] = lp.neuron(i);
                v0[i] = each[i] instanceof NeuronModel.TrueNorth t ? t.v0() : ((NeuronModel.LoihiLif) each[i]).v0();
                u0[i] = each[i] instanceof NeuronModel.LoihiLif l ? l.u0() : 0;
            }
            params.put(name, each);
            v.put(name, v0);
            int receptors = lp.pop().compartments();
            long[][] uu = new long[receptors][];
            uu[0] = u0;
            for (int r = 1; r < receptors; r++) {
                uu[r] = new long[size];
            }
            u.put(name, uu);
            held.put(name, new int[size]);
            if (lp.neurons() instanceof LoihiNeurons ln) {
                int[] r = new int[size];
                for (int i = 0; i < size; i++) {
                    r[i] = ln.refractory()[lp.index(i)]; // one entry stands for all when the neurons are alike
                }
                refractory.put(name, r);
                dendriteDu.put(name, LoihiLowering.dendriteDu(lp.pop(), c.network().dtMs(), null));
            }
            arriving.put(name, new HashMap<>());
        }
    }

    /** Runs {@code ticks} ticks; returns each population's spikes as "tick:neuron" in order. */
    public Map<String, TreeSet<Long>> run(int ticks) {
        Map<String, TreeSet<Long>> spikes = new HashMap<>();
        net.populations().forEach(p -> spikes.put(p.name(), new TreeSet<>()));
        for (long t = 0; t < ticks; t++) {
            deliverInputs(t);
            Map<String, List<Integer>> fired = new HashMap<>();
            for (var p : net.populations()) {
                List<Integer> f = update(p.name(), t);
                fired.put(p.name(), f);
                for (int j : f) {
                    spikes.get(p.name()).add(t << 32 | j);
                }
            }
            for (var e : fired.entrySet()) {
                send(e.getKey(), e.getValue(), t, 0);
            }
        }
        return spikes;
    }

    private void deliverInputs(long t) {
        for (InputSource s : net.inputs()) {
            List<Integer> lines = new ArrayList<>();
            if (s instanceof InputSource.Poisson p) {
                var gen = new Stimulus.Poisson(p.name(), p.size(), p.rateHz(), net.dtMs(), p.seed());
                for (int g = 0; g < p.size(); g++) {
                    if (gen.fires(t, g)) {
                        lines.add(g);
                    }
                }
                send(s.name(), lines, t, -1);
            } else if (s instanceof InputSource.SpikeArray a) {
                for (int k = 0; k < a.tick().length; k++) {
                    if (a.tick()[k] == t) {
                        lines.add(a.index()[k]);
                    }
                }
                send(s.name(), lines, t, -1);
            }
        }
    }

    /** Sends spikes of source {@code src} in tick t, arriving at t + delay + shift. */
    private void send(String src, List<Integer> fired, long t, int shift) {
        for (int pi = 0; pi < projs.size(); pi++) {
            QuantiseSynapses.Proj q = projs.get(pi);
            if (!q.syn().projection().pre().equals(src)) {
                continue;
            }
            String post = q.syn().projection().post();
            for (int i : fired) {
                for (int k = q.syn().rowStart()[i]; k < q.syn().rowStart()[i + 1]; k++) {
                    long at = t + q.syn().delay(k) + shift;
                    long[][] sums = arriving.get(post).computeIfAbsent(at, x -> new long[projs.size()][]);
                    if (sums[pi] == null) {
                        sums[pi] = new long[v.get(post).length];
                    }
                    sums[pi][q.syn().post()[k]] += q.weight(k);
                }
            }
        }
    }

    private List<Integer> update(String pop, long t) {
        long[][] sums = arriving.get(pop).remove(t);
        long[] vv = v.get(pop);
        List<Integer> fired = new ArrayList<>();
        NeuronModel[] each = params.get(pop);
        var population = net.population(pop).orElseThrow();
        long[][] uu = u.get(pop);
        for (int j = 0; j < vv.length; j++) {
            NeuronModel m = each[j];
            long[] in = new long[uu.length];
            for (int pi = 0; sums != null && pi < sums.length; pi++) {
                if (sums[pi] != null) {
                    SynapseFormat f = projs.get(pi).format();
                    String receptor = projs.get(pi).syn().projection().receptor();
                    int r = receptor == null ? 0 : population.receptorIndex(receptor);
                    in[r] += f == null ? sums[pi][j] : sums[pi][j] << f.weightExp();
                }
            }
            boolean spike = m instanceof NeuronModel.TrueNorth tn ? trueNorth(tn, vv, j, in[0])
                    : loihi((NeuronModel.LoihiLif) m, dendriteDu.get(pop), refractory.get(pop)[j], vv, uu,
                    held.get(pop), j, in);
            if (spike) {
                fired.add(j);
            }
        }
        return fired;
    }

    /**
     * TrueNorth, deterministic subset (eps = 0, c = 0, TM = 0, no stochastic synapses); V saturates at 20 bits;
     * below the negative threshold when V &lt; -beta, or V &lt;= -beta for the inclusive rule.
     */
    static boolean trueNorth(NeuronModel.TrueNorth p, long[] v, int j, long in) {
        v[j] = sat20(v[j] + in);
        v[j] = sat20(v[j] + p.leak());
        if (v[j] >= p.alpha()) {
            v[j] = p.resetMode() == 0 ? p.resetV() : p.resetMode() == 1 ? v[j] - p.alpha() : v[j];
            return true;
        }
        boolean below = p.negativeThreshold() == NegativeThreshold.INCLUSIVE ? v[j] <= -(long) p.beta()
                : v[j] < -(long) p.beta();
        if (below) {
            v[j] = p.kappa() == 1 ? -p.beta() : p.resetMode() == 0 ? -p.resetV()
                    : p.resetMode() == 1 ? v[j] + p.beta() : v[j];
        }
        return false;
    }

    static long sat20(long x) {
        return Math.max(-(1 << 19), Math.min((1 << 19) - 1, x));
    }

    /**
     * Loihi CUBA LIF, Lava-compatible decay; each current wraps at 24 bits, so does their sum;
     * v clips to +-(2^23 - 1) and is held for the refractory ticks after a spike.
     */
    static boolean loihi(NeuronModel.LoihiLif p, int[] dendriteDu, int refractoryTicks, long[] v, long[][] u,
                         int[] held, int j, long[] aIn) {
        long current = 0;
        for (int r = 0; r < u.length; r++) {
            int du = r == 0 ? p.du() : dendriteDu[r - 1];
            u[r][j] = wrap24((u[r][j] * (4096 - du - 1)) / 4096 + aIn[r] * 64);
            current = wrap24(current + u[r][j]);
        }
        if (held[j] > 0) {
            held[j]--;
            return false;
        }
        long vv = (v[j] * (4096 - p.dv())) / 4096 + current + ((long) p.biasMant() << p.biasExp());
        vv = Math.max(-((1 << 23) - 1), Math.min((1 << 23) - 1, vv));
        if (vv > (long) p.vth() << 6) {
            v[j] = 0;
            held[j] = refractoryTicks;
            return true;
        }
        v[j] = vv;
        return false;
    }

    /** Into (-2^23, 2^23], as Loihi wraps u. */
    static long wrap24(long x) {
        while (x > (1 << 23)) {
            x -= 1 << 24;
        }
        while (x <= -(1 << 23)) {
            x += 1 << 24;
        }
        return x;
    }
}
