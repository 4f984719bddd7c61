package dev.myelin.chip.noc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Latency versus offered load: a series of {@link SyntheticRun}s and the saturation point they show. */
public final class LoadSweep {
    /** Consecutive unstable points after which a sweep stops (latency past them is not a number). */
    public static final int STOP_AFTER_UNSTABLE = 2;

    private LoadSweep() {
    }

    /** One run per offered rate {@code step, 2 step, ...} up to {@code max}, stopping once saturation is clear. */
    public static List<SyntheticRun.Result> sweep(MeshConfig cfg, SyntheticRun.Settings base, double step, double max) {
        List<SyntheticRun.Result> out = new ArrayList<>();
        int unstable = 0;
        for (int i = 1; i * step <= max + 1e-12 && unstable < STOP_AFTER_UNSTABLE; i++) {
            SyntheticRun.Result r = SyntheticRun.run(cfg, base.withRate(Math.min(1.0, i * step)));
            out.add(r);
            unstable = r.unstable() ? unstable + 1 : 0;
        }
        return out;
    }

    /**
     * The offered rate at which the network saturates ({@link SyntheticRun.Result#saturated()}),
     * found by bisection between {@code lo} (not saturated) and {@code hi} (saturated).
     *
     * @return the midpoint of the final bracket, within {@code (hi - lo) / 2^(iterations+1)}
     */
    public static double saturationRate(MeshConfig cfg, SyntheticRun.Settings base, double lo, double hi,
                                        int iterations) {
        double a = lo;
        double b = hi;
        for (int i = 0; i < iterations; i++) {
            double mid = (a + b) / 2;
            if (SyntheticRun.run(cfg, base.withRate(mid)).saturated()) {
                b = mid;
            } else {
                a = mid;
            }
        }
        return (a + b) / 2;
    }

    /** The first saturated point's requested rate, or NaN if none saturated. */
    public static double firstSaturated(List<SyntheticRun.Result> points) {
        return points.stream().filter(SyntheticRun.Result::saturated).mapToDouble(SyntheticRun.Result::rate)
                .findFirst().orElse(Double.NaN);
    }

    /** Column names of {@link #csvRow}. */
    public static final List<String> CSV_HEADER = List.of("offered_rate", "accepted_rate", "packet_latency_avg",
            "packet_latency_p99", "network_latency_avg", "hops_avg", "saturated");

    /** One CSV record's fields; latencies of an unstable run are empty (not a number). */
    public static List<String> csvRow(SyntheticRun.Result r) {
        List<String> f = new ArrayList<>();
        f.add(String.format(Locale.ROOT, "%.4f", r.rate()));
        f.add(String.format(Locale.ROOT, "%.4f", r.acceptedRate()));
        f.add(r.unstable() ? "" : String.format(Locale.ROOT, "%.4f", r.packetLatency().mean()));
        f.add(r.unstable() ? "" : Long.toString(r.packetLatency().percentile(99)));
        f.add(r.unstable() ? "" : String.format(Locale.ROOT, "%.4f", r.networkLatency().mean()));
        f.add(String.format(Locale.ROOT, "%.4f", r.hops().mean()));
        f.add(Boolean.toString(r.saturated()));
        return f;
    }
}
