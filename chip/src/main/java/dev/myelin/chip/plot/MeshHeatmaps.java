package dev.myelin.chip.plot;

import org.knowm.xchart.HeatMapChart;

import java.util.ArrayList;
import java.util.List;

/**
 * Heatmaps over the mesh, cropped to the routers in use: activity per router, and packets per
 * link drawn on a doubled grid where router (x, y) sits at (2x, 2y), its east link at
 * (2x+1, 2y) and its south link at (2x, 2y+1). North is up (y = 0 is the top row).
 */
final class MeshHeatmaps {
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
            if (d.linkPackets()[r * 4] > 0) {
                x1 = Math.max(x1, x + 1);
            }
            if (d.linkPackets()[r * 4 + 1] > 0) {
                x0 = Math.min(x0, x - 1);
            }
            if (d.linkPackets()[r * 4 + 2] > 0) {
                y0 = Math.min(y0, y - 1);
            }
            if (d.linkPackets()[r * 4 + 3] > 0) {
                y1 = Math.max(y1, y + 1);
            }
        }
        return new int[] {x0, y0, x1, y1};
    }

    static HeatMapChart activity(PlotData d) {
        int[] b = box(d);
        int nx = b[2] - b[0] + 1;
        int ny = b[3] - b[1] + 1;
        List<String> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        for (int i = 0; i < nx; i++) {
            xs.add("x=" + (b[0] + i));
        }
        for (int j = ny - 1; j >= 0; j--) {
            ys.add("y=" + (b[1] + j));
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                int r = (b[1] + j) * d.meshWidth() + b[0] + i;
                cells.add(new Number[] {i, ny - 1 - j, d.routerActivity()[r]});
            }
        }
        HeatMapChart c = RunPlots.heatmap("Synaptic events per router: " + d.title(), "router x (mesh column)",
                "router y (mesh row, north up)");
        c.addSeries("synaptic events", xs, ys, cells);
        return c;
    }

    static HeatMapChart links(PlotData d) {
        int[] b = box(d);
        int nx = 2 * (b[2] - b[0]) + 1;
        int ny = 2 * (b[3] - b[1]) + 1;
        List<String> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        for (int i = 0; i < nx; i++) {
            int x = b[0] + i / 2;
            xs.add(i % 2 == 0 ? "x=" + x : x + "|" + (x + 1));
        }
        for (int j = ny - 1; j >= 0; j--) {
            int y = b[1] + j / 2;
            ys.add(j % 2 == 0 ? "y=" + y : y + "|" + (y + 1));
        }
        List<Number[]> cells = new ArrayList<>();
        int w = d.meshWidth();
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                int x = b[0] + i / 2;
                int y = b[1] + j / 2;
                int r = y * w + x;
                long v;
                if (i % 2 == 1 && j % 2 == 0) {
                    v = d.linkPackets()[r * 4] + d.linkPackets()[(r + 1) * 4 + 1];
                } else if (i % 2 == 0 && j % 2 == 1) {
                    v = d.linkPackets()[r * 4 + 3] + d.linkPackets()[(r + w) * 4 + 2];
                } else {
                    continue;
                }
                cells.add(new Number[] {i, ny - 1 - j, v});
            }
        }
        HeatMapChart c = RunPlots.heatmap("Packets per link, both directions: " + d.title(),
                "mesh column (x=N: router, a|b: link between columns)", "mesh row (north up)");
        if (cells.isEmpty()) {
            cells.add(new Number[] {0, 0, 0});
            c.setTitle("Packets per link: no message left its router (" + d.title() + ")");
        }
        c.addSeries("packets", xs, ys, cells);
        return c;
    }
}
