package dev.myelin.chip.energy;

import dev.myelin.chip.timing.SanaFeLatency;
import dev.myelin.isa.arch.Architecture;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.myelin.chip.energy.EnergyParam.*;

/**
 * Prices counts with one profile: dynamic energy by component, static power x time, and
 * SANA-FE's "simple" tick latency (the rule of {@link SanaFeLatency}, with the profile's times). Core counts come as flat arrays of {@code cores x}
 * {@link Activity#COUNT} longs; hops, counted by the mesh, come as totals. The profile's values are read once into fields.
 *
 * <p>Units: energies in pJ, times in ns, powers in mW; 1 mW x 1 ns = 1 pJ exactly, so
 * static energy needs no conversion factor.
 */
public final class Pricing {
    private final EnergyProfile profile;
    private final boolean[] sparse;
    private final int routersInUse;
    private final double staticMw;
    private final double synDensePj, synSparsePj, dendPj, accessPj, updatePj, spikePj, outPj, inPj, ewPj, nsPj, learnPj;
    /** A packet crossing a chip-to-chip link: the architecture's {@code board.chipLinkEnergyPj}. */
    private final double chipLinkPj;
    /** The profile's per-event times for SANA-FE's latency rule, and each core's time per synaptic event. */
    private final SanaFeLatency.Times times;
    private final double[] synapseNs;

    /**
     * @param cores          the used cores, in the order of the count arrays
     * @param coresPowered   cores drawing static power (the whole board: idle cores leak too)
     * @param routersPowered routers drawing static power
     * @param chips          chips on the board
     * @param chipLinkPj     energy of a packet crossing a chip-to-chip link (the board's, not the profile's)
     */
    public Pricing(EnergyProfile profile, List<CoreInfo> cores, long coresPowered, long routersPowered, long chips,
                   double chipLinkPj) {
        this.profile = profile;
        this.chipLinkPj = chipLinkPj;
        this.sparse = new boolean[cores.size()];
        Set<Long> routers = new HashSet<>();
        for (int i = 0; i < cores.size(); i++) {
            sparse[i] = cores.get(i).sparse();
            routers.add(((long) cores.get(i).id().x() << 32) | cores.get(i).id().y());
        }
        this.routersInUse = routers.size();
        this.staticMw = profile.get(STATIC_CORE_MW) * coresPowered + profile.get(STATIC_ROUTER_MW) * routersPowered
                + profile.get(STATIC_CHIP_MW) * chips;
        synDensePj = profile.get(SYNAPSE_DENSE_PJ);
        synSparsePj = profile.get(SYNAPSE_SPARSE_PJ);
        dendPj = profile.get(DENDRITE_PJ);
        accessPj = profile.get(SOMA_ACCESS_PJ);
        updatePj = profile.get(SOMA_UPDATE_PJ);
        spikePj = profile.get(SOMA_SPIKE_PJ);
        outPj = profile.get(AXON_OUT_PJ);
        inPj = profile.get(AXON_IN_PJ);
        ewPj = profile.get(HOP_EW_PJ);
        nsPj = profile.get(HOP_NS_PJ);
        learnPj = profile.get(LEARNING_PJ);
        times = new SanaFeLatency.Times(profile.get(SOMA_ACCESS_NS), profile.get(SOMA_UPDATE_NS),
                profile.get(SOMA_SPIKE_NS), profile.get(AXON_OUT_NS), profile.get(AXON_IN_NS));
        double dendNs = profile.get(DENDRITE_NS);
        double denseNs = profile.get(SYNAPSE_DENSE_NS) + dendNs;
        double sparseNs = profile.get(SYNAPSE_SPARSE_NS) + dendNs;
        synapseNs = new double[sparse.length];
        for (int i = 0; i < sparse.length; i++) {
            synapseNs[i] = sparse[i] ? sparseNs : denseNs;
        }
    }

    /** Pricing for a run on {@code arch}: the whole board's cores, routers and chips are powered. */
    public static Pricing forBoard(EnergyProfile profile, List<CoreInfo> cores, Architecture arch) {
        return new Pricing(profile, cores, arch.totalCores(), (long) arch.meshWidth() * arch.meshHeight(),
                (long) arch.chipsX() * arch.chipsY(), arch.chipLinkEnergyPj());
    }

    public EnergyProfile profile() {
        return profile;
    }

    public int cores() {
        return sparse.length;
    }

    /** Routers holding at least one used core (SANA-FE's "tiles in use" for the barrier). */
    public int routersInUse() {
        return routersInUse;
    }

    /** Static power of the board in mW. */
    public double staticMw() {
        return staticMw;
    }

    /** Static energy in pJ over {@code ns} nanoseconds (mW x ns = pJ). */
    public double staticPj(double ns) {
        return staticMw * ns;
    }

    /**
     * Adds the dynamic energy (pJ) of counts summed per pricing class ({@link ActivityRecord#CLASSES}
     * entries: each activity over the cores, and synaptic events on sparse cores apart) to
     * {@code pj}, indexed by {@link Component#ordinal()}. Every price is linear in the counts, so
     * this is where each is applied, once per class, to exact integer sums.
     */
    public void addDynamicOfSums(long[] classSums, double[] pj) {
        long syn = classSums[Activity.SYN_EVENTS.ordinal()];
        long sparseSyn = classSums[ActivityRecord.SYN_SPARSE];
        pj[Component.SYNAPSE.ordinal()] += (syn - sparseSyn) * synDensePj + sparseSyn * synSparsePj;
        pj[Component.NEURON.ordinal()] += classSums[Activity.NEURONS.ordinal()] * accessPj
                + classSums[Activity.UPDATED.ordinal()] * updatePj
                + classSums[Activity.SPIKES.ordinal()] * spikePj
                + syn * dendPj;
        pj[Component.NETWORK.ordinal()] += classSums[Activity.MESSAGES_OUT.ordinal()] * outPj
                + classSums[Activity.MESSAGES_IN.ordinal()] * inPj;
        pj[Component.LEARNING.ordinal()] += classSums[Activity.LEARNING.ordinal()] * learnPj;
        // memristive devices: their own energy, counted in whole fJ (V^2 G t per pulse or read), not a profile price
        pj[Component.DEVICE.ordinal()] += (classSums[Activity.DEVICE_WRITE_FJ.ordinal()]
                + classSums[Activity.DEVICE_READ_FJ.ordinal()]) / 1000.0;
    }

    /** Adds core {@code c}'s dynamic energy (pJ) to {@code pj}, indexed by {@link Component#ordinal()}. */
    public void addDynamic(long[] counts, int c, double[] pj) {
        long[] one = new long[ActivityRecord.CLASSES];
        System.arraycopy(counts, c * Activity.COUNT, one, 0, Activity.COUNT);
        if (sparse[c]) {
            one[ActivityRecord.SYN_SPARSE] = one[Activity.SYN_EVENTS.ordinal()];
        }
        addDynamicOfSums(one, pj);
    }

    /**
     * Adds the energy of {@code eastWest} and {@code northSouth} link crossings (hops) to the network
     * component, and {@code chipLinks} times the chip-to-chip link energy for the hops among them
     * that cross a chip boundary (on top of their on-chip hop).
     */
    public void addNetwork(long eastWest, long northSouth, long chipLinks, double[] pj) {
        pj[Component.NETWORK.ordinal()] += eastWest * ewPj + northSouth * nsPj + chipLinks * chipLinkPj;
    }

    /** Adds every core's dynamic energy to {@code pj}, priced on the sums per class. */
    public void addDynamic(long[] counts, double[] pj) {
        addDynamicOfSums(ActivityRecord.classSums(counts, sparse), pj);
    }

    /** Adds the dynamic energy of the record's last tick to {@code pj}. */
    public void addDynamic(ActivityRecord tick, double[] pj) {
        addDynamicOfSums(tick.tickClassSums(), pj);
    }

    /** SANA-FE generation time of core {@code c}: its neurons' soma time plus messages sent x L_out. */
    public double generationNs(long[] counts, int c) {
        int b = c * Activity.COUNT;
        return SanaFeLatency.generationNs(times, counts[b + Activity.NEURONS.ordinal()],
                counts[b + Activity.UPDATED.ordinal()], counts[b + Activity.SPIKES.ordinal()],
                counts[b + Activity.MESSAGES_OUT.ordinal()]);
    }

    /** SANA-FE receive time of core {@code c}: messages in x L_in plus synaptic events x (L_syn + L_dend). */
    public double receiveNs(long[] counts, int c) {
        int b = c * Activity.COUNT;
        return SanaFeLatency.receiveNs(times, counts[b + Activity.MESSAGES_IN.ordinal()],
                counts[b + Activity.SYN_EVENTS.ordinal()], synapseNs[c]);
    }

    /**
     * SANA-FE "simple" latency of one tick: max(busiest core's generation, busiest core's
     * receive) + barrier(routers in use). Hop latency is not part of it, as in SANA-FE.
     */
    public double simpleLatencyNs(long[] tickCounts) {
        double gen = 0;
        double recv = 0;
        for (int c = 0; c < sparse.length; c++) {
            gen = Math.max(gen, generationNs(tickCounts, c));
            recv = Math.max(recv, receiveNs(tickCounts, c));
        }
        return SanaFeLatency.tickNs(gen, recv, profile.sync().ns(routersInUse));
    }

    /** {@link #simpleLatencyNs(long[])} of the record's last tick (its busiest cores are kept as rows change). */
    public double simpleLatencyNs(ActivityRecord tick) {
        return SanaFeLatency.tickNs(tick.maxGenerationNs(), tick.maxReceiveNs(), profile.sync().ns(routersInUse));
    }
}
