package dev.myelin.chip.plot;

import org.knowm.xchart.HeatMapChart;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Heatmaps over the mesh, cropped to the routers in use, one cell per router labelled with its
 * coordinates (the x and y of the cores it serves), north up (y = 0 is the top row): synaptic
 * events per router, and packets per link, one panel per direction. Colour scales start at 0.
 */
final class MeshHeatmaps {
    /** Link directions, as in {@code router * 4 + direction}. */
    static final int EAST = 0;
    static final int WEST = 1;
    static final int NORTH = 2;
    static final int SOUTH = 3;
    /** The order of the link panels: north and east on top, south and west below. */
    static final int[] PANELS = {NORTH, EAST, SOUTH, WEST};
    static final String[] NAMES = {"east", "west", "north", "south"};
    static final String[] ARROWS = {"x+1", "x-1", "y-1", "y+1"};

    private MeshHeatmaps() {
    }

    /** The bounding box {x0, y0, x1, y1} of routers with activity or link traffic (at least router 0,0). */
    static int[] box(PlotData d) {
        int w = d.meshWidth();
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = 0;
        int y1 = 0;
        for (int r = 0; r < d.meshWidth() * d.meshHeight(); r++) {
            boolean used = d.routerActivity()[r] > 0;
            for (int k = 0; k < 4; k++) {
                used |= d.linkPackets()[r * 4 + k] > 0;
            }
            if (used) {
                x0 = Math.min(x0, r % w);
                y0 = Math.min(y0, r / w);
                x1 = Math.max(x1, r % w);
                y1 = Math.max(y1, r / w);
            }
        }
        if (x0 == Integer.MAX_VALUE) {
            return new int[] {0, 0, 0, 0};
        }
        // a link leaving a router of the box reaches a neighbour: include it
        for (int r = 0; r < d.meshWidth() * d.meshHeight(); r++) {
            int x = r % w;
            int y = r / w;
            if (d.linkPackets()[r * 4 + EAST] > 0) {
                x1 = Math.max(x1, x + 1);
            }
            if (d.linkPackets()[r * 4 + WEST] > 0) {
                x0 = Math.min(x0, x - 1);
            }
            if (d.linkPackets()[r * 4 + NORTH] > 0) {
                y0 = Math.min(y0, y - 1);
            }
            if (d.linkPackets()[r * 4 + SOUTH] > 0) {
                y1 = Math.max(y1, y + 1);
            }
        }
        return new int[] {x0, y0, x1, y1};
    }

    private static List<String> columns(PlotData d, int[] b) {
        List<String> xs = new ArrayList<>();
        for (int x = b[0]; x <= b[2]; x++) {
            xs.add("x=" + (d.meshOriginX() + x));
        }
        return xs;
    }

    /** Row labels bottom to top (the chart's order), so that y = b[1] is the top row. */
    private static List<String> rows(PlotData d, int[] b) {
        List<String> ys = new ArrayList<>();
        for (int y = b[3]; y >= b[1]; y--) {
            ys.add("y=" + (d.meshOriginY() + y));
        }
        return ys;
    }

    /** Heatmap cells {column, row from the bottom, value} of {@code value[i][j]}, router (b[0]+i, b[1]+j). */
    private static List<Number[]> cells(int[] b, double[][] value) {
        int ny = b[3] - b[1] + 1;
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < value.length; i++) {
            for (int j = 0; j < ny; j++) {
                cells.add(new Number[] {i, ny - 1 - j, value[i][j]});
            }
        }
        return cells;
    }

    static HeatMapChart activity(PlotData d) {
        int[] b = box(d);
        double[][] v = new double[b[2] - b[0] + 1][b[3] - b[1] + 1];
        double top = 0;
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v[i].length; j++) {
                v[i][j] = d.routerActivity()[(b[1] + j) * d.meshWidth() + b[0] + i];
                top = Math.max(top, v[i][j]);
            }
        }
        HeatMapChart c = RunPlots.heatmap("Synaptic events per router: " + d.title(), "core x (mesh column)",
                "core y (mesh row, north up)", top, RunPlots.WIDTH, RunPlots.HEIGHT);
        c.addSeries("synaptic events", columns(d, b), rows(d, b), cells(b, v));
        return c;
    }

    /** Packets router (b[0]+i, b[1]+j) sent on its link towards {@code dir}: {@code [i][j]}. */
    static double[][] outgoing(PlotData d, int[] b, int dir) {
        double[][] v = new double[b[2] - b[0] + 1][b[3] - b[1] + 1];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v[i].length; j++) {
                v[i][j] = d.linkPackets()[((b[1] + j) * d.meshWidth() + b[0] + i) * 4 + dir];
            }
        }
        return v;
    }

    /** The busiest link's packets: the top of every link panel's colour scale, which starts at 0. */
    static long top(PlotData d) {
        long top = 0;
        for (long p : d.linkPackets()) {
            top = Math.max(top, p);
        }
        return top;
    }

    /** {@code (x,y) east} for the busiest link (the first of equals, as the run summary names it), or null. */
    static String busiest(PlotData d) {
        int best = -1;
        long[] l = d.linkPackets();
        for (int i = 0; i < l.length; i++) {
            if (l[i] > 0 && (best < 0 || l[i] > l[best])) {
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        int r = best / 4;
        return "(" + (d.meshOriginX() + r % d.meshWidth()) + "," + (d.meshOriginY() + r / d.meshWidth()) + ") "
                + NAMES[best % 4];
    }

    static HeatMapChart direction(PlotData d, int[] b, int dir, long top) {
        HeatMapChart c = RunPlots.heatmap("Links " + NAMES[dir] + " (to " + ARROWS[dir] + ")", "core x (mesh column)",
                "core y (mesh row, north up)", top, 600, 420);
        c.addSeries("packets", columns(d, b), rows(d, b), cells(b, outgoing(d, b, dir)));
        return c;
    }

    /** The header of {@code link-traffic.png}. */
    static List<String> linksTitle(PlotData d) {
        String busiest = busiest(d);
        return List.of("Packets per link, by direction: " + d.title(),
                busiest == null ? "no message left its router"
                        : "each cell: packets a router sent on its link that way; colours from 0 to "
                        + RunPlots.num(top(d)) + ", the busiest link, " + busiest);
    }

    static BufferedImage links(PlotData d) {
        int[] b = box(d);
        long top = top(d);
        List<HeatMapChart> panels = new ArrayList<>();
        for (int dir : PANELS) {
            panels.add(direction(d, b, dir, top));
        }
        return RunPlots.page(linksTitle(d), panels, 2);
    }
}
