package dev.myelin.compiler.partition;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.Population;
import dev.myelin.compiler.lower.ExpandConnectivity;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;

import java.util.Set;

/**
 * The partition pass: starts from the largest slices the hints and the architecture allow and
 * shrinks the slices of any population whose cores break a limit, until every limit holds or
 * a single neuron cannot fit (a "does not fit" error naming the limit, the excess and what to
 * change). Bounded in rounds; each round is linear in the synapses.
 */
public final class Partitioner {
    /** Most shrink rounds before giving up. */
    static final int MAX_ROUNDS = 60;

    private Partitioner() {
    }

    /** The initial neurons per core of each population. */
    public static int[] initialPerCore(Network n, Architecture arch) {
        int[] per = new int[n.populations().size()];
        for (int p = 0; p < per.length; p++) {
            Population pop = n.populations().get(p);
            int hint = n.hints().neuronsPerCore().getOrDefault(pop.name(), n.hints().defaultPerCore());
            // a Loihi neuron with receptors takes one compartment per receptor
            int fit = arch.neurons() / (arch.datapath() == Datapath.TRUENORTH ? 1 : pop.compartments());
            per[p] = Math.max(1, Math.min(pop.size(), Math.min(fit, hint > 0 ? hint : Integer.MAX_VALUE)));
        }
        return per;
    }

    /**
     * Partitions with {@code perCore} as the starting point (shrunk in place), also shrinking the
     * populations in {@code shrink} once first (feedback from later passes). Null after reporting errors.
     */
    public static Partition.Product run(Network n, Architecture arch, ExpandConnectivity.Product ex, int[] perCore,
                                        Set<Integer> shrink, Diagnostics d) {
        for (int p : shrink) {
            perCore[p] = Math.max(1, perCore[p] * 3 / 4);
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Partition.Product part = Partition.cut(n, arch, ex, perCore);
            boolean changed = false;
            boolean failed = false;
            boolean[] done = new boolean[perCore.length];
            for (int s = 0; s < part.slices().size(); s++) {
                Slice sl = part.slices().get(s);
                if (done[sl.pop()]) {
                    continue;
                }
                Limit worst = worstLimit(arch, part.usage(), s);
                if (worst == null) {
                    continue;
                }
                done[sl.pop()] = true;
                if (sl.size() == 1 || worst.unfixableByShrinking) {
                    reportDoesNotFit(n, arch, sl, worst, d);
                    failed = true;
                } else {
                    int target = (int) Math.floor(sl.size() / worst.ratio());
                    perCore[sl.pop()] = Math.max(1, Math.min(sl.size() - 1, Math.min(perCore[sl.pop()] - 1, target)));
                    changed = true;
                }
            }
            if (failed) {
                return null;
            }
            if (!changed) {
                if (part.slices().size() > arch.totalCores()) {
                    d.error(n.archWhere(), "does not fit: the network needs " + part.slices().size()
                            + " cores but architecture " + arch.name() + " has " + arch.totalCores() + " ("
                            + arch.meshWidth() + " x " + arch.meshHeight() + " routers x " + arch.coresPerRouter()
                            + " cores), over by " + (part.slices().size() - arch.totalCores())
                            + "; use a larger board (board.chipsX / board.chipsY in an architecture file) or fewer neurons");
                    return null;
                }
                return part;
            }
        }
        d.error(n.archWhere(), "does not fit: partitioning did not converge in " + MAX_ROUNDS + " rounds");
        return null;
    }

    /** A broken limit of one slice. */
    record Limit(String name, String field, long used, long limit, String advice, boolean unfixableByShrinking) {
        double ratio() {
            return (double) used / limit;
        }
    }

    static Limit worstLimit(Architecture arch, Usage u, int s) {
        boolean loihi = arch.datapath() == Datapath.LOIHI_CUBA;
        Limit[] all = {
            new Limit("neurons", "core.neurons", u.neurons()[s], arch.neurons(),
                    loihi ? "use smaller populations" : "reduce the neuron's fan-out to distinct cores and delays "
                            + "(each target needs a copy of the neuron)", false),
            new Limit("axons", "core.axons", u.axons()[s], Math.min(arch.axons(), arch.maxFanIn()),
                    "reduce the fan-in (fewer or sparser incoming projections, fewer distinct delays)", false),
            new Limit("synaptic memory bytes", "core.synapticMemoryBytes", u.memoryBytes()[s],
                    arch.synapticMemoryBytes(), "use sparser incoming projections", false),
            new Limit("fan-out targets", "core.maxFanOut", u.fanOut()[s], arch.maxFanOut(),
                    "reduce the fan-out to distinct cores and delays", false),
            new Limit("synapse formats", "core.axonTypes", loihi ? u.formats()[s] : 0, arch.axonTypes(),
                    "merge incoming projections (each needs its own synapse format)", true),
            new Limit("targets of one neuron", "core.targetsPerNeuron", loihi ? u.maxTargets()[s] : 0,
                    arch.targetsPerNeuron(), "reduce the neuron's fan-out to distinct cores and delays", false),
        };
        Limit worst = null;
        for (Limit l : all) {
            if (l.used > l.limit && (worst == null || l.ratio() > worst.ratio())) {
                worst = l;
            }
        }
        return worst;
    }

    private static void reportDoesNotFit(Network n, Architecture arch, Slice sl, Limit l, Diagnostics d) {
        Population pop = n.populations().get(sl.pop());
        d.error(pop.where(), "does not fit: population '" + pop.name() + "' neurons [" + sl.from() + ", " + sl.to()
                + ") need " + l.used + " " + l.name + " on one core but " + l.field + " = " + l.limit + " (over by "
                + (l.used - l.limit) + "); " + l.advice + ", or use an architecture with a larger " + l.field);
    }
}
