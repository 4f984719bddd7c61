package dev.myelin.compiler.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The mapping report as text: fit, cores per population, limits per core, quantisation, traffic, pass times. */
public final class MappingReport {
    /** Cores listed one by one up to this many; beyond it the fullest are listed. */
    static final int CORES_LISTED = 48;

    private MappingReport() {
    }

    public static String text(ReportData r) {
        StringBuilder b = new StringBuilder();
        f(b, "Mapping report: network '%s' on %s (datapath %s), dt = %s ms%n", r.network(), r.arch(), r.datapath(),
                num(r.dtMs()));
        f(b, "  fits: %d neurons, %d synapses on %d of %d cores (%.1f%%)%n%n", r.neurons(), r.synapses(),
                r.coresUsed(), r.coresAvailable(), 100.0 * r.coresUsed() / r.coresAvailable());
        if (r.neuronCopies() > 0) {
            b.setLength(b.length() - 1);
            f(b, "  neuron copies: %d (TrueNorth: one per target beyond a neuron's first; they fire with it)%n%n",
                    r.neuronCopies());
        }
        b.append("Populations\n");
        f(b, "  %-16s %-10s %9s %6s %10s  %s%n", "name", "model", "neurons", "cores", "est. Hz", "lowering");
        for (ReportData.PopRow p : r.populations()) {
            f(b, "  %-16s %-10s %9d %6d %10.2f  %s%n", p.name(), p.model(), p.size(), p.cores(), p.rateHz(),
                    p.notes().isEmpty() ? "" : p.notes().get(0));
            for (int k = 1; k < p.notes().size(); k++) {
                f(b, "  %-56s  %s%n", "", p.notes().get(k));
            }
        }
        b.append("\nProjections (quantisation error = sum |stored - exact| / sum |exact|)\n");
        f(b, "  %-24s %10s %9s  %s%n", "name", "synapses", "error", "format");
        for (ReportData.ProjRow p : r.projections()) {
            f(b, "  %-24s %10d %8.3f%%  %s%n", p.name(), p.synapses(), 100 * p.relError(), p.format());
        }
        inputs(b, r);
        cores(b, r);
        b.append("\nTraffic (packets per tick between cores, from firing-rate estimates of at least "
                + dev.myelin.compiler.place.Traffic.RATE_FLOOR + " spikes per neuron per tick)\n");
        f(b, "  packets per tick:              %.3f%n", r.packetsPerTick());
        f(b, "  traffic-weighted hops, placed:    %.3f (initial %.3f, %d improvement sweeps)%n", r.placedCost(),
                r.initialCost(), r.sweeps());
        f(b, "  traffic-weighted hops, row-major: %.3f%n", r.naiveCost());
        if (r.naiveCost() > 0) {
            f(b, "  placement saves %.1f%% of row-major hop traffic%n", 100 * (1 - r.placedCost() / r.naiveCost()));
        }
        b.append("\nPass times (ms)\n");
        for (Map.Entry<String, Double> e : r.passMs().entrySet()) {
            f(b, "  %-10s %10.1f%n", e.getKey(), e.getValue());
        }
        if (!r.warnings().isEmpty()) {
            b.append("\nWarnings\n");
            r.warnings().forEach(w -> b.append("  ").append(w).append('\n'));
        }
        return b.toString();
    }

    private static void inputs(StringBuilder b, ReportData r) {
        if (r.inputs().isEmpty()) {
            return;
        }
        b.append("\nInputs (axons: injected into the target axons; on_chip: input neurons on input cores send messages)\n");
        f(b, "  %-16s %-9s %7s %14s %6s %8s%n", "name", "delivery", "lines", "input neurons", "cores", "targets");
        for (ReportData.InputRow i : r.inputs()) {
            f(b, "  %-16s %-9s %7d %14d %6d %8d%n", i.name(), i.delivery(), i.lines(), i.inputNeurons(), i.cores(),
                    i.targets());
        }
    }

    private static void cores(StringBuilder b, ReportData r) {
        ReportData.Limits l = r.limits();
        f(b, "%nCore utilisation (limits: %d neurons, %d axons, %d bytes, %d targets, %d axon types)%n", l.neurons(),
                l.axons(), l.memoryBytes(), l.fanOut(), l.axonTypes());
        List<ReportData.CoreRow> rows = r.cores();
        f(b, "  max: neurons %.1f%%, axons %.1f%%, memory %.1f%%, fan-out %.1f%%%n",
                max(rows, c -> pct(c.neurons(), l.neurons())), max(rows, c -> pct(c.axons(), l.axons())),
                max(rows, c -> pct(c.memoryBytes(), l.memoryBytes())), max(rows, c -> pct(c.fanOut(), l.fanOut())));
        if (rows.size() > CORES_LISTED) {
            rows = rows.stream().sorted(Comparator.comparingDouble((ReportData.CoreRow c) -> -Math.max(
                    pct(c.neurons(), l.neurons()), pct(c.axons(), l.axons()))).thenComparing(ReportData.CoreRow::id))
                    .limit(CORES_LISTED).toList();
            f(b, "  the %d fullest of %d cores:%n", CORES_LISTED, r.cores().size());
        }
        f(b, "  %-14s %-16s %15s %8s %8s %9s %-8s %9s %8s %8s%n", "core", "population", "neurons [from,to)", "used",
                "axons", "synapses", "encoding", "bytes", "memory", "targets");
        for (ReportData.CoreRow c : rows) {
            f(b, "  %-14s %-16s %15s %7.1f%% %7.1f%% %9d %-8s %9d %7.1f%% %7.1f%%%n", c.id(), c.population(),
                    "[" + c.from() + "," + c.to() + ")", pct(c.neurons(), l.neurons()), pct(c.axons(), l.axons()),
                    c.synapses(), c.encoding(), c.memoryBytes(), pct(c.memoryBytes(), l.memoryBytes()),
                    pct(c.fanOut(), l.fanOut()));
        }
    }

    static double pct(long used, long limit) {
        return 100.0 * used / limit;
    }

    private static double max(List<ReportData.CoreRow> rows, java.util.function.ToDoubleFunction<ReportData.CoreRow> f) {
        return rows.stream().mapToDouble(f).max().orElse(0);
    }

    private static void f(StringBuilder b, String fmt, Object... args) {
        b.append(String.format(Locale.ROOT, fmt, args));
    }

    static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
