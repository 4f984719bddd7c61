package dev.myelin.chip.plot;

import java.util.List;

/**
 * What the pictures of a run show, gathered by the run loop.
 *
 * @param rasterTick     tick of each spike kept for the raster
 * @param rasterRow      its row: population offset + index
 * @param groups         populations in row order, with their first row
 * @param rows           rows in the raster
 * @param traces         probed membrane potentials
 * @param routerActivity synaptic events per router, {@code y * meshWidth + x}
 * @param linkPackets    packets per link, {@code router * 4 + direction} (east, west, north, south)
 * @param tickLatencyNs  the timing model's latency of each tick
 */
public record PlotData(String title, int[] rasterTick, int[] rasterRow, List<Group> groups, int rows,
                       List<Trace> traces, int meshWidth, int meshHeight, double[] routerActivity,
                       long[] linkPackets, double[] tickLatencyNs) {
    /** A population's band of the raster. */
    public record Group(String name, int firstRow, int size) {
    }

    /** A membrane-potential trace: {@code v[i]} after tick {@code firstTick + i}. */
    public record Trace(String label, long firstTick, int[] v) {
    }
}
