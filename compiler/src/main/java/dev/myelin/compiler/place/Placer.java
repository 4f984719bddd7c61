package dev.myelin.compiler.place;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.MappingHints;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.partition.Partition;
import dev.myelin.compiler.partition.Slice;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.model.CoreId;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The place pass: each slice to a core, minimising traffic-weighted hop count
 * (sum over slice pairs of estimated packets per tick x router hops). A good initial
 * placement (slices in depth-first order along their heaviest traffic, laid along a
 * locality-keeping curve), then bounded sweeps of improving moves toward each slice's
 * weighted-median neighbour position. Pinned slices never move. The naive row-major cost
 * (slice k on core k) is kept for comparison.
 */
public final class Placer {
    static final int MAX_SWEEPS = 12;

    private Placer() {
    }

    /**
     * Positions are row-major core indices: {@code (y * meshWidth + x) * coresPerRouter + slot}.
     *
     * @param cost      traffic-weighted hops of this placement (packets x hops per tick)
     * @param naiveCost the same for row-major placement
     * @param initialCost before improvement
     */
    public record Product(int[] position, double cost, double naiveCost, double initialCost, int sweeps,
                          int width, int coresPerRouter) {
        public CoreId core(int slice) {
            int p = position[slice];
            int r = p / coresPerRouter;
            return new CoreId(r % width, r / width, p % coresPerRouter);
        }
    }

    /** {@code occ} of a core no slice is on, and of a core kept for an input's pinned input core. */
    private static final int FREE = -1;
    private static final int RESERVED = -2;

    public static Product run(Network n, Architecture arch, Partition.Product part, Traffic t, Diagnostics d) {
        int s = part.slices().size();
        int cpr = arch.coresPerRouter();
        int w = arch.meshWidth();
        int total = (int) arch.totalCores();
        int[] pos = new int[s];
        Arrays.fill(pos, -1);
        int[] occ = new int[total];
        Arrays.fill(occ, -1);
        boolean[] pinned = pin(n, arch, part, pos, occ, d);
        if (d.hasErrors()) {
            return null;
        }
        int[] curve = Curve.order(w, arch.meshHeight());
        int next = 0;
        for (int sl : dfsOrder(t, pinned)) {
            while (next < total && occ[curve[next / cpr] * cpr + next % cpr] != FREE) {
                next++;
            }
            if (next == total) {
                d.error(n.archWhere(), "does not fit: the cores pinned for inputs leave too few cores for the "
                        + "populations; pin fewer or use a larger board");
                return null;
            }
            int p = curve[next / cpr] * cpr + next % cpr;
            pos[sl] = p;
            occ[p] = sl;
        }
        Geometry g = new Geometry(w, cpr);
        double initial = g.cost(t, pos);
        int sweeps = 0;
        while (sweeps < MAX_SWEEPS && improve(t, g, pos, occ, pinned, arch.meshHeight()) > 0) {
            sweeps++;
        }
        int[] naive = new int[s];
        for (int k = 0; k < s; k++) {
            naive[k] = k;
        }
        return new Product(pos, g.cost(t, pos), g.cost(t, naive), initial, sweeps, w, cpr);
    }

    private static boolean[] pin(Network n, Architecture arch, Partition.Product part, int[] pos, int[] occ,
                                 Diagnostics d) {
        boolean[] pinned = new boolean[part.slices().size()];
        int w = arch.meshWidth();
        int cpr = arch.coresPerRouter();
        for (MappingHints.Pin pin : n.hints().pins()) {
            int p = Partition.indexOf(n, pin.population());
            if (p < 0) {
                // an input's pin: its cores are kept free for its input cores (placed after routing)
                for (int i = 0; i < pin.cores().size(); i++) {
                    int[] c = pin.cores().get(i);
                    int q = (c[1] * w + c[0]) * cpr + c[2];
                    if (occ[q] != FREE) {
                        d.error(pin.whereOf("cores." + i, "cores"), "core (" + c[0] + "," + c[1] + "," + c[2]
                                + ") is pinned twice");
                        return pinned;
                    }
                    occ[q] = RESERVED;
                }
                continue;
            }
            int to = pin.to() < 0 ? n.populations().get(p).size() : pin.to();
            int used = 0;
            for (int s = 0; s < part.slices().size(); s++) {
                Slice sl = part.slices().get(s);
                if (sl.pop() != p || sl.from() < pin.from() || sl.to() > to) {
                    continue;
                }
                if (used >= pin.cores().size()) {
                    d.error(pin.whereOf("cores"), "pin of '" + pin.population() + "' [" + pin.from() + ", " + to
                            + ") needs more than the " + pin.cores().size() + " cores listed (its neurons take "
                            + countSlices(part, p, pin.from(), to) + " cores); list more cores");
                    return pinned;
                }
                int[] c = pin.cores().get(used);
                int q = (c[1] * w + c[0]) * cpr + c[2];
                if (occ[q] != FREE) {
                    d.error(pin.whereOf("cores." + used, "cores"), "core (" + c[0] + "," + c[1] + "," + c[2]
                            + ") is pinned twice");
                    return pinned;
                }
                used++;
                occ[q] = s;
                pos[s] = q;
                pinned[s] = true;
            }
        }
        return pinned;
    }

    private static int countSlices(Partition.Product part, int pop, int from, int to) {
        return (int) part.slices().stream().filter(sl -> sl.pop() == pop && sl.from() >= from && sl.to() <= to).count();
    }

    /** Unpinned slices, depth first along the heaviest unvisited edge, restarting in slice order. */
    static int[] dfsOrder(Traffic t, boolean[] pinned) {
        int s = pinned.length;
        boolean[] seen = pinned.clone();
        int[] out = new int[s];
        int k = 0;
        Deque<Integer> stack = new ArrayDeque<>();
        for (int root = 0; root < s; root++) {
            if (seen[root]) {
                continue;
            }
            seen[root] = true;
            out[k++] = root;
            stack.push(root);
            while (!stack.isEmpty()) {
                int c = stack.peek();
                int best = -1;
                double bestRate = -1;
                for (int e = t.adjStart()[c]; e < t.adjStart()[c + 1]; e++) {
                    int o = t.adjOther()[e];
                    if (!seen[o] && (t.adjRate()[e] > bestRate || t.adjRate()[e] == bestRate && o < best)) {
                        best = o;
                        bestRate = t.adjRate()[e];
                    }
                }
                if (best < 0) {
                    stack.pop();
                } else {
                    seen[best] = true;
                    out[k++] = best;
                    stack.push(best);
                }
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** One sweep; returns the number of improving moves made. */
    static int improve(Traffic t, Geometry g, int[] pos, int[] occ, boolean[] pinned, int height) {
        int moves = 0;
        for (int c = 0; c < pos.length; c++) {
            if (pinned[c] || t.adjStart()[c] == t.adjStart()[c + 1]) {
                continue;
            }
            int[] target = g.weightedMedian(t, pos, c);
            int bestQ = -1;
            double bestDelta = -1e-12;
            for (int[] dxy : new int[][] {{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
                int x = target[0] + dxy[0];
                int y = target[1] + dxy[1];
                if (x < 0 || y < 0 || x >= g.width || y >= height) {
                    continue;
                }
                for (int slot = 0; slot < g.cpr; slot++) {
                    int q = (y * g.width + x) * g.cpr + slot;
                    int o = occ[q];
                    if (q == pos[c] || o == RESERVED || (o >= 0 && pinned[o])) {
                        continue;
                    }
                    double delta = g.moveDelta(t, pos, c, q) + (o >= 0 ? g.moveDeltaExcluding(t, pos, o, pos[c], c)
                            - g.moveDeltaExcludingSelf(t, pos, c, q, o) : 0);
                    if (delta < bestDelta) {
                        bestDelta = delta;
                        bestQ = q;
                    }
                }
            }
            if (bestQ >= 0) {
                int o = occ[bestQ];
                int old = pos[c];
                occ[old] = o;
                if (o >= 0) {
                    pos[o] = old;
                }
                occ[bestQ] = c;
                pos[c] = bestQ;
                moves++;
            }
        }
        return moves;
    }

}
