package dev.myelin.chip.plot;

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
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Writes the pictures of a run as PNG files (headless): {@code raster.png}, {@code potentials.png}
 * (then {@code potentials-2.png}, ... when more neurons were probed than one page holds),
 * {@code core-activity.png}, {@code link-traffic.png}, {@code latency-histogram.png}. Each has a
 * title saying what it shows (and what it leaves out), axis titles with units and a legend.
 */
public final class RunPlots {
    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    /** Heatmap colours: pale for little activity, dark red for most. */
    static final Color[] HEAT = {new Color(0xFFF7EC), new Color(0xFDD49E), new Color(0xFC8D59), new Color(0xD7301F),
            new Color(0x7F0000)};
    /** Most dots in a raster without {@code --plot-ticks} before it shows only the first ticks (a solid block tells nothing). */
    static final int RASTER_DOTS = 6000;
    /** Panels of membrane potential on one page (4 x 4). */
    static final int PANELS_PER_PAGE = 16;
    /** Pages of membrane potential at most; neurons probed beyond them are left out, and the pages say so. */
    static final int MAX_PAGES = 8;
    /** Most membrane-potential traces drawn. */
    public static final int MAX_TRACES = PANELS_PER_PAGE * MAX_PAGES;

    private static final Color THRESHOLD = new Color(0xC0392B);

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
        png(BitmapEncoder.getBufferedImage(c));
    }

    /** Every picture {@link #write} may write, in order (potentials pages beyond the first only when needed). */
    public static final List<String> FILES = files();

    private static List<String> files() {
        List<String> f = new ArrayList<>(List.of("raster.png"));
        for (int p = 0; p < MAX_PAGES; p++) {
            f.add(potentialsFile(p));
        }
        f.addAll(List.of("core-activity.png", "link-traffic.png", "latency-histogram.png"));
        return List.copyOf(f);
    }

    /** Writes every picture into {@code dir} and returns the files. */
    public static List<Path> write(Path dir, PlotData d) {
        return write(dir, d, () -> false);
    }

    /** Writes the pictures in order until {@code skipRest} says stop; returns those written. */
    public static List<Path> write(Path dir, PlotData d, BooleanSupplier skipRest) {
        List<Path> out = new ArrayList<>();
        List<Runnable> pictures = List.of(
                () -> out.add(save(dir.resolve("raster.png"), raster(d))),
                () -> {
                    List<BufferedImage> pages = potentials(d);
                    for (int p = 0; p < pages.size(); p++) {
                        out.add(save(dir.resolve(potentialsFile(p)), pages.get(p)));
                    }
                },
                () -> out.add(save(dir.resolve("core-activity.png"), MeshHeatmaps.activity(d))),
                () -> out.add(save(dir.resolve("link-traffic.png"), MeshHeatmaps.links(d))),
                () -> out.add(save(dir.resolve("latency-histogram.png"), latency(d))));
        for (Runnable picture : pictures) {
            if (skipRest.getAsBoolean()) {
                break;
            }
            picture.run();
        }
        return out;
    }

    /** {@code potentials.png}, then {@code potentials-2.png}, ... for page {@code page} (from 0). */
    static String potentialsFile(int page) {
        return page == 0 ? "potentials.png" : "potentials-" + (page + 1) + ".png";
    }

    static Path save(Path file, Chart<?, ?> chart) {
        return save(file, BitmapEncoder.getBufferedImage(chart));
    }

    static Path save(Path file, BufferedImage image) {
        AtomicFiles.write(file, png(image));
        return file;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a PNG in memory", e);
        }
        return bytes.toByteArray();
    }

    // ---- text ---------------------------------------------------------------------------------

    /** A number as the pictures print it: grouped thousands, at most 4 decimals, no trailing zeros. */
    static String num(double v) {
        DecimalFormat f = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
        String s = f.format(v);
        return s.equals("-0") ? "0" : s;
    }

    /** {@code tick 7} or {@code ticks 100-199}. */
    static String ticks(TickWindow w) {
        return w.first() == w.last() ? "tick " + w.first() : "ticks " + w.first() + "-" + w.last();
    }

    /** The title of a time axis: model time in ms, with the tick length it is counted in. */
    static String timeAxis(double dtMs) {
        return "model time (ms) = tick x dt, dt = " + num(dtMs) + " ms";
    }

    /** Why a picture has no ticks to show: none ran, or the run stopped before the asked window. */
    static String nothingRun(PlotData d) {
        return d.ticks() == 0 ? "no tick run" : "the run stopped after " + num(d.ticks()) + " ticks, before "
                + ticks(d.window());
    }

    /** Shows exactly the ticks of {@code w} on the time axis. */
    private static void timeRange(XYChart c, TickWindow w, double dtMs) {
        if (w != null && w.first() < w.last()) {
            c.getStyler().setXAxisMin(w.first() * dtMs);
            c.getStyler().setXAxisMax(w.last() * dtMs);
        }
    }

    // ---- spike raster -------------------------------------------------------------------------

    /** The first tick not drawn by default: all ticks, or fewer so that at most {@link #RASTER_DOTS} dots are drawn. */
    static int rasterEnd(int[] ticks) {
        if (ticks.length <= RASTER_DOTS) {
            return Integer.MAX_VALUE;
        }
        // spikes are in tick order; keep whole ticks
        return Math.max(ticks[RASTER_DOTS], 50);
    }

    /** The ticks the raster draws and the title's account of them. */
    record RasterSpan(TickWindow ticks, String text) {
    }

    static RasterSpan rasterSpan(PlotData d) {
        TickWindow w = d.rasterTicks();
        if (w == null) {
            return new RasterSpan(null, nothingRun(d));
        }
        if (d.window() == null) {
            int end = rasterEnd(d.rasterTick());
            if (end <= w.last()) {
                return new RasterSpan(new TickWindow(0, end - 1), ticks(new TickWindow(0, end - 1)) + " of "
                        + num(d.ticks()) + " (--plot-ticks A:B draws others)");
            }
            return new RasterSpan(w, "all " + num(d.ticks()) + (d.ticks() == 1 ? " tick" : " ticks"));
        }
        return new RasterSpan(w, ticks(w) + (d.rasterCapped() ? " (its first " + num(d.rasterTick().length)
                + " spikes)" : ""));
    }

    static XYChart raster(PlotData d) {
        RasterSpan span = rasterSpan(d);
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Spike raster: " + d.title() + ", " + span.text())
                .xAxisTitle(timeAxis(d.dtMs())).yAxisTitle("neuron (population rows)").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(4);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setChartTitleFont(c.getStyler().getChartTitleFont().deriveFont(16f));
        timeRange(c, span.ticks(), d.dtMs());
        for (PlotData.Group g : d.groups()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < d.rasterTick().length; i++) {
                int r = d.rasterRow()[i];
                if (span.ticks() != null && span.ticks().contains(d.rasterTick()[i]) && r >= g.firstRow()
                        && r < g.firstRow() + g.size()) {
                    x.add(d.rasterTick()[i] * d.dtMs());
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

    // ---- membrane potentials ------------------------------------------------------------------

    /** Columns of a page of {@code n} panels: 1, 2, 3 or 4. */
    static int columns(int n) {
        return n <= 1 ? 1 : n <= 4 ? 2 : n <= 9 ? 3 : 4;
    }

    private static final int[][] PANEL_SIZE = {{WIDTH, HEIGHT}, {640, 420}, {540, 360}, {480, 330}};

    /** One page per {@link #PANELS_PER_PAGE} traces (at most {@link #MAX_PAGES}), a panel per probed neuron. */
    static List<BufferedImage> potentials(PlotData d) {
        TickWindow w = d.traceTicks();
        List<PlotData.Trace> ts = d.traces();
        if (ts.isEmpty() || w == null) {
            XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                    .title("Membrane potential: " + (ts.isEmpty() ? "no neuron probed (use --probe POP:i)" : nothingRun(d)))
                    .xAxisTitle(timeAxis(d.dtMs())).yAxisTitle("v").build();
            c.addSeries("none", new double[] {0}, new double[] {0});
            return List.of(BitmapEncoder.getBufferedImage(c));
        }
        int pages = (ts.size() + PANELS_PER_PAGE - 1) / PANELS_PER_PAGE;
        List<BufferedImage> out = new ArrayList<>();
        for (int p = 0; p < pages; p++) {
            List<PlotData.Trace> on = ts.subList(p * PANELS_PER_PAGE, Math.min(ts.size(), (p + 1) * PANELS_PER_PAGE));
            int cols = columns(on.size());
            int[] size = PANEL_SIZE[cols - 1];
            List<XYChart> panels = new ArrayList<>();
            for (PlotData.Trace t : on) {
                panels.add(panel(t, w, d.dtMs(), size[0], size[1]));
            }
            out.add(page(pageTitle(d, p, pages), panels, cols));
        }
        return out;
    }

    /** The two header lines of page {@code page} (from 0) of {@code pages}: which neurons, which ticks. */
    static List<String> pageTitle(PlotData d, int page, int pages) {
        int from = page * PANELS_PER_PAGE + 1;
        int to = Math.min(d.traces().size(), (page + 1) * PANELS_PER_PAGE);
        String who = (from == to ? "probed neuron " + from : "probed neurons " + from + "-" + to) + " of " + d.probed()
                + (pages > 1 ? " (page " + (page + 1) + " of " + pages + ")" : "");
        TickWindow w = d.traceTicks();
        String when;
        if (d.window() == null) {
            when = w.length() < d.ticks() ? ticks(w) + " of " + num(d.ticks()) + " (--plot-ticks A:B draws others)"
                    : "all " + num(d.ticks()) + (d.ticks() == 1 ? " tick" : " ticks");
        } else {
            TickWindow asked = d.rasterTicks();
            when = ticks(w) + (w.length() < asked.length() ? " (the first " + num(w.length()) + " of " + ticks(asked) + ")" : "");
        }
        String left = d.traces().size() < d.probed() ? "; only the first " + d.traces().size() + " of " + d.probed()
                + " probed neurons are drawn (the probe CSV has all)" : "";
        return List.of("Membrane potential: " + d.title() + ", " + who,
                when + "; line: the neuron's threshold, markers: its spikes" + left);
    }

    /** The name of the threshold series, e.g. {@code threshold 6 mV} (TrueNorth: {@code + 0-3 LSB random}). */
    static String thresholdLabel(PlotData.Trace t) {
        String s = "threshold " + num(t.value(t.threshold())) + " " + t.unit();
        if (t.thresholdSpread() > 0) {
            double spread = t.value(t.threshold() + t.thresholdSpread()) - t.value(t.threshold());
            s += " (+ up to " + num(spread) + " random)";
        }
        return s;
    }

    /** One probed neuron: v over model time, its threshold as a line, its spikes as markers on that line. */
    static XYChart panel(PlotData.Trace t, TickWindow w, double dtMs, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(t.label()).xAxisTitle(timeAxis(dtMs))
                .yAxisTitle(t.scale() == null ? "v (LSB; the binary gives no mV scale)" : "v (mV)").build();
        Styler s = c.getStyler();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setMarkerSize(8);
        timeRange(c, w, dtMs);
        int n = t.v().length;
        double[] x = new double[Math.max(1, n)];
        double[] y = new double[Math.max(1, n)];
        if (n == 0) {
            x[0] = Double.NaN;
            y[0] = Double.NaN;
        }
        for (int i = 0; i < n; i++) {
            x[i] = (t.firstTick() + i) * dtMs;
            y[i] = t.value(t.v()[i]);
        }
        XYSeries v = c.addSeries("v", x, y);
        v.setMarker(SeriesMarkers.NONE);
        v.setLineColor(new Color(0x2E5CB8));
        double th = t.value(t.threshold());
        XYSeries line = c.addSeries(thresholdLabel(t), new double[] {w.first() * dtMs, w.last() * dtMs},
                new double[] {th, th});
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(THRESHOLD);
        line.setLineStyle(SeriesLines.DASH_DASH);
        double[] sx = new double[Math.max(1, t.spikeTicks().length)];
        double[] sy = new double[sx.length];
        if (t.spikeTicks().length == 0) {
            sx[0] = Double.NaN;
            sy[0] = Double.NaN;
        }
        for (int i = 0; i < t.spikeTicks().length; i++) {
            sx[i] = t.spikeTicks()[i] * dtMs;
            sy[i] = th;
        }
        XYSeries spikes = c.addSeries(t.spikeTicks().length == 0 ? "no spike" : "spike (" + t.spikeTicks().length + ")",
                sx, sy);
        spikes.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        spikes.setMarker(SeriesMarkers.TRIANGLE_DOWN);
        spikes.setMarkerColor(THRESHOLD);
        return c;
    }

    /**
     * Charts laid out {@code cols} to a row under a header of one or two lines (the first bold),
     * as one picture.
     */
    static BufferedImage page(List<String> header, List<? extends Chart<?, ?>> panels, int cols) {
        int pw = panels.get(0).getWidth();
        int ph = panels.get(0).getHeight();
        int rows = (panels.size() + cols - 1) / cols;
        Styler style = panels.get(0).getStyler();
        Font bold = style.getChartTitleFont().deriveFont(Font.BOLD, 17f);
        Font plain = style.getChartTitleFont().deriveFont(Font.PLAIN, 14f);
        int head = 14 + 26 * header.size();
        BufferedImage img = new BufferedImage(pw * cols, head + ph * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(style.getChartBackgroundColor());
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setColor(style.getChartFontColor());
            for (int i = 0; i < header.size(); i++) {
                g.setFont(i == 0 ? bold : plain);
                FontMetrics fm = g.getFontMetrics();
                String line = header.get(i);
                g.drawString(line, Math.max(4, (img.getWidth() - fm.stringWidth(line)) / 2), 30 + 26 * i);
            }
            for (int k = 0; k < panels.size(); k++) {
                g.drawImage(BitmapEncoder.getBufferedImage(panels.get(k)), (k % cols) * pw, head + (k / cols) * ph, null);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    // ---- tick latency -------------------------------------------------------------------------

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

    /** A heatmap whose colour scale runs from 0 to {@code top}. */
    static HeatMapChart heatmap(String title, String x, String y, double top, int width, int height) {
        HeatMapChart c = new HeatMapChartBuilder().width(width).height(height).title(title).xAxisTitle(x)
                .yAxisTitle(y).build();
        c.getStyler().setRangeColors(HEAT);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setShowValue(true);
        c.getStyler().setHeatMapValueDecimalPattern("#,##0");
        c.getStyler().setMin(0);
        c.getStyler().setMax(Math.max(1, top));
        return c;
    }
}
