package dev.myelin.chip.plot;

import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Writes the pictures of a run as PNG files (headless): {@code raster.png},
 * {@code potentials.png}, {@code core-activity.png}, {@code link-traffic.png},
 * {@code latency-histogram.png}. Each has a title, axis titles with units and a legend.
 */
public final class RunPlots {
    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    /** Heatmap colours: pale for little activity, dark red for most. */
    static final Color[] HEAT = {new Color(0xFFF7EC), new Color(0xFDD49E), new Color(0xFC8D59), new Color(0xD7301F),
            new Color(0x7F0000)};

    private RunPlots() {
    }

    /**
     * Renders a tiny chart in memory. Call before a run that will draw: AWT's font setup
     * registers a JVM shutdown hook, which fails once Ctrl-C has started the shutdown, so the
     * pictures of a stopped run could not be drawn otherwise.
     */
    public static void warmUp() {
        XYChart c = new XYChartBuilder().width(40).height(30).title("warm-up").xAxisTitle("x").yAxisTitle("y").build();
        c.addSeries("s", new double[] {0, 1}, new double[] {0, 1});
        try {
            BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new IllegalStateException("cannot render charts in memory", e);
        }
    }

    /** The pictures {@link #write} writes, in order. */
    public static final List<String> FILES = List.of("raster.png", "potentials.png", "core-activity.png",
            "link-traffic.png", "latency-histogram.png");

    /** Writes every picture of {@link #FILES} into {@code dir} and returns the files. */
    public static List<Path> write(Path dir, PlotData d) {
        return write(dir, d, () -> false);
    }

    /** Writes the pictures of {@link #FILES} in order until {@code skipRest} says stop; returns those written. */
    public static List<Path> write(Path dir, PlotData d, BooleanSupplier skipRest) {
        List<Supplier<Chart<?, ?>>> charts = List.of(() -> raster(d), () -> potentials(d),
                () -> MeshHeatmaps.activity(d), () -> MeshHeatmaps.links(d), () -> latency(d));
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < charts.size() && !skipRest.getAsBoolean(); i++) {
            out.add(save(dir.resolve(FILES.get(i)), charts.get(i).get()));
        }
        return out;
    }

    static Path save(Path file, Chart<?, ?> chart) {
        try {
            AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
            return file;
        } catch (IOException e) {
            throw new MyelinInputException("cannot write " + file + ": " + AtomicFiles.reason(e));
        }
    }

    /** Most dots in a raster before it shows only the first ticks (a solid block tells nothing). */
    static final int RASTER_DOTS = 6000;
    /** Ticks of membrane potential drawn: enough to see integrate, fire and reset. */
    static final int TRACE_TICKS = 120;

    /** The first tick not drawn: all ticks, or fewer so that at most {@link #RASTER_DOTS} dots are drawn. */
    static int rasterEnd(int[] ticks) {
        if (ticks.length <= RASTER_DOTS) {
            return Integer.MAX_VALUE;
        }
        // spikes are in tick order; keep whole ticks
        return Math.max(ticks[RASTER_DOTS], 50);
    }

    static XYChart raster(PlotData d) {
        int end = rasterEnd(d.rasterTick());
        String window = end == Integer.MAX_VALUE ? "" : " (ticks 0-" + (end - 1) + ")";
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Spike raster: " + d.title() + window)
                .xAxisTitle("tick").yAxisTitle("neuron (population rows)").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(4);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setChartTitleFont(c.getStyler().getChartTitleFont().deriveFont(16f));
        for (PlotData.Group g : d.groups()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < d.rasterTick().length; i++) {
                int r = d.rasterRow()[i];
                if (d.rasterTick()[i] < end && r >= g.firstRow() && r < g.firstRow() + g.size()) {
                    x.add((double) d.rasterTick()[i]);
                    y.add((double) r);
                }
            }
            if (x.isEmpty()) {
                x.add(Double.NaN);
                y.add(Double.NaN);
            }
            c.addSeries(g.name() + " (" + g.size() + ")", x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        if (d.groups().isEmpty()) {
            c.addSeries("no populations", new double[] {0}, new double[] {0});
        }
        return c;
    }

    static XYChart potentials(PlotData d) {
        long span = d.traces().stream().mapToLong(t -> t.v().length).max().orElse(0);
        String window = span > TRACE_TICKS ? " (first " + TRACE_TICKS + " of " + span + " ticks)" : "";
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Membrane potential: " + d.title() + window)
                .xAxisTitle("tick").yAxisTitle("v (fixed-point units)").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(0);
        int drawn = 0;
        for (PlotData.Trace t : d.traces().subList(0, Math.min(3, d.traces().size()))) {
            int n = Math.min(t.v().length, TRACE_TICKS);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < x.length; i++) {
                x[i] = t.firstTick() + i;
                y[i] = t.v()[i];
            }
            if (x.length == 0) {
                continue;
            }
            c.addSeries(t.label(), x, y).setMarker(SeriesMarkers.NONE);
            drawn++;
        }
        if (drawn == 0) {
            c.setTitle("Membrane potential: no neuron probed (use --probe POP:i)");
            c.addSeries("none", new double[] {0}, new double[] {0});
        }
        return c;
    }

    static CategoryChart latency(PlotData d) {
        double[] ns = d.tickLatencyNs();
        double max = 0;
        for (double v : ns) {
            max = Math.max(max, v);
        }
        // ns below 10 us, us above: labels stay short and distinct
        boolean us = max >= 10_000;
        double scale = us ? 1000 : 1;
        double lo = Double.MAX_VALUE;
        double hi = 0;
        List<Double> values = new ArrayList<>(ns.length);
        for (double v : ns) {
            values.add(v / scale);
            lo = Math.min(lo, v / scale);
            hi = Math.max(hi, v / scale);
        }
        if (values.isEmpty()) {
            values.add(0.0);
            lo = 0;
            hi = 0;
        }
        int bins = Math.max(1, Math.min(20, (int) Math.ceil(hi - lo) + 1));
        if (hi - lo < bins) {
            lo -= 0.5;
            hi = lo + bins;
        }
        Histogram h = new Histogram(values, bins, lo, hi);
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Tick latency (modelled): " + d.title())
                .xAxisTitle("tick latency (" + (us ? "us" : "ns") + "), bin centre").yAxisTitle("ticks").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setXAxisDecimalPattern("#,##0.0");
        c.getStyler().setXAxisLabelRotation(45);
        c.addSeries(ns.length + " ticks", h.getxAxisData(), h.getyAxisData());
        return c;
    }

    static HeatMapChart heatmap(String title, String x, String y) {
        HeatMapChart c = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x)
                .yAxisTitle(y).build();
        c.getStyler().setRangeColors(HEAT);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setShowValue(true);
        c.getStyler().setHeatMapValueDecimalPattern("#,##0");
        return c;
    }
}
