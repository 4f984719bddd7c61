package dev.myelin.compiler.nir;

import dev.myelin.isa.diag.MyelinInputException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph made ready for a time step: nested graphs inlined (inner nodes named
 * {@code GRAPH.NODE}), every stateful node (inputs, neurons, thresholds) kept with per-neuron
 * parameters, and every chain of stateless maps between two stateful nodes (Affine, Linear, Scale,
 * Conv1d, Conv2d, SumPool2d, AvgPool2d, Flatten, Delay) composed into one sparse weight list with a
 * delay per entry; biases of those maps are summed per receiving node. Both the IR lowering
 * ({@link NirImport}) and the floating-point reference ({@link NirReference}) start from it.
 */
public final class NirModel {
    /** Largest number of composed weight entries accepted (checked while composing). */
    static final long MAX_ENTRIES = 1L << 25;

    /** What a stateful node is. */
    public enum Kind {
        INPUT, LIF, CUBA_LIF, IF, LI, CUBA_LI, INTEGRATOR, THRESHOLD;

        public boolean spiking() {
            return this == LIF || this == CUBA_LIF || this == IF || this == THRESHOLD;
        }

        public boolean synapse() {
            return this == CUBA_LIF || this == CUBA_LI;
        }

        public boolean leaky() {
            return this == LIF || this == CUBA_LIF || this == LI || this == CUBA_LI;
        }
    }

    /**
     * A stateful node; parameter arrays have one value per neuron (scalars broadcast), null when the
     * kind has no such parameter. Time constants in seconds.
     */
    public record State(String name, String type, Kind kind, String where, int size, int[] shape, double[] tauMem,
                        double[] tauSyn, double[] r, double[] vLeak, double[] wIn, double[] vThreshold,
                        double[] vReset, boolean vResetGiven) {
    }

    /**
     * The composed weights from {@code source} to {@code target}: entry k adds {@code w[k]} times the
     * source's output {@code in[k]} to the target's input {@code out[k]}, {@code delay[k]} ticks later
     * than the one tick every spike takes (Delay nodes on the way).
     */
    public record Link(String source, String target, int[] out, int[] in, double[] w, int[] delay) {
        public int count() {
            return w.length;
        }
    }

    private final String file;
    private final double dtS;
    private final Map<String, State> states = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final Map<String, double[]> bias = new LinkedHashMap<>();
    private final Map<String, String> outputs = new LinkedHashMap<>();

    public String file() {
        return file;
    }

    public double dtSeconds() {
        return dtS;
    }

    /** Stateful nodes in file order (inputs included). */
    public Map<String, State> states() {
        return states;
    }

    public List<Link> links() {
        return links;
    }

    /** The summed constant input (Affine biases on the way) per receiving node, when not all zero. */
    public Map<String, double[]> bias() {
        return bias;
    }

    /** Output node name -> the stateful node it reports. */
    public Map<String, String> outputs() {
        return outputs;
    }

    private final NirFlat f;
    private final NirMaps maps;
    private final Map<String, NirFlat.Flat> flat;
    private final Map<String, List<String>> succ;
    private final Map<String, List<String>> pred;

    private NirModel(NirGraph g, double dtS) {
        this.file = g.file();
        this.dtS = dtS;
        this.f = new NirFlat(g);
        this.flat = f.flat;
        this.succ = f.succ;
        this.pred = f.pred;
        this.maps = new NirMaps(f, dtS);
    }

    /** Builds the model of {@code g} for a time step of {@code dtMs} milliseconds. */
    public static NirModel of(NirGraph g, double dtMs) {
        if (!(dtMs > 0) || Double.isInfinite(dtMs)) {
            throw new MyelinInputException("--dt must be a positive time, got " + dtMs + " ms");
        }
        NirModel m = new NirModel(g, dtMs / 1000.0);
        m.build();
        return m;
    }

    // ---- stateful nodes and composition ----------------------------------------------------------

    private static boolean stateful(String type) {
        return switch (type) {
            case "Input", "LIF", "CubaLIF", "IF", "LI", "CubaLI", "Integrator", "Threshold" -> true;
            default -> false;
        };
    }

    private State state(NirFlat.Flat n) {
        int size = NirFlat.prod(maps.outShape.get(n.name()));
        int[] shape = maps.outShape.get(n.name());
        String w = f.where(n, null);
        return switch (n.type()) {
            case "Input" -> new State(n.name(), "Input", Kind.INPUT, w, size, shape, null, null, null, null, null, null,
                    null, false);
            case "LIF" -> new State(n.name(), "LIF", Kind.LIF, w, size, shape, tau(n, "tau", size), null,
                    f.broadcast(n, "r", size, true), f.broadcast(n, "v_leak", size, true), null,
                    f.broadcast(n, "v_threshold", size, true), reset(n, size), n.params().containsKey("v_reset"));
            case "CubaLIF" -> new State(n.name(), "CubaLIF", Kind.CUBA_LIF, w, size, shape, tau(n, "tau_mem", size),
                    tau(n, "tau_syn", size), f.broadcast(n, "r", size, true), f.broadcast(n, "v_leak", size, true),
                    wIn(n, size), f.broadcast(n, "v_threshold", size, true), reset(n, size), n.params().containsKey("v_reset"));
            case "IF" -> new State(n.name(), "IF", Kind.IF, w, size, shape, null, null, f.broadcast(n, "r", size, true),
                    null, null, f.broadcast(n, "v_threshold", size, true), reset(n, size), n.params().containsKey("v_reset"));
            case "LI" -> new State(n.name(), "LI", Kind.LI, w, size, shape, tau(n, "tau", size), null,
                    f.broadcast(n, "r", size, true), f.broadcast(n, "v_leak", size, true), null, null, zeros(size), false);
            case "CubaLI" -> new State(n.name(), "CubaLI", Kind.CUBA_LI, w, size, shape, tau(n, "tau_mem", size),
                    tau(n, "tau_syn", size), f.broadcast(n, "r", size, true), f.broadcast(n, "v_leak", size, true),
                    wIn(n, size), null, zeros(size), false);
            case "Integrator" -> new State(n.name(), "Integrator", Kind.INTEGRATOR, w, size, shape, null, null,
                    f.broadcast(n, "r", size, true), null, null, null, zeros(size), false);
            case "Threshold" -> new State(n.name(), "Threshold", Kind.THRESHOLD, w, size, shape, null, null, null,
                    null, null, f.broadcast(n, "threshold", size, true), zeros(size), false);
            default -> throw new IllegalStateException(n.type());
        };
    }

    private static double[] zeros(int n) {
        return new double[n];
    }

    private double[] tau(NirFlat.Flat n, String field, int size) {
        double[] t = f.broadcast(n, field, size, true);
        for (double v : t) {
            if (!(v > 0)) {
                throw f.err(n, field, "time constant " + v + " s must be > 0");
            }
        }
        return t;
    }

    private double[] wIn(NirFlat.Flat n, int size) {
        double[] w = f.broadcast(n, "w_in", size, false);
        if (w == null) {
            w = new double[size];
            Arrays.fill(w, 1);
        }
        return w;
    }

    /** v_reset, 0 when the file has none (files before NIR 1.0 do not store it). */
    private double[] reset(NirFlat.Flat n, int size) {
        double[] r = f.broadcast(n, "v_reset", size, false);
        return r == null ? zeros(size) : r;
    }

    private void build() {
        for (NirFlat.Flat n : flat.values()) {
            if (stateful(n.type())) {
                states.put(n.name(), state(n));
            }
        }
        for (NirFlat.Flat n : flat.values()) {
            if (n.type().equals("Output")) {
                List<String> p = pred.get(n.name());
                // through the Input/Output nodes of inlined graphs, which pass values on unchanged
                while (p.size() == 1 && flat.get(p.get(0)).type().equals("Pass")) {
                    p = pred.get(p.get(0));
                }
                if (p.size() == 1 && states.containsKey(p.get(0))) {
                    outputs.put(n.name(), p.get(0));
                } else if (!p.isEmpty()) {
                    List<String> feeders = p.stream().map(x -> "'" + x + "' (" + flat.get(x).type() + ")").toList();
                    throw f.err(n, null, "is fed by " + String.join(", ", feeders) + ": an output must be fed by exactly"
                            + " one neuron or input node (the chip reports spikes and potentials of neurons, not"
                            + " weighted sums)");
                }
            }
        }
        Map<String, Integer> linkIndex = new HashMap<>();
        long[] total = {0};
        for (State s : states.values()) {
            NirMaps.Entries id = new NirMaps.Entries();
            for (int i = 0; i < s.size(); i++) {
                id.add(i, i, 1, 0);
            }
            Deque<String> stack = new ArrayDeque<>();
            walk(s.name(), s.name(), id, stack, linkIndex, total);
        }
        for (NirFlat.Flat n : flat.values()) {
            if (!stateful(n.type()) && !n.type().equals("Output")) {
                NirMaps.Map1 m = maps.map(n);
                if (m.bias() != null) {
                    pushBias(n.name(), m.bias(), new ArrayDeque<>());
                }
            }
        }
    }

    /** Follows edges from {@code at}, composing stateless maps, until stateful nodes are reached. */
    private void walk(String source, String at, NirMaps.Entries m, Deque<String> stack, Map<String, Integer> linkIndex,
                      long[] total) {
        for (String next : succ.get(at)) {
            NirFlat.Flat nf = flat.get(next);
            if (states.containsKey(next)) {
                if (nf.type().equals("Input")) {
                    throw f.err(nf, null, "an Input node cannot receive edges (from '" + at + "')");
                }
                addLink(source, next, m, linkIndex, total);
            } else if (nf.type().equals("Output")) {
                if (!at.equals(source) && !onlyPasses(source, at)) {
                    throw f.err(nf, null, "is fed through '" + at + "' (" + flat.get(at).type()
                            + "): an output must be fed by a neuron or input node directly");
                }
            } else {
                if (stack.contains(next)) {
                    List<String> cyc = new ArrayList<>(stack);
                    java.util.Collections.reverse(cyc);
                    throw f.err(nf, null, "lies on a cycle of stateless nodes only (" + String.join(" -> ", cyc) + " -> "
                            + next + "); a cycle must pass through a neuron node");
                }
                stack.push(next);
                walk(source, next, compose(maps.map(nf), m, nf, total, states.get(source).size()), stack, linkIndex, total);
                stack.pop();
            }
        }
    }

    /** Whether {@code at} is reached from {@code source} through Pass nodes alone. */
    private boolean onlyPasses(String source, String at) {
        String x = at;
        while (!x.equals(source)) {
            if (!flat.get(x).type().equals("Pass") || pred.get(x).size() != 1) {
                return false;
            }
            x = pred.get(x).get(0);
        }
        return true;
    }

    /** {@code L o M}: entries of M (source -> at) followed by L (at -> next), merged by (out, in, delay). */
    private NirMaps.Entries compose(NirMaps.Map1 l, NirMaps.Entries m, NirFlat.Flat nf, long[] total, int srcSize) {
        int[] start = new int[l.in() + 1];
        for (int k = 0; k < m.n; k++) {
            start[m.o[k] + 1]++;
        }
        for (int k = 0; k < l.in(); k++) {
            start[k + 1] += start[k];
        }
        int[] order = new int[m.n];
        int[] fill = start.clone();
        for (int k = 0; k < m.n; k++) {
            order[fill[m.o[k]]++] = k;
        }
        Map<Long, Integer> seen = new HashMap<>();
        NirMaps.Entries out = new NirMaps.Entries();
        for (int j = 0; j < l.o().length; j++) {
            int mid = l.i()[j];
            for (int p = start[mid]; p < start[mid + 1]; p++) {
                int k = order[p];
                int delay = m.d[k] + l.d()[j];
                long key = ((long) l.o()[j] * srcSize + m.i[k]) * 70001L + delay;
                Integer at = seen.get(key);
                if (at == null) {
                    if (out.n >= MAX_ENTRIES || ++total[0] > MAX_ENTRIES) {
                        throw f.err(nf, null, "the network has more than " + MAX_ENTRIES + " composed weights");
                    }
                    seen.put(key, out.n);
                    out.add(l.o()[j], m.i[k], m.w[k] * l.w()[j], delay);
                } else {
                    out.w[at] += m.w[k] * l.w()[j];
                }
            }
        }
        return out;
    }

    private void addLink(String source, String target, NirMaps.Entries m, Map<String, Integer> linkIndex, long[] total) {
        String key = source + "\u0000" + target;
        Integer at = linkIndex.get(key);
        if (at == null) {
            linkIndex.put(key, links.size());
            links.add(new Link(source, target, Arrays.copyOf(m.o, m.n), Arrays.copyOf(m.i, m.n),
                    Arrays.copyOf(m.w, m.n), Arrays.copyOf(m.d, m.n)));
            return;
        }
        // a second path between the same two nodes: its entries join the first's
        Link l = links.get(at);
        int n = l.count();
        int[] o = Arrays.copyOf(l.out(), n + m.n);
        int[] i = Arrays.copyOf(l.in(), n + m.n);
        double[] w = Arrays.copyOf(l.w(), n + m.n);
        int[] d = Arrays.copyOf(l.delay(), n + m.n);
        System.arraycopy(m.o, 0, o, n, m.n);
        System.arraycopy(m.i, 0, i, n, m.n);
        System.arraycopy(m.w, 0, w, n, m.n);
        System.arraycopy(m.d, 0, d, n, m.n);
        links.set(at, new Link(source, target, o, i, w, d));
    }

    /** Carries a constant vector from a stateless node's output through later stateless maps to neurons. */
    private void pushBias(String at, double[] v, Deque<String> stack) {
        for (String next : succ.get(at)) {
            NirFlat.Flat nf = flat.get(next);
            if (states.containsKey(next)) {
                double[] b = bias.computeIfAbsent(next, k -> new double[states.get(k).size()]);
                for (int j = 0; j < v.length; j++) {
                    b[j] += v[j];
                }
            } else if (!nf.type().equals("Output") && !stack.contains(next)) {
                NirMaps.Map1 l = maps.map(nf);
                double[] u = new double[l.out()];
                for (int k = 0; k < l.o().length; k++) {
                    u[l.o()[k]] += l.w()[k] * v[l.i()[k]];
                }
                stack.push(next);
                pushBias(next, u, stack);
                stack.pop();
            }
        }
    }
}

