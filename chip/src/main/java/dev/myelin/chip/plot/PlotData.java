package dev.myelin.chip.plot;

import dev.myelin.isa.model.Symbol;

import java.util.List;

/**
 * What the pictures of a run show, gathered by the run loop.
 *
 * @param dtMs           model time of one tick, ms (the binary's dt): time axes are tick x dt
 * @param ticks          ticks the run completed
 * @param window         the ticks asked for with {@code --plot-ticks}, or null (see {@link #rasterTicks}
 *                       and {@link #traceTicks} for what is drawn)
 * @param rasterTick     tick of each spike kept for the raster, in tick order
 * @param rasterRow      its row: population offset + index
 * @param rasterCapped   spikes of the raster's window were left out to bound memory
 * @param groups         populations in row order, with their first row
 * @param rows           rows in the raster
 * @param traces         membrane potentials of the first probed neurons (at most a limit)
 * @param probed         how many neurons were probed (may exceed {@code traces.size()})
 * @param meshWidth      routers along x of the modelled region of the mesh
 * @param meshHeight     routers along y of the region
 * @param meshOriginX    board column of the region's column 0: labels add it
 * @param meshOriginY    board row of the region's row 0
 * @param routerActivity synaptic events per router of the region, {@code y * meshWidth + x}
 * @param linkPackets    packets per link, {@code router * 4 + direction} (east, west, north, south)
 * @param tickLatencyNs  the timing model's latency of each tick
 */
public record PlotData(String title, double dtMs, long ticks, TickWindow window, int[] rasterTick, int[] rasterRow,
                       boolean rasterCapped, List<Group> groups, int rows, List<Trace> traces, int probed,
                       int meshWidth, int meshHeight, int meshOriginX, int meshOriginY, double[] routerActivity, long[] linkPackets,
                       double[] tickLatencyNs) {
    /** Ticks of membrane potential drawn without {@code --plot-ticks}: enough to see integrate, fire and reset. */
    public static final int TRACE_TICKS = 120;
    /** Most ticks of membrane potential drawn from a {@code --plot-ticks} window (its first ticks). */
    public static final int MAX_TRACE_TICKS = 10_000;

    public PlotData {
        groups = List.copyOf(groups);
        traces = List.copyOf(traces);
    }

    /** A population's band of the raster. */
    public record Group(String name, int firstRow, int size) {
    }

    /**
     * A probed neuron's membrane potential: {@code v[i]} (LSB of the datapath) after tick
     * {@code firstTick + i}.
     *
     * @param threshold       the neuron's firing threshold in LSB (TrueNorth alpha, Loihi vth &lt;&lt; 6)
     * @param thresholdSpread the largest random addition to the threshold (TrueNorth 2^TM - 1), else 0
     * @param scale           the population's voltage scale from the binary, or null: values stay in LSB
     * @param spikeTicks      the ticks the neuron fired, within the trace's ticks
     */
    public record Trace(String label, long firstTick, int[] v, int threshold, int thresholdSpread, Symbol.Scale scale,
                        long[] spikeTicks) {
        /** {@code lsb} in the unit the picture uses: mV with a scale, else LSB unchanged. */
        public double value(double lsb) {
            return scale == null ? lsb : scale.toMv(lsb);
        }

        /** {@code mV} or {@code LSB}. */
        public String unit() {
            return scale == null ? "LSB" : "mV";
        }
    }

    /** The ticks a raster shows: the asked window within the run, else the whole run; null when none. */
    public static TickWindow rasterTicks(TickWindow asked, long ticks) {
        if (ticks <= 0) {
            return null;
        }
        return asked == null ? new TickWindow(0, ticks - 1) : asked.within(ticks);
    }

    /**
     * The ticks membrane potentials are drawn for: the first {@value #MAX_TRACE_TICKS} ticks of the
     * asked window within the run, else the first {@value #TRACE_TICKS} ticks; null when none.
     */
    public static TickWindow traceTicks(TickWindow asked, long ticks) {
        TickWindow w = rasterTicks(asked, ticks);
        return w == null ? null : w.firstTicks(asked == null ? TRACE_TICKS : MAX_TRACE_TICKS);
    }

    public TickWindow rasterTicks() {
        return rasterTicks(window, ticks);
    }

    public TickWindow traceTicks() {
        return traceTicks(window, ticks);
    }
}
