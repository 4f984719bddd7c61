package dev.myelin.chip.trace;

/** Receives one summary row per tick as the run goes (the per-tick CSV); arrays are reused between calls. */
public interface TickSink {
    /**
     * @param energyPj  energy of this tick by {@link dev.myelin.chip.energy.Component}, pJ
     * @param tickNs    modelled tick time from the timing model
     * @param profileNs SANA-FE "simple" tick latency priced with the profile's per-event times
     * @param chipTickNs chip time of this tick (the fixed period, or the latency when free-running)
     * @param chipNs    chip time at the end of this tick, ns
     */
    void row(long tick, long spikes, long updated, long synEvents, long messages, long hops, double[] energyPj,
             double tickNs, double profileNs, double chipTickNs, double chipNs);
}
