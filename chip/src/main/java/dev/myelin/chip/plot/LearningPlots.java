package dev.myelin.chip.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.nio.file.Path;
import java.util.List;

/**
 * Pictures of learning (docs/learning.md): a measured STDP window, weights before and after a
 * run, device conductance curves. Each has a title saying what it shows, axis titles with units
 * and a legend; files are written atomically.
 */
public final class LearningPlots {
    /** One named curve: x and y of equal length. */
    public record Series(String name, double[] x, double[] y) {
    }

    private LearningPlots() {
    }

    /** Weight change per pairing against the spike-time difference {@code t_post - t_pre}. */
    public static Path window(Path file, String title, double[] dtMs, double[] dw, String unit) {
        return lines(file, "STDP window: " + title, "t_post - t_pre (ms)", "weight change per pairing (" + unit + ")",
                List.of(new Series("measured on the chip", dtMs, dw)), true);
    }

    /** The weights of synapses 0..n-1 (in the order --dump-weights lists them) before and after a run. */
    public static Path weights(Path file, String title, double[] before, double[] after, String unit) {
        double[] x = new double[before.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return lines(file, "Weights before and after: " + title, "synapse (in --dump-weights order)",
                "weight (" + unit + ")", List.of(new Series("before", x, before), new Series("after", x, after)), true);
    }

    /** Any set of curves, with markers ({@code points}) or lines. */
    public static Path lines(Path file, String title, String xTitle, String yTitle, List<Series> series, boolean points) {
        XYChart c = new XYChartBuilder().width(RunPlots.WIDTH).height(RunPlots.HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        c.getStyler().setDefaultSeriesRenderStyle(points ? XYSeries.XYSeriesRenderStyle.Scatter
                : XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setMarkerSize(points ? 6 : 3);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setChartTitleFont(c.getStyler().getChartTitleFont().deriveFont(16f));
        for (Series s : series) {
            XYSeries x = c.addSeries(s.name(), s.x().length == 0 ? new double[] {Double.NaN} : s.x(),
                    s.y().length == 0 ? new double[] {Double.NaN} : s.y());
            x.setMarker(points ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        return RunPlots.save(file, c);
    }
}
