package dev.myelin.compiler.route;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.InputSource;
import dev.myelin.compiler.ir.IntBuf;
import dev.myelin.compiler.ir.MappingHints;
import dev.myelin.compiler.ir.Network;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.model.CoreId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts the inputs delivered {@code on_chip} on the chip: each input line becomes one input
 * neuron (more when it has more targets than a neuron may address: on TrueNorth one per target)
 * whose targets are the axons the line would otherwise be injected into, with the projection's
 * delay. Input neurons are packed, line by line, into input cores of at most
 * min({@code core.neurons}, {@code core.axons}, {@code core.maxFanIn}) neurons and
 * {@code core.maxFanOut} targets; an input's cores hold only its own lines. Each input core goes
 * on the free core (not used by a population or an earlier input core) in the first ring of
 * routers around the weighted median of its targets' routers that has one, choosing within the
 * ring the fewest target hops (ties: lowest y, then x, then slot); a pinned input's cores go on
 * the pin's cores in order (kept free by the placer). The input's port then drives
 * the input cores' axons: port line i drives axon i of its core without lead.
 */
public final class InputCores {
    private InputCores() {
    }

    public static Route.Product run(Network n, Architecture arch, Route.Product routed, Diagnostics d) {
        if (routed.inputs().stream().noneMatch(ip -> n.onChip(ip.name()))) {
            return routed;
        }
        int popCores = routed.cores().size();
        List<CoreId> ids = new ArrayList<>();
        Set<Long> used = new HashSet<>();
        for (Route.CoreRoute cr : routed.cores()) {
            ids.add(cr.id());
            used.add(key(cr.id()));
        }
        long free = arch.totalCores() - used.size();
        // the cores pinned for inputs (the placer left them free) are not for other inputs' cores
        for (MappingHints.Pin pin : n.hints().pins()) {
            if (n.population(pin.population()).isEmpty()) {
                pin.cores().forEach(c -> used.add(key(new CoreId(c[0], c[1], c[2]))));
            }
        }
        int perCore = Math.min(arch.neurons(), Math.min(arch.axons(), arch.maxFanIn()));
        int perNeuron = arch.targetsPerNeuron();
        List<Route.InputPort> ports = new ArrayList<>();
        List<Route.InputCore> cores = new ArrayList<>();
        for (Route.InputPort ip : routed.inputs()) {
            if (!n.onChip(ip.name())) {
                ports.add(ip);
                continue;
            }
            MappingHints.Pin pin = n.hints().pins().stream().filter(x -> x.population().equals(ip.name())).findFirst()
                    .orElse(null);
            int placed = 0;
            IntBuf pLine = new IntBuf(16);
            IntBuf pCore = new IntBuf(16);
            IntBuf pAxon = new IntBuf(16);
            Builder b = null;
            int m = ip.line().length;
            for (int e = 0; e < m; ) {
                int line = ip.line()[e];
                int end = e;
                while (end < m && ip.line()[end] == line) {
                    end++;
                }
                for (int k = e; k < end; k += perNeuron) {
                    int take = Math.min(perNeuron, end - k);
                    if (b == null || b.line.size() == perCore || b.tc.size() + take > arch.maxFanOut()) {
                        if (b != null) {
                            Route.InputCore ic = placeOrPin(b, pin, placed++, arch, ids, used, d);
                            if (ic == null) {
                                return routed;
                            }
                            cores.add(ic);
                        }
                        if (free-- <= 0) {
                            InputSource s = n.input(ip.name()).orElseThrow();
                            d.error(s.whereOf("name"), "does not fit: input '" + ip.name() + "' on the chip needs"
                                    + " another input core and every core of the board is used; deliver it"
                                    + " into axons (mapping: {inputs: axons}) or use a larger board");
                            return routed;
                        }
                        b = new Builder(ip.name());
                    }
                    pLine.add(line);
                    pCore.add(popCores + cores.size());
                    pAxon.add(b.line.size());
                    b.neuron(line, ip, k, take);
                }
                e = end;
            }
            if (b != null) {
                Route.InputCore ic = placeOrPin(b, pin, placed, arch, ids, used, d);
                if (ic == null) {
                    return routed;
                }
                cores.add(ic);
            }
            // an input neuron fires in the tick its axon is driven: the port line has no lead (delay 1)
            int[] one = new int[pLine.size()];
            java.util.Arrays.fill(one, 1);
            ports.add(new Route.InputPort(ip.name(), pLine.toArray(), pCore.toArray(), pAxon.toArray(), one));
        }
        return new Route.Product(routed.cores(), ports, routed.shrink(), cores);
    }

    /**
     * Input core {@code k} of its input: on the pin's k-th core when the input is pinned
     * ({@code mapping.pin}), else where {@link Builder#place} finds; null after an error.
     */
    private static Route.InputCore placeOrPin(Builder b, MappingHints.Pin pin, int k, Architecture arch,
                                              List<CoreId> ids, Set<Long> used, Diagnostics d) {
        // (ids and used serve the unpinned search)
        if (pin == null) {
            return b.place(arch, ids, used);
        }
        if (k >= pin.cores().size()) {
            d.error(pin.whereOf("cores"), "pin of input '" + pin.population() + "' needs more than the "
                    + pin.cores().size() + " cores listed (its lines take more input cores); list more cores");
            return null;
        }
        // the placer kept the pinned cores free and refused a core pinned twice
        int[] c = pin.cores().get(k);
        return b.at(new CoreId(c[0], c[1], c[2]));
    }

    private static long key(CoreId id) {
        return ((long) id.y() << 28 | id.x()) << 8 | id.slot();
    }

    /** One input core being filled. */
    private static final class Builder {
        final String input;
        final IntBuf line = new IntBuf(16);
        final IntBuf start = new IntBuf(17);
        final IntBuf tc = new IntBuf(16);
        final IntBuf ta = new IntBuf(16);
        final IntBuf td = new IntBuf(16);

        Builder(String input) {
            this.input = input;
            start.add(0);
        }

        void neuron(int l, Route.InputPort ip, int from, int count) {
            line.add(l);
            for (int k = from; k < from + count; k++) {
                tc.add(ip.core()[k]);
                ta.add(ip.axon()[k]);
                td.add(ip.delay()[k]);
            }
            start.add(tc.size());
        }

        Route.InputCore place(Architecture arch, List<CoreId> ids, Set<Long> used) {
            int m = tc.size();
            long[] xs = new long[m];
            long[] ys = new long[m];
            for (int k = 0; k < m; k++) {
                xs[k] = ids.get(tc.get(k)).x();
                ys[k] = ids.get(tc.get(k)).y();
            }
            java.util.Arrays.sort(xs);
            java.util.Arrays.sort(ys);
            int mx = m == 0 ? 0 : (int) xs[(m - 1) / 2];
            int my = m == 0 ? 0 : (int) ys[(m - 1) / 2];
            int w = arch.meshWidth();
            int h = arch.meshHeight();
            CoreId best = null;
            long bestCost = Long.MAX_VALUE;
            for (int r = 0; r <= w + h && best == null; r++) {
                for (int y = Math.max(0, my - r); y <= Math.min(h - 1, my + r); y++) {
                    int dx = r - Math.abs(y - my);
                    int[] xsAt = dx == 0 ? new int[] {mx} : new int[] {mx - dx, mx + dx};
                    for (int x : xsAt) {
                        if (x < 0 || x >= w) {
                            continue;
                        }
                        for (int s = 0; s < arch.coresPerRouter(); s++) {
                            CoreId c = new CoreId(x, y, s);
                            if (used.contains(key(c))) {
                                continue;
                            }
                            long cost = 0;
                            for (int k = 0; k < m; k++) {
                                CoreId t = ids.get(tc.get(k));
                                cost += Math.abs(t.x() - x) + Math.abs(t.y() - y);
                            }
                            if (cost < bestCost || cost == bestCost && c.compareTo(best) < 0) {
                                best = c;
                                bestCost = cost;
                            }
                        }
                    }
                }
            }
            used.add(key(best));
            return at(best);
        }

        /** The input core on {@code id}. */
        Route.InputCore at(CoreId id) {
            return new Route.InputCore(input, id, line.toArray(), start.toArray(), tc.toArray(), ta.toArray(),
                    td.toArray());
        }
    }
}
