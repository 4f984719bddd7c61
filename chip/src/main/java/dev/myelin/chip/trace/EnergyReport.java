package dev.myelin.chip.trace;

import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.energy.Component;
import dev.myelin.chip.energy.EnergyProfile;
import dev.myelin.chip.energy.Pricing;

import java.util.Arrays;

/**
 * A run's counts priced with one profile. Computed from totals (dynamic energy is linear in
 * the counts) so a fresh run and a re-priced one give identical figures.
 *
 * @param energyPj         by {@link Component}, pJ
 * @param staticMw         static power of the board
 * @param profileLatencyNs sum of SANA-FE "simple" tick latencies with the profile's times: a run's own,
 *                         summed as it went; re-priced from the per-tick counts the stats file kept, or NaN
 *                         when it kept none
 */
public record EnergyReport(EnergyProfile profile, double[] energyPj, double totalPj, double perInferencePj,
                           double staticMw, double profileLatencyNs) {

    public static EnergyReport price(RunCounts counts, Pricing pricing) {
        return price(counts, pricing, profileLatency(counts, pricing));
    }

    /**
     * The counts priced, with the profile latency already summed tick by tick as the run went
     * ({@code RunRecorder#profileLatencyNs}, with this pricing): the same value re-pricing computes
     * from kept per-tick counts, and known whether or not they were kept.
     */
    public static EnergyReport price(RunCounts counts, Pricing pricing, double profileLatencyNs) {
        double[] pj = new double[Component.COUNT];
        pricing.addDynamic(counts.coreTotals(), pj);
        pricing.addNetwork(counts.hopsEastWest(), counts.hopsNorthSouth(), counts.chipLinkCrossings(), pj);
        pj[Component.STATIC.ordinal()] = pricing.staticPj(counts.chipNs());
        double total = Arrays.stream(pj).sum();
        return new EnergyReport(pricing.profile(), pj, total, total / Math.max(1, counts.samples()),
                pricing.staticMw(), profileLatencyNs);
    }

    private static double profileLatency(RunCounts counts, Pricing pricing) {
        long[] all = counts.coreTicks();
        if (all == null) {
            return Double.NaN;
        }
        int stride = counts.cores().size() * Activity.COUNT;
        long[] one = new long[stride];
        if (stride == 0) {
            // no cores: every tick costs the barrier alone; a tick count of 2^63-1 must not mean 2^63-1 steps
            return counts.ticks() * pricing.simpleLatencyNs(one);
        }
        double ns = 0;
        for (long t = 0; t < counts.ticks(); t++) {
            System.arraycopy(all, (int) (t * stride), one, 0, stride);
            ns += pricing.simpleLatencyNs(one);
        }
        return ns;
    }

    public double get(Component c) {
        return energyPj[c.ordinal()];
    }

    /** Dynamic energy only (all but static). */
    public double dynamicPj() {
        return totalPj - get(Component.STATIC);
    }

    /** Adds the energy section to {@code stats}, every figure labelled with the profile. */
    public void addTo(Stats stats, long ticks) {
        String tag = " (modelled, profile " + profile.name() + ")";
        stats.add("energy.profile", profile.name(), "energy profile: " + profile.label());
        for (Component c : Component.all()) {
            stats.add("energy." + c.key() + "_pj", get(c), c.description() + ", pJ" + tag);
        }
        stats.add("energy.dynamic_pj", dynamicPj(), "dynamic energy, pJ" + tag);
        stats.add("energy.total_pj", totalPj, "total energy, pJ" + tag);
        stats.add("energy.per_tick_pj", totalPj / Math.max(1, ticks), "mean energy per tick, pJ" + tag);
        stats.add("energy.per_inference_pj", perInferencePj, "energy per inference sample, pJ" + tag);
        stats.add("energy.static_power_mw", staticMw, "static power of the board, mW" + tag);
        stats.add("latency.profile_simple_ns", profileLatencyNs,
                "sum of SANA-FE simple tick latencies with the profile's per-event times, ns" + tag);
    }
}
