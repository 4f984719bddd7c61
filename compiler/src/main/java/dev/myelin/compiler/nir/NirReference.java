package dev.myelin.compiler.nir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The floating-point reference: a {@link NirModel} stepped in double precision with the
 * discretisation the importer documents (docs/nir.md), nothing quantised. Per tick t:
 * <ol>
 * <li>each node's input x(t) is its constant input (biases, from tick 1 on) plus, over its links, the weight times
 * the source's spike of tick {@code t - 1 - delay} (a neuron: every spike takes one tick) or input
 * line of tick {@code t - delay} (an Input node: injected for the tick it is given);
 * <li>synaptic current {@code I = a_syn I + (1 - a_syn) w_in x}, with {@code a = exp(-dt/tau)};
 * <li>voltage {@code v = a v + (1 - a)(v_leak + r I)} (LIF, LI; I = x without a synapse),
 * {@code v = v + r x} (IF, Integrator), {@code v = x} (Threshold);
 * <li>a spiking node fires where {@code v > v_threshold} and sets v to v_reset there.
 * </ol>
 * All state starts at 0.
 */
public final class NirReference {
    /**
     * The first tick constant inputs (biases) act in: like any signal from one neuron to the next they
     * take a tick, carried on the chip by a neuron that fires in every tick from tick 0.
     */
    public static final int BIAS_FROM_TICK = 1;

    private NirReference() {
    }

    /** Spikes per stateful node (inputs excluded): {@code spikes.get(node)[t]} lists the indices firing in tick t. */
    public record Run(Map<String, int[][]> spikes, int ticks) {
        public long count(String node) {
            long c = 0;
            for (int[] s : spikes.get(node)) {
                c += s.length;
            }
            return c;
        }
    }

    /**
     * @param inputs per Input node {@code {ticks, indices}}
     */
    public static Run run(NirModel m, Map<String, int[][]> inputs, int ticks) {
        double dt = m.dtSeconds();
        Map<String, NirModel.State> st = m.states();
        int maxDelay = 0;
        for (NirModel.Link l : m.links()) {
            for (int d : l.delay()) {
                maxDelay = Math.max(maxDelay, d);
            }
        }
        int hist = maxDelay + 2;
        Map<String, boolean[][]> fired = new LinkedHashMap<>();
        Map<String, double[]> v = new LinkedHashMap<>();
        Map<String, double[]> cur = new LinkedHashMap<>();
        Map<String, List<int[]>> out = new LinkedHashMap<>();
        for (NirModel.State s : st.values()) {
            fired.put(s.name(), new boolean[hist][s.size()]);
            v.put(s.name(), new double[s.size()]);
            cur.put(s.name(), new double[s.size()]);
            if (s.kind() != NirModel.Kind.INPUT) {
                out.put(s.name(), new ArrayList<>());
            }
        }
        // input spikes by tick
        Map<String, List<List<Integer>>> inByTick = new LinkedHashMap<>();
        inputs.forEach((name, sp) -> {
            List<List<Integer>> byT = new ArrayList<>();
            for (int t = 0; t < ticks; t++) {
                byT.add(new ArrayList<>());
            }
            for (int k = 0; k < sp[0].length; k++) {
                if (sp[0][k] < ticks) {
                    byT.get(sp[0][k]).add(sp[1][k]);
                }
            }
            inByTick.put(name, byT);
        });
        Map<String, double[]> x = new LinkedHashMap<>();
        for (NirModel.State s : st.values()) {
            x.put(s.name(), new double[s.size()]);
        }
        for (int t = 0; t < ticks; t++) {
            int slot = t % hist;
            // inputs of this tick are the input nodes' "spikes" of tick t
            for (NirModel.State s : st.values()) {
                if (s.kind() == NirModel.Kind.INPUT) {
                    boolean[] f = fired.get(s.name())[slot];
                    java.util.Arrays.fill(f, false);
                    List<List<Integer>> byT = inByTick.get(s.name());
                    if (byT != null) {
                        for (int i : byT.get(t)) {
                            f[i] = true;
                        }
                    }
                }
            }
            for (NirModel.State s : st.values()) {
                double[] xs = x.get(s.name());
                double[] b = m.bias().get(s.name());
                for (int j = 0; j < xs.length; j++) {
                    xs[j] = b == null || t < BIAS_FROM_TICK ? 0 : b[j];
                }
            }
            for (NirModel.Link l : m.links()) {
                boolean input = st.get(l.source()).kind() == NirModel.Kind.INPUT;
                boolean[][] f = fired.get(l.source());
                double[] xs = x.get(l.target());
                for (int k = 0; k < l.count(); k++) {
                    int when = t - l.delay()[k] - (input ? 0 : 1);
                    if (when >= 0 && f[when % hist][l.in()[k]]) {
                        xs[l.out()[k]] += l.w()[k];
                    }
                }
            }
            for (NirModel.State s : st.values()) {
                if (s.kind() == NirModel.Kind.INPUT) {
                    continue;
                }
                double[] xs = x.get(s.name());
                double[] vs = v.get(s.name());
                double[] is = cur.get(s.name());
                boolean[] f = fired.get(s.name())[slot];
                List<Integer> now = new ArrayList<>();
                for (int j = 0; j < s.size(); j++) {
                    double in = xs[j];
                    if (s.kind().synapse()) {
                        double as = Math.exp(-dt / s.tauSyn()[j]);
                        is[j] = as * is[j] + (1 - as) * s.wIn()[j] * in;
                        in = is[j];
                    }
                    switch (s.kind()) {
                        case LIF, CUBA_LIF, LI, CUBA_LI -> {
                            double a = Math.exp(-dt / s.tauMem()[j]);
                            vs[j] = a * vs[j] + (1 - a) * (s.vLeak()[j] + s.r()[j] * in);
                        }
                        case IF, INTEGRATOR -> vs[j] += s.r()[j] * in;
                        case THRESHOLD -> vs[j] = in;
                        default -> throw new IllegalStateException();
                    }
                    f[j] = s.kind().spiking() && vs[j] > s.vThreshold()[j];
                    if (f[j]) {
                        vs[j] = s.vReset()[j];
                        now.add(j);
                    }
                }
                out.get(s.name()).add(now.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        Map<String, int[][]> res = new LinkedHashMap<>();
        out.forEach((k, l) -> res.put(k, l.toArray(new int[0][])));
        return new Run(res, ticks);
    }
}
