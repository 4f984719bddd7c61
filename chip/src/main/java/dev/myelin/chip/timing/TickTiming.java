package dev.myelin.chip.timing;

/**
 * The time of one tick.
 *
 * @param tick         the tick
 * @param mode         the mode that produced {@link #ns()}
 * @param ns           tick time: barrier over cores and network plus the sync cost
 * @param cycles       {@code ns} in router cycles, rounded up
 * @param simpleNs     the simple-mode estimate of the same tick (computed in both modes)
 * @param computeNs    the busiest core's compute time (cycle mode: integrate + update + send; simple:
 *                     max of generation and receive)
 * @param networkNs    cycle mode: when the last message was received (arrival plus receive cost); 0 in simple mode
 * @param syncNs       barrier sync cost for the routers in use
 * @param critical     what set the tick time: {@code core (x,y,slot) compute}, {@code core (x,y,slot)
 *                     receive}, {@code link (x,y) dir}, or {@code idle}
 * @param fitsPeriod   true when {@code ns} is within the tick period (real time)
 * @param messages     messages sent this tick (one per firing neuron and destination core)
 * @param hops         hops of those messages
 * @param stalls       packet-cycles a ready packet waited for an output (cycle mode)
 * @param late         spikes (packets) arriving in or after their due tick
 * @param dropped      late spikes dropped by the policy or beyond the delay window
 */
public record TickTiming(long tick, TimingMode mode, double ns, long cycles, double simpleNs, double computeNs,
                         double networkNs, double syncNs, String critical, boolean fitsPeriod, long messages,
                         long hops, long stalls, long late, long dropped) {
    /** Column names of {@link #csvRow()}, SANA-FE-style one row per tick. */
    public static final String CSV_HEADER = "tick,mode,ns,cycles,simple_ns,compute_ns,network_ns,sync_ns,critical,"
            + "fits_period,messages,hops,stalls,late,dropped";

    /** One CSV record without its line end ({@link dev.myelin.chip.trace.Csv}: the critical path's name is quoted). */
    public String csvRow() {
        java.util.Locale r = java.util.Locale.ROOT;
        String row = dev.myelin.chip.trace.Csv.row(java.util.Arrays.asList(Long.toString(tick), mode.id(),
                String.format(r, "%.3f", ns), Long.toString(cycles), String.format(r, "%.3f", simpleNs),
                String.format(r, "%.3f", computeNs), String.format(r, "%.3f", networkNs),
                String.format(r, "%.3f", syncNs), critical, Boolean.toString(fitsPeriod), Long.toString(messages),
                Long.toString(hops), Long.toString(stalls), Long.toString(late), Long.toString(dropped)));
        return row.substring(0, row.length() - 1);
    }
}
