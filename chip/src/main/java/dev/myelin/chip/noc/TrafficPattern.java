package dev.myelin.chip.noc;

import dev.myelin.isa.diag.MyelinInputException;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * BookSim's synthetic traffic patterns over the routers of a mesh (node = router).
 * Destinations are router indices {@code y * width + x}.
 */
public enum TrafficPattern {
    /** A destination drawn uniformly from all nodes, the source itself included (as BookSim does). */
    UNIFORM("uniform"),
    /** (x, y) sends to (y, x); needs a square mesh. Nodes on the diagonal send to themselves. */
    TRANSPOSE("transpose"),
    /** (x, y) sends to (width-1-x, height-1-y): the bit complement of the node id when both sides are powers of two. */
    BITCOMP("bitcomp"),
    /** A destination drawn uniformly from the four central nodes. */
    HOTSPOT("hotspot");

    private final String id;

    TrafficPattern(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static TrafficPattern parse(String s) {
        for (TrafficPattern p : values()) {
            if (p.id.equals(s)) {
                return p;
            }
        }
        throw new MyelinInputException("unknown traffic pattern '" + s + "' (known: "
                + Arrays.stream(values()).map(TrafficPattern::id).collect(Collectors.joining(", ")) + ")");
    }

    /** Checks the pattern can run on a {@code width x height} mesh. */
    public void requireFits(int width, int height) {
        if (this == TRANSPOSE && width != height) {
            throw new MyelinInputException("traffic transpose needs a square mesh, not " + width + "x" + height);
        }
        if (this == HOTSPOT && (width < 2 || height < 2)) {
            throw new MyelinInputException("traffic hotspot needs a mesh of at least 2x2, not " + width + "x" + height);
        }
    }

    /** The destination router of a packet from router {@code src}. */
    public int destination(int src, int width, int height, SplittableRandom rng) {
        int x = src % width;
        int y = src / width;
        return switch (this) {
            case UNIFORM -> rng.nextInt(width * height);
            case TRANSPOSE -> x * width + y;
            case BITCOMP -> (height - 1 - y) * width + (width - 1 - x);
            case HOTSPOT -> hotspot(rng.nextInt(4), width, height);
        };
    }

    /** The {@code i}-th (0..3) central node. */
    static int hotspot(int i, int width, int height) {
        int hx = width / 2 - 1 + (i & 1);
        int hy = height / 2 - 1 + (i >> 1);
        return hy * width + hx;
    }

    /**
     * The ideal channel-load bound on throughput under XY routing, packets per node per cycle
     * (one flit per link per cycle, one ejection per node per cycle): uniform 4/k, transpose
     * 1/(k-1), bit-complement 2/k, four hotspots 4/N, with k the longer side.
     */
    public double idealSaturation(int width, int height) {
        int k = Math.max(width, height);
        double bound = switch (this) {
            case UNIFORM -> 4.0 / k;
            case TRANSPOSE -> k > 1 ? 1.0 / (k - 1) : 1.0;
            case BITCOMP -> 2.0 / k;
            case HOTSPOT -> 4.0 / (width * height);
        };
        return Math.min(1.0, bound);
    }

    /** Mean zero-load latency over this pattern's destination distribution, every source equally likely. */
    public double zeroLoadMean(MeshConfig cfg) {
        int w = cfg.width();
        int h = cfg.height();
        if (this == UNIFORM) {
            // the XY cost of a pair splits into an x part (row 0 stands for every row) and a y part
            double xPart = 0;
            for (int a = 0; a < w; a++) {
                for (int b = 0; b < w; b++) {
                    xPart += cfg.zeroLoadCycles(a, b) - cfg.injectionCycles() - cfg.ejectionCycles();
                }
            }
            double yPart = 0;
            for (int a = 0; a < h; a++) {
                for (int b = 0; b < h; b++) {
                    yPart += cfg.zeroLoadCycles(a * w, b * w) - cfg.injectionCycles() - cfg.ejectionCycles();
                }
            }
            return cfg.injectionCycles() + cfg.ejectionCycles() + xPart / ((double) w * w) + yPart / ((double) h * h);
        }
        double sum = 0;
        for (int s = 0; s < w * h; s++) {
            if (this == HOTSPOT) {
                for (int i = 0; i < 4; i++) {
                    sum += cfg.zeroLoadCycles(s, hotspot(i, w, h)) / 4.0;
                }
            } else {
                sum += cfg.zeroLoadCycles(s, destination(s, w, h, null));
            }
        }
        return sum / (w * h);
    }
}
