package dev.myelin.chip.trace;

import dev.myelin.chip.energy.Component;

import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SANA-FE-style per-tick CSV: one row per tick with spikes, updated neurons, synaptic
 * events, messages, hops, energy by component (pJ, modelled with the named profile) and
 * tick latency, so runs can be compared column by column; then the clocks at the end of the
 * tick: model time (ticks x dt) and chip time (see {@code ChipClock}). Host wall time is kept
 * out, so the same run writes the same file. Written with Commons CSV ({@link Csv#FORMAT}).
 */
public final class PerTickCsv implements TickSink {
    private final AtomicStream out;
    private final CSVPrinter csv;
    private final StringBuilder field = new StringBuilder(32);

    private final double dtMs;

    /** @param dtMs model time of one tick, ms */
    public PerTickCsv(Path target, double dtMs) {
        this.dtMs = dtMs;
        out = new AtomicStream(target);
        csv = Csv.printer(out);
        List<String> header = new ArrayList<>(List.of("tick", "spikes", "updated_neurons", "synaptic_events",
                "messages", "hops"));
        for (Component c : Component.all()) {
            header.add("energy_" + c.key() + "_pj");
        }
        header.addAll(List.of("energy_total_pj", "tick_latency_ns", "profile_latency_ns", "chip_tick_ns",
                "chip_time_ns", "model_time_ms"));
        try {
            csv.printRecord(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void row(long tick, long spikes, long updated, long synEvents, long messages, long hops, double[] energyPj,
                    double tickNs, double profileNs, double chipTickNs, double chipNs) {
        try {
            integer(tick);
            integer(spikes);
            integer(updated);
            integer(synEvents);
            integer(messages);
            integer(hops);
            double total = 0;
            for (double e : energyPj) {
                decimal(e);
                total += e;
            }
            decimal(total);
            decimal(tickNs);
            decimal(profileNs);
            decimal(chipTickNs);
            decimal(chipNs);
            decimal((tick + 1) * dtMs);
            csv.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void integer(long v) throws IOException {
        field.setLength(0);
        csv.print(field.append(v));
    }

    private void decimal(double v) throws IOException {
        field.setLength(0);
        csv.print(fixed4(field, v));
    }

    /** Appends {@code d} with exactly four decimals, rounded half up (no Formatter: this runs every tick). */
    static StringBuilder fixed4(StringBuilder sb, double d) {
        if (!Double.isFinite(d) || Math.abs(d) >= 1e14) {
            return sb.append(String.format(Locale.ROOT, "%.4f", d));
        }
        long scaled = Math.round(Math.abs(d) * 10_000);
        if (d < 0 && scaled != 0) {
            sb.append('-');
        }
        long frac = scaled % 10_000;
        sb.append(scaled / 10_000).append('.');
        for (long p = 1000; p > 0; p /= 10) {
            sb.append((char) ('0' + frac / p % 10));
        }
        return sb;
    }

    /** Publishes the file; a partial run ends with the comment line {@code # partial run: stopped after N ticks}. */
    public void commit(boolean partial, long ticks) {
        if (partial) {
            try {
                csv.printComment("partial run: stopped after " + ticks + " ticks");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.commit();
    }

    public void abort() {
        out.abort();
    }
}
