package dev.myelin.chip.plot;

import dev.myelin.isa.model.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RunPlotsTest {
    @TempDir
    Path dir;

    private static PlotData data(List<PlotData.Trace> traces, int probed, TickWindow window, long ticks, double dtMs,
                                 int[] rasterTick, int[] rasterRow) {
        return new PlotData("t.nbin", dtMs, ticks, window, rasterTick, rasterRow, false,
                List.of(new PlotData.Group("a", 0, 1), new PlotData.Group("b", 1, 1)), 2, traces, probed, 1, 1, 0, 0,
                new double[1], new long[4], new double[] {100, 200});
    }

    private static double[] xs(XYChart c, String series) {
        return c.getSeries(series).getXData();
    }

    private static double[] ys(XYChart c, String series) {
        return c.getSeries(series).getYData();
    }

    @Test
    void potentialsAreInMillivoltsWhereTheBinaryGivesTheScale() {
        // 1 LSB = 0.5 mV, v = 0 at -70 mV: v = 0, 4, 10, -2 LSB are -70, -68, -65, -71 mV
        // and the threshold 10 LSB is -65 mV; ticks 5..8 at dt 0.25 ms are 1.25..2 ms
        PlotData.Trace t = new PlotData.Trace("src[0]", 5, new int[] {0, 4, 10, -2}, 10, 0,
                new Symbol.Scale(0.5, -70), new long[] {7});
        XYChart c = RunPlots.panel(t, new TickWindow(5, 8), 0.25, 600, 400);
        assertThat(c.getYAxisTitle()).isEqualTo("v (mV)");
        assertThat(c.getXAxisTitle()).isEqualTo("model time (ms) = tick x dt, dt = 0.25 ms");
        assertThat(xs(c, "v")).containsExactly(1.25, 1.5, 1.75, 2.0);
        assertThat(ys(c, "v")).containsExactly(-70, -68, -65, -71);
        assertThat(xs(c, "threshold -65 mV")).containsExactly(1.25, 2.0);
        assertThat(ys(c, "threshold -65 mV")).containsExactly(-65, -65);
        // the spike of tick 7 sits on the threshold line at 1.75 ms
        assertThat(xs(c, "spike (1)")).containsExactly(1.75);
        assertThat(ys(c, "spike (1)")).containsExactly(-65);
        assertThat(c.getStyler().getXAxisMin()).isEqualTo(1.25);
        assertThat(c.getStyler().getXAxisMax()).isEqualTo(2.0);
    }

    @Test
    void withoutAScalePotentialsStayInLsbAndSaySo() {
        PlotData.Trace t = new PlotData.Trace("core(0,0,0).3", 0, new int[] {3, 6, 0}, 9, 0, null, new long[0]);
        XYChart c = RunPlots.panel(t, new TickWindow(0, 2), 1, 600, 400);
        assertThat(c.getYAxisTitle()).isEqualTo("v (LSB; the binary gives no mV scale)");
        assertThat(ys(c, "v")).containsExactly(3, 6, 0);
        assertThat(ys(c, "threshold 9 LSB")).containsExactly(9, 9);
        assertThat(c.getSeries("no spike")).isNotNull();
    }

    @Test
    void aStochasticThresholdSaysHowFarItMayRise() {
        // TrueNorth TM = 2: eta adds 0..3 LSB; at 0.5 mV per LSB that is up to 1.5 mV
        assertThat(RunPlots.thresholdLabel(new PlotData.Trace("n", 0, new int[0], 10, 3, null, new long[0])))
                .isEqualTo("threshold 10 LSB (+ up to 3 random)");
        assertThat(RunPlots.thresholdLabel(new PlotData.Trace("n", 0, new int[0], 10, 3, new Symbol.Scale(0.5, -70),
                new long[0]))).isEqualTo("threshold -65 mV (+ up to 1.5 random)");
    }

    @Test
    void theRasterDrawsOnlyTheWindowInModelTime() {
        // spikes of a (row 0) in ticks 1, 10, 20 and of b (row 1) in ticks 5, 19; window 5:19, dt 2 ms
        PlotData d = data(List.of(), 0, new TickWindow(5, 19), 30, 2.0, new int[] {1, 5, 10, 19, 20},
                new int[] {0, 1, 0, 1, 0});
        XYChart c = RunPlots.raster(d);
        assertThat(c.getTitle()).isEqualTo("Spike raster: t.nbin, ticks 5-19");
        assertThat(xs(c, "a (1)")).containsExactly(20);
        assertThat(xs(c, "b (1)")).containsExactly(10, 38);
        assertThat(ys(c, "b (1)")).containsExactly(1, 1);
        assertThat(c.getStyler().getXAxisMin()).isEqualTo(10);
        assertThat(c.getStyler().getXAxisMax()).isEqualTo(38);
        // without a window: every spike, and the title says the run is whole
        XYChart all = RunPlots.raster(data(List.of(), 0, null, 30, 1.0, new int[] {1, 5, 10, 19, 20},
                new int[] {0, 1, 0, 1, 0}));
        assertThat(all.getTitle()).isEqualTo("Spike raster: t.nbin, all 30 ticks");
        assertThat(xs(all, "a (1)")).containsExactly(1, 10, 20);
    }

    @Test
    void aDenseRasterWithoutAWindowSaysWhichTicksItShows() {
        // 100 spikes per tick: the first 6,000 dots end within tick 59, so ticks 0-59 are drawn
        int[] ticks = new int[10_000];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = i / 100;
        }
        PlotData d = data(List.of(), 0, null, 100, 1.0, ticks, new int[ticks.length]);
        assertThat(RunPlots.raster(d).getTitle())
                .isEqualTo("Spike raster: t.nbin, ticks 0-59 of 100 (--plot-ticks A:B draws others)");
        assertThat(xs(RunPlots.raster(d), "a (1)")).hasSize(6000);
    }

    @Test
    void aRunStoppedBeforeTheWindowSaysSo() {
        PlotData d = data(traces(1), 1, new TickWindow(50, 60), 20, 1.0, new int[] {3}, new int[] {0});
        assertThat(RunPlots.raster(d).getTitle())
                .isEqualTo("Spike raster: t.nbin, the run stopped after 20 ticks, before ticks 50-60");
        assertThat(xs(RunPlots.raster(d), "a (1)")).containsOnly(Double.NaN);
        assertThat(RunPlots.potentials(d)).hasSize(1);
        assertThat(RunPlots.raster(data(List.of(), 0, null, 0, 1.0, new int[0], new int[0])).getTitle())
                .isEqualTo("Spike raster: t.nbin, no tick run");
    }

    private static List<PlotData.Trace> traces(int n) {
        List<PlotData.Trace> ts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ts.add(new PlotData.Trace("p[" + i + "]", 0, new int[] {i, 0}, 5, 0, null, new long[] {1}));
        }
        return ts;
    }

    @Test
    void everyProbedNeuronIsDrawnSixteenToAPage() {
        PlotData d = data(traces(20), 20, null, 2, 1.0, new int[0], new int[0]);
        List<BufferedImage> pages = RunPlots.potentials(d);
        assertThat(pages).hasSize(2);
        // 16 panels: 4 columns of 480 x 330; 4 panels: 2 columns of 640 x 420; a header of two lines (66 px)
        assertThat(pages.get(0).getWidth()).isEqualTo(4 * 480);
        assertThat(pages.get(0).getHeight()).isEqualTo(66 + 4 * 330);
        assertThat(pages.get(1).getWidth()).isEqualTo(2 * 640);
        assertThat(pages.get(1).getHeight()).isEqualTo(66 + 2 * 420);
        assertThat(RunPlots.pageTitle(d, 0, 2)).containsExactly(
                "Membrane potential: t.nbin, probed neurons 1-16 of 20 (page 1 of 2)",
                "all 2 ticks; line: the neuron's threshold, markers: its spikes");
        assertThat(RunPlots.pageTitle(d, 1, 2).get(0)).isEqualTo(
                "Membrane potential: t.nbin, probed neurons 17-20 of 20 (page 2 of 2)");
    }

    @Test
    void beyondEightPagesThePicturesSayWhichNeuronsTheyLeaveOut() {
        PlotData d = data(traces(RunPlots.MAX_TRACES), 200, new TickWindow(0, 1), 2, 1.0, new int[0], new int[0]);
        assertThat(RunPlots.MAX_TRACES).isEqualTo(128);
        assertThat(RunPlots.potentials(d)).hasSize(8);
        assertThat(RunPlots.pageTitle(d, 7, 8)).containsExactly(
                "Membrane potential: t.nbin, probed neurons 113-128 of 200 (page 8 of 8)",
                "ticks 0-1; line: the neuron's threshold, markers: its spikes; only the first 128 of 200 probed neurons "
                        + "are drawn (the probe CSV has all)");
    }

    /** A 3 x 2 mesh: (0,0) sends 5 east, (1,0) 2 west and 7 south, (1,1) 1 north; 3 and 9 synaptic events. */
    private static PlotData mesh() {
        long[] links = new long[3 * 2 * 4];
        links[0 * 4 + MeshHeatmaps.EAST] = 5;
        links[1 * 4 + MeshHeatmaps.WEST] = 2;
        links[1 * 4 + MeshHeatmaps.SOUTH] = 7;
        links[4 * 4 + MeshHeatmaps.NORTH] = 1;
        double[] activity = new double[6];
        activity[0] = 3;
        activity[4] = 9;
        return new PlotData("m", 1, 10, null, new int[0], new int[0], false, List.of(), 0, List.of(), 0, 3, 2, 0, 0,
                activity, links, new double[0]);
    }

    /** The value of the cell for router (x, y) of a chart over routers x = 0..1, y = 0..1 (y = 0 on top). */
    private static double cell(HeatMapChart c, String series, int x, int y) {
        HeatMapSeries s = c.getSeries(series);
        for (Number[] v : s.getHeatData()) {
            if (v[0].intValue() == x && v[1].intValue() == 1 - y) {
                return v[2].doubleValue();
            }
        }
        throw new AssertionError("no cell for router (" + x + "," + y + ")");
    }

    @Test
    void linkTrafficHasAPanelPerDirectionOnOneScaleFromZero() {
        PlotData d = mesh();
        int[] box = MeshHeatmaps.box(d);
        assertThat(box).containsExactly(0, 0, 1, 1);
        HeatMapChart east = MeshHeatmaps.direction(d, box, MeshHeatmaps.EAST, MeshHeatmaps.top(d));
        HeatMapChart west = MeshHeatmaps.direction(d, box, MeshHeatmaps.WEST, MeshHeatmaps.top(d));
        HeatMapChart north = MeshHeatmaps.direction(d, box, MeshHeatmaps.NORTH, MeshHeatmaps.top(d));
        HeatMapChart south = MeshHeatmaps.direction(d, box, MeshHeatmaps.SOUTH, MeshHeatmaps.top(d));
        assertThat(cell(east, "packets", 0, 0)).isEqualTo(5);
        assertThat(cell(east, "packets", 1, 0)).isZero();
        assertThat(cell(west, "packets", 1, 0)).isEqualTo(2);
        assertThat(cell(south, "packets", 1, 0)).isEqualTo(7);
        assertThat(cell(north, "packets", 1, 1)).isEqualTo(1);
        assertThat(cell(north, "packets", 0, 1)).isZero();
        for (HeatMapChart c : List.of(east, west, north, south)) {
            // one colour scale for all four, from 0 to the busiest link's 7 packets
            assertThat(c.getStyler().getMin()).isZero();
            assertThat(c.getStyler().getMax()).isEqualTo(7);
            assertThat(List.copyOf(c.getSeries("packets").getXData())).isEqualTo(List.of("x=0", "x=1"));
            assertThat(List.copyOf(c.getSeries("packets").getYData())).isEqualTo(List.of("y=1", "y=0"));
        }
        assertThat(MeshHeatmaps.busiest(d)).isEqualTo("(1,0) south");
        assertThat(MeshHeatmaps.linksTitle(d).get(1)).isEqualTo(
                "each cell: packets a router sent on its link that way; colours from 0 to 7, the busiest link, (1,0) south");
    }

    @Test
    void aRegionOfABoardIsLabelledInBoardCoordinates() {
        PlotData m = mesh();
        // the same 3 x 2 routers as the region of a board starting at router (4030, 700)
        PlotData d = new PlotData("m", 1, 10, null, new int[0], new int[0], false, List.of(), 0, List.of(), 0, 3, 2,
                4030, 700, m.routerActivity(), m.linkPackets(), new double[0]);
        HeatMapChart east = MeshHeatmaps.direction(d, MeshHeatmaps.box(d), MeshHeatmaps.EAST, MeshHeatmaps.top(d));
        assertThat(List.copyOf(east.getSeries("packets").getXData())).isEqualTo(List.of("x=4030", "x=4031"));
        assertThat(List.copyOf(east.getSeries("packets").getYData())).isEqualTo(List.of("y=701", "y=700"));
        assertThat(cell(east, "packets", 0, 0)).isEqualTo(5);
        assertThat(MeshHeatmaps.busiest(d)).isEqualTo("(4031,700) south");
    }

    @Test
    void routerActivityScaleStartsAtZeroToo() {
        HeatMapChart c = MeshHeatmaps.activity(mesh());
        assertThat(c.getStyler().getMin()).isZero();
        assertThat(c.getStyler().getMax()).isEqualTo(9);
        assertThat(cell(c, "synaptic events", 1, 1)).isEqualTo(9);
        assertThat(cell(c, "synaptic events", 0, 0)).isEqualTo(3);
    }

    @Test
    void aQuietMeshStillHasAScale() {
        PlotData d = new PlotData("q", 1, 10, null, new int[0], new int[0], false, List.of(), 0, List.of(), 0, 2, 2, 0, 0,
                new double[4], new long[16], new double[0]);
        HeatMapChart c = MeshHeatmaps.direction(d, MeshHeatmaps.box(d), MeshHeatmaps.EAST, MeshHeatmaps.top(d));
        assertThat(c.getStyler().getMin()).isZero();
        assertThat(c.getStyler().getMax()).isEqualTo(1);
        assertThat(MeshHeatmaps.linksTitle(d).get(1)).isEqualTo("no message left its router");
    }

    @Test
    void writesEveryPictureAsAPng() throws Exception {
        PlotData d = data(traces(17), 17, null, 2, 1.0, new int[] {0, 1}, new int[] {0, 1});
        List<Path> files = RunPlots.write(dir, d);
        assertThat(files.stream().map(f -> f.getFileName().toString())).containsExactly("raster.png",
                "potentials.png", "potentials-2.png", "core-activity.png", "link-traffic.png", "latency-histogram.png");
        try (Stream<Path> all = Files.list(dir)) {
            assertThat(all.map(f -> f.getFileName().toString()).sorted()).containsExactlyElementsOf(
                    files.stream().map(f -> f.getFileName().toString()).sorted().toList());
        }
        int[][] sizes = {{900, 560}, {1920, 1386}, {900, 626}, {900, 560}, {1200, 906}, {900, 560}};
        for (int i = 0; i < files.size(); i++) {
            BufferedImage img = ImageIO.read(files.get(i).toFile());
            assertThat(new int[] {img.getWidth(), img.getHeight()}).as(files.get(i).toString())
                    .isEqualTo(sizes[i]);
        }
        assertThat(Arrays.stream(sizes).mapToInt(s -> s[0]).min().orElseThrow()).isPositive();
    }
}
