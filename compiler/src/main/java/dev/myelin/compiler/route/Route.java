package dev.myelin.compiler.route;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.IntBuf;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.Projection;
import dev.myelin.compiler.lower.QuantiseSynapses;
import dev.myelin.compiler.partition.Partition;
import dev.myelin.compiler.partition.Slice;
import dev.myelin.compiler.place.Placer;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.SynapseFormat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The route pass: allocates axons and axon types per core, then gives every source its
 * targets (core, axon, delay). On TrueNorth a neuron has one target, so a neuron with more
 * gets copies on its own core (same inputs, same parameters, so they fire together), one per
 * extra target. Input lines become input-port lines, one per target.
 */
public final class Route {
    private Route() {
    }

    /**
     * One core, ready to emit. Neuron {@code j < size} is neuron {@code from + j} of the slice;
     * later neurons are copies: {@code origin[j]} is the local neuron each copies.
     *
     * @param weightsByType TrueNorth: {@code [4 * origin + G]} weights (UNSET = unused); null for Loihi
     */
    public record CoreRoute(Slice slice, CoreId id, int neurons, int[] origin, CoreAxons axons, int[] weightsByType,
                            List<SynapseFormat> formats, int[] targetStart, int[] targetCore, int[] targetAxon,
                            int[] targetDelay) {
    }

    /**
     * An input's port: port line {@code k} drives axon {@code axon[k]} of core {@code core[k]} and
     * follows input line {@code line[k]} through a projection of delay {@code delay[k]}.
     */
    public record InputPort(String name, int[] line, int[] core, int[] axon, int[] delay) {
    }

    /**
     * An input core of an input delivered on the chip ({@link InputCores}): input neuron {@code j}
     * (fired through axon {@code j}) follows line {@code line[j]} of input {@code input}; its
     * targets are {@code [targetStart[j], targetStart[j + 1])}, cores as indices into
     * {@link Product#cores()}.
     */
    public record InputCore(String input, CoreId id, int[] line, int[] targetStart, int[] targetCore, int[] targetAxon,
                            int[] targetDelay) {
        public int neurons() {
            return line.length;
        }
    }

    /**
     * The routed network, or the populations whose slices must shrink (axon copies or neuron
     * copies overflowed a core); exactly one is non-empty. Input ports of inputs on the chip name
     * their input cores as {@code cores().size() + } the index into {@code inputCores}.
     */
    public record Product(List<CoreRoute> cores, List<InputPort> inputs, Set<Integer> shrink,
                          List<InputCore> inputCores) {
        public Product(List<CoreRoute> cores, List<InputPort> inputs, Set<Integer> shrink) {
            this(cores, inputs, shrink, List.of());
        }
    }

    public static Product run(Network n, Architecture arch, QuantiseSynapses.Product q, Partition.Product part,
                              Placer.Product place, Diagnostics d) {
        List<CoreAxons> axons = AxonAllocation.run(n, arch, q, part);
        boolean tn = arch.datapath() == Datapath.TRUENORTH;
        int[][][] rows = new int[axons.size()][][];
        if (tn) {
            for (int s = 0; s < rows.length; s++) {
                rows[s] = AxonTypes.rowsByAxon(axons.get(s));
            }
            if (duplicateSynapses(axons, rows, part, q, d)) {
                return new Product(List.of(), List.of(), Set.of());
            }
        }
        int[][] wbt = new int[axons.size()][];
        List<List<SynapseFormat>> formats = new ArrayList<>();
        Set<Integer> shrink = new HashSet<>();
        for (int s = 0; s < axons.size(); s++) {
            CoreAxons c = axons.get(s);
            if (tn) {
                wbt[s] = AxonTypes.trueNorth(c, part.slices().get(s).size(), rows[s]);
                rows[s] = null;
                formats.add(List.of());
            } else {
                formats.add(AxonTypes.loihi(c, q));
            }
            if (c.axons() > Math.min(arch.axons(), arch.maxFanIn())) {
                shrink.add(part.slices().get(s).pop());
            }
        }
        Targets t = Targets.collect(n, axons, part);
        List<CoreRoute> cores = new ArrayList<>();
        for (int s = 0; s < axons.size(); s++) {
            CoreRoute cr = core(arch, part, place, s, axons.get(s), wbt[s], formats.get(s), t, tn);
            if (cr.neurons() > arch.neurons()) {
                shrink.add(part.slices().get(s).pop());
            }
            cores.add(cr);
        }
        if (!shrink.isEmpty()) {
            return new Product(List.of(), List.of(), shrink);
        }
        return new Product(cores, t.inputPorts(n), Set.of());
    }

    /**
     * TrueNorth's crossbar holds one bit per (axon, neuron): two synapses of one projection from
     * the same source with the same delay onto the same neuron cannot both exist. Reports each
     * projection that has such a pair; true if any.
     */
    private static boolean duplicateSynapses(List<CoreAxons> axons, int[][][] allRows, Partition.Product part,
                                             QuantiseSynapses.Product q, Diagnostics d) {
        Set<Integer> reported = new HashSet<>();
        for (int s = 0; s < axons.size(); s++) {
            CoreAxons c = axons.get(s);
            int[] mark = new int[part.slices().get(s).size()];
            int[][] rows = allRows[s];
            for (int a = 0; a < rows.length; a++) {
                for (int k : rows[a]) {
                    int j = c.synPost(k);
                    if (mark[j] == a + 1 && reported.add(c.proj.get(a))) {
                        var syn = q.projections().get(c.proj.get(a)).syn();
                        var p = syn.projection();
                        int pre = c.srcIndex.get(a);
                        int post = part.slices().get(s).from() + j;
                        d.error(secondRow(p, pre, post, c.delay.get(a)), "projection '" + p.name() + "' connects " + p.pre()
                                + "[" + pre + "] to " + p.post() + "[" + post + "] twice with the same delay; TrueNorth's"
                                + " binary crossbar holds one synapse per pair: merge them into one weight");
                    }
                    mark[j] = a + 1;
                }
            }
        }
        return !reported.isEmpty();
    }

    /**
     * Where a pair was given the second time: the list row that repeats it (only a list can
     * repeat a pair), else the projection.
     */
    private static String secondRow(Projection p, int pre, int post, int delay) {
        if (p.connector() instanceof Connector.FromList l) {
            boolean seen = false;
            for (int r = 0; r < l.pre().length; r++) {
                if (l.pre()[r] == pre && l.post()[r] == post && (l.delay().length == 0 ? p.delayTicks() : l.delay()[r]) == delay) {
                    if (seen) {
                        return l.where(r, 0, p.where());
                    }
                    seen = true;
                }
            }
        }
        return p.where();
    }

    private static CoreRoute core(Architecture arch, Partition.Product part, Placer.Product place, int s, CoreAxons c,
                                  int[] wbt, List<SynapseFormat> formats, Targets t, boolean tn) {
        Slice sl = part.slices().get(s);
        IntBuf origin = new IntBuf(sl.size());
        IntBuf start = new IntBuf(sl.size() + 1);
        IntBuf tc = new IntBuf(sl.size());
        IntBuf ta = new IntBuf(sl.size());
        IntBuf td = new IntBuf(sl.size());
        start.add(0);
        IntBuf extraOrigin = new IntBuf(4);
        IntBuf extraTarget = new IntBuf(4);
        for (int j = 0; j < sl.size(); j++) {
            origin.add(j);
            int i = sl.from() + j;
            int first = t.start(sl.pop(), i);
            int end = t.end(sl.pop(), i);
            for (int k = first; k < end; k++) {
                if (!tn || k == first) {
                    tc.add(t.core(k));
                    ta.add(t.axon(k));
                    td.add(t.delay(k));
                } else {
                    extraOrigin.add(j);
                    extraTarget.add(k);
                }
            }
            start.add(tc.size());
        }
        for (int e = 0; e < extraOrigin.size(); e++) {
            origin.add(extraOrigin.get(e));
            int k = extraTarget.get(e);
            tc.add(t.core(k));
            ta.add(t.axon(k));
            td.add(t.delay(k));
            start.add(tc.size());
        }
        return new CoreRoute(sl, place.core(s), origin.size(), origin.toArray(), c, wbt, formats, start.toArray(),
                tc.toArray(), ta.toArray(), td.toArray());
    }
}
