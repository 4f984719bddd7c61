package dev.myelin.chip.noc;

import java.util.Arrays;

/**
 * Counts of messages that cross an empty mesh ({@link Mesh#recordUncontended}), kept apart from
 * the mesh's {@link TrafficStats} until they are read: the links of each XY path as +count /
 * -count at the two ends of its row and column segments (difference arrays), the hops, chip
 * crossings and messages as sums, and the hop and zero-load latency histograms as dense counts
 * per value (one latency count serves both the packet and the network latency, which are equal
 * on an empty mesh).
 *
 * <p>Every counter is a sum, so tallies kept by several threads over disjoint sets of messages
 * and added together ({@link Mesh#addUncontended}) end exactly as one tally of all the messages;
 * {@link #flushInto} turns a tally into traffic counters in time O(rows and columns used +
 * histogram values used), not per message. No allocation per message: the arrays are sized by
 * the mesh once.
 */
public final class UncontendedTally {
    /** Latency counts are kept in a flat array when every path's latency is below this. */
    static final int DENSE_LATENCY_LIMIT = 1 << 16;

    private final Mesh mesh;
    private final int width;
    private final int height;
    private final int[] coreRouterX;
    private final int[] coreRouterY;
    private final int[] chipOfX;
    private final int[] chipOfY;
    private final int baseLatency;
    private final int hopCyclesEW;
    private final int hopCyclesNS;
    private final int chipLinkCycles;
    /** Per row y: {@code eastDiff[y * (width + 1) + x]} (and west); per column x: {@code southDiff[x * (height + 1) + y]} (and north). */
    final int[] eastDiff;
    final int[] westDiff;
    final int[] southDiff;
    final int[] northDiff;
    final long[] rowsUsed;
    final long[] columnsUsed;
    long messages;
    long hopsEastWest;
    long hopsNorthSouth;
    long chipLinkCrossings;
    /** Messages per hop count, over [hopLow, hopHigh] (empty when hopHigh < hopLow). */
    final long[] hopCounts;
    int hopLow = Integer.MAX_VALUE;
    int hopHigh = -1;
    /**
     * Messages per latency (cycles), or null: latencies go to {@link #latencyLarge} (a path
     * latency of {@link #DENSE_LATENCY_LIMIT} cycles or more is possible); the lowest and highest
     * latency recorded either way.
     */
    final long[] latencyCounts;
    int latencyLow = Integer.MAX_VALUE;
    int latencyHigh = -1;
    final ExactHistogram latencyLarge;

    UncontendedTally(Mesh mesh, MeshConfig cfg, int[] coreRouterX, int[] coreRouterY, int[] chipOfX, int[] chipOfY) {
        this.mesh = mesh;
        this.width = cfg.width();
        this.height = cfg.height();
        this.coreRouterX = coreRouterX;
        this.coreRouterY = coreRouterY;
        this.chipOfX = chipOfX;
        this.chipOfY = chipOfY;
        this.baseLatency = cfg.injectionCycles() + cfg.ejectionCycles();
        this.hopCyclesEW = cfg.hopCyclesEW();
        this.hopCyclesNS = cfg.hopCyclesNS();
        this.chipLinkCycles = cfg.chipLinkCycles();
        eastDiff = new int[height * (width + 1)];
        westDiff = new int[height * (width + 1)];
        southDiff = new int[width * (height + 1)];
        northDiff = new int[width * (height + 1)];
        rowsUsed = new long[(height + 63) >>> 6];
        columnsUsed = new long[(width + 63) >>> 6];
        hopCounts = new long[width + height];
        int chipsX = Math.abs(chipOfX[width - 1] - chipOfX[0]);
        int chipsY = Math.abs(chipOfY[height - 1] - chipOfY[0]);
        long maxLatency = (long) baseLatency + (long) (width - 1) * hopCyclesEW + (long) (height - 1) * hopCyclesNS
                + (long) (chipsX + chipsY) * chipLinkCycles;
        boolean dense = baseLatency >= 0 && hopCyclesEW >= 0 && hopCyclesNS >= 0 && chipLinkCycles >= 0
                && maxLatency < DENSE_LATENCY_LIMIT;
        latencyCounts = dense ? new long[(int) maxLatency + 1] : null;
        latencyLarge = dense ? null : new ExactHistogram();
    }

    /** The mesh this tally counts for: only it takes the tally ({@link Mesh#addUncontended}). */
    Mesh mesh() { return mesh; }

    /**
     * Counts {@code count} messages from {@code srcCore} to {@code dstCore} (mesh core indices)
     * crossing the empty mesh: what {@link Mesh#recordUncontended(int, int, int)} counts.
     */
    public void record(int srcCore, int dstCore, int count) {
        recordRoute(coreRouterX[srcCore], coreRouterY[srcCore], coreRouterX[dstCore], coreRouterY[dstCore], count);
    }

    /**
     * {@link #record} by the routers' mesh coordinates ({@code 0 <= x < width}, {@code 0 <= y < height})
     * of the source and destination cores, for a caller that keeps them at hand.
     */
    public void recordRoute(int x0, int y0, int x1, int y1, int count) {
        // the XY route: along the source's row to the turn (source row, destination column),
        // then along the turn's column to the destination
        int n = 0;
        long latency = baseLatency;
        if (x0 != x1) {
            int row = y0 * (width + 1);
            if (x1 > x0) {
                eastDiff[row + x0] += count;
                eastDiff[row + x1] -= count;
            } else {
                westDiff[row + x1 + 1] += count;
                westDiff[row + x0 + 1] -= count;
            }
            rowsUsed[y0 >>> 6] |= 1L << (y0 & 63);
            int dx = Math.abs(x1 - x0);
            int cx = Math.abs(chipOfX[x1] - chipOfX[x0]);
            n += dx;
            hopsEastWest += (long) dx * count;
            chipLinkCrossings += (long) cx * count;
            latency += (long) dx * hopCyclesEW + (long) cx * chipLinkCycles;
        }
        if (y0 != y1) {
            int col = x1 * (height + 1);
            if (y1 > y0) {
                southDiff[col + y0] += count;
                southDiff[col + y1] -= count;
            } else {
                northDiff[col + y1 + 1] += count;
                northDiff[col + y0 + 1] -= count;
            }
            columnsUsed[x1 >>> 6] |= 1L << (x1 & 63);
            int dy = Math.abs(y1 - y0);
            int cy = Math.abs(chipOfY[y1] - chipOfY[y0]);
            n += dy;
            hopsNorthSouth += (long) dy * count;
            chipLinkCrossings += (long) cy * count;
            latency += (long) dy * hopCyclesNS + (long) cy * chipLinkCycles;
        }
        messages += count;
        hopCounts[n] += count;
        if (n < hopLow) {
            hopLow = n;
        }
        if (n > hopHigh) {
            hopHigh = n;
        }
        int l = (int) latency;
        if (latencyCounts != null) {
            latencyCounts[l] += count;
        } else {
            latencyLarge.record(l, count);
        }
        if (l < latencyLow) {
            latencyLow = l;
        }
        if (l > latencyHigh) {
            latencyHigh = l;
        }
    }

    /** Whether nothing was counted since the last flush or merge. */
    public boolean isEmpty() {
        return messages == 0 && hopHigh < 0;
    }

    /** Adds {@code o}'s counts to these and clears {@code o} (O(rows and columns o used + its histogram range)). */
    void takeFrom(UncontendedTally o) {
        int rowLength = width + 1;
        for (int w = 0; w < o.rowsUsed.length; w++) {
            for (long bits = o.rowsUsed[w]; bits != 0; bits &= bits - 1) {
                int row = ((w << 6) + Long.numberOfTrailingZeros(bits)) * rowLength;
                for (int i = row; i < row + rowLength; i++) {
                    eastDiff[i] += o.eastDiff[i];
                    westDiff[i] += o.westDiff[i];
                    o.eastDiff[i] = 0;
                    o.westDiff[i] = 0;
                }
            }
            rowsUsed[w] |= o.rowsUsed[w];
            o.rowsUsed[w] = 0;
        }
        int columnLength = height + 1;
        for (int w = 0; w < o.columnsUsed.length; w++) {
            for (long bits = o.columnsUsed[w]; bits != 0; bits &= bits - 1) {
                int col = ((w << 6) + Long.numberOfTrailingZeros(bits)) * columnLength;
                for (int i = col; i < col + columnLength; i++) {
                    southDiff[i] += o.southDiff[i];
                    northDiff[i] += o.northDiff[i];
                    o.southDiff[i] = 0;
                    o.northDiff[i] = 0;
                }
            }
            columnsUsed[w] |= o.columnsUsed[w];
            o.columnsUsed[w] = 0;
        }
        messages += o.messages;
        hopsEastWest += o.hopsEastWest;
        hopsNorthSouth += o.hopsNorthSouth;
        chipLinkCrossings += o.chipLinkCrossings;
        o.messages = o.hopsEastWest = o.hopsNorthSouth = o.chipLinkCrossings = 0;
        for (int v = o.hopLow; v <= o.hopHigh; v++) {
            hopCounts[v] += o.hopCounts[v];
            o.hopCounts[v] = 0;
        }
        hopLow = Math.min(hopLow, o.hopLow);
        hopHigh = Math.max(hopHigh, o.hopHigh);
        o.hopLow = Integer.MAX_VALUE;
        o.hopHigh = -1;
        if (latencyCounts != null) {
            for (int v = o.latencyLow; v <= o.latencyHigh; v++) {
                latencyCounts[v] += o.latencyCounts[v];
                o.latencyCounts[v] = 0;
            }
        } else {
            latencyLarge.add(o.latencyLarge);
            o.latencyLarge.reset();
        }
        latencyLow = Math.min(latencyLow, o.latencyLow);
        latencyHigh = Math.max(latencyHigh, o.latencyHigh);
        o.latencyLow = Integer.MAX_VALUE;
        o.latencyHigh = -1;
    }

    /**
     * One row or column of the difference arrays: {@code length} routers from router {@code r0}
     * in steps of {@code step}, whose links in directions {@code dirA} and {@code dirB} are
     * counted from the prefix sums of {@code a} and {@code b} at {@code base}; the line's
     * differences (its {@code length + 1} entries) are cleared.
     */
    private static void flushLine(TrafficStats stats, int[] a, int[] b, int base, int length, int r0, int step,
                                  int dirA, int dirB) {
        int sumA = 0;
        int sumB = 0;
        for (int i = 0, r = r0; i < length; i++, r += step) {
            sumA += a[base + i];
            sumB += b[base + i];
            a[base + i] = 0;
            b[base + i] = 0;
            if (sumA != 0) {
                stats.countLink(r * Mesh.DIRECTIONS + dirA, sumA);
            }
            if (sumB != 0) {
                stats.countLink(r * Mesh.DIRECTIONS + dirB, sumB);
            }
        }
        a[base + length] = 0;
        b[base + length] = 0;
    }

    /** Adds these counts to {@code stats} (per-link counts from the difference arrays) and clears the tally. */
    void flushInto(TrafficStats stats) {
        for (int w = 0; w < rowsUsed.length; w++) {
            for (long bits = rowsUsed[w]; bits != 0; bits &= bits - 1) {
                int y = (w << 6) + Long.numberOfTrailingZeros(bits);
                flushLine(stats, eastDiff, westDiff, y * (width + 1), width, y * width, 1, Mesh.EAST, Mesh.WEST);
            }
            rowsUsed[w] = 0;
        }
        for (int w = 0; w < columnsUsed.length; w++) {
            for (long bits = columnsUsed[w]; bits != 0; bits &= bits - 1) {
                int x = (w << 6) + Long.numberOfTrailingZeros(bits);
                flushLine(stats, southDiff, northDiff, x * (height + 1), height, x, width, Mesh.SOUTH, Mesh.NORTH);
            }
            columnsUsed[w] = 0;
        }
        stats.created += messages;
        stats.injected += messages;
        stats.ejected += messages;
        stats.hopTotal += hopsEastWest + hopsNorthSouth;
        stats.hopsEastWest += hopsEastWest;
        stats.hopsNorthSouth += hopsNorthSouth;
        stats.chipLinkCrossings += chipLinkCrossings;
        messages = hopsEastWest = hopsNorthSouth = chipLinkCrossings = 0;
        // the lowest and highest values are recorded even at a zero count (as a single record
        // of count 0 would be): they set the histogram's min and max
        for (int v = hopLow; v <= hopHigh; v++) {
            long k = hopCounts[v];
            if (k != 0 || v == hopLow || v == hopHigh) {
                stats.hops.record(v, k);
                hopCounts[v] = 0;
            }
        }
        hopLow = Integer.MAX_VALUE;
        hopHigh = -1;
        if (latencyCounts != null) {
            for (int v = latencyLow; v <= latencyHigh; v++) {
                long k = latencyCounts[v];
                if (k != 0 || v == latencyLow || v == latencyHigh) {
                    stats.packetLatency.record(v, k);
                    stats.networkLatency.record(v, k);
                    latencyCounts[v] = 0;
                }
            }
        } else if (latencyHigh >= 0) {
            // add skips zero counts: the lowest and highest values are recorded as above
            stats.packetLatency.add(latencyLarge);
            stats.networkLatency.add(latencyLarge);
            stats.packetLatency.record(latencyLow, 0);
            stats.packetLatency.record(latencyHigh, 0);
            stats.networkLatency.record(latencyLow, 0);
            stats.networkLatency.record(latencyHigh, 0);
            latencyLarge.reset();
        }
        latencyLow = Integer.MAX_VALUE;
        latencyHigh = -1;
    }
}
