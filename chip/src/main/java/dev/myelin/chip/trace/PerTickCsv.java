package dev.myelin.chip.trace;

import dev.myelin.chip.energy.Component;

import java.nio.file.Path;
import java.util.Locale;

/**
 * SANA-FE-style per-tick CSV: one row per tick with spikes, updated neurons, synaptic
 * events, messages, hops, energy by component (pJ, modelled with the named profile) and
 * tick latency, so runs can be compared column by column; then the clocks at the end of the
 * tick: model time (ticks x dt) and chip time (see {@code ChipClock}). Host wall time is kept
 * out, so the same run writes the same file.
 */
public final class PerTickCsv implements TickSink {
    private final AtomicStream out;
    private final StringBuilder line = new StringBuilder(256);

    private final double dtMs;

    /** @param dtMs model time of one tick, ms */
    public PerTickCsv(Path target, double dtMs) {
        this.dtMs = dtMs;
        out = new AtomicStream(target);
        line.append("tick,spikes,updated_neurons,synaptic_events,messages,hops");
        for (Component c : Component.all()) {
            line.append(",energy_").append(c.key()).append("_pj");
        }
        line.append(",energy_total_pj,tick_latency_ns,profile_latency_ns,chip_tick_ns,chip_time_ns,model_time_ms\n");
        out.write(line);
    }

    @Override
    public void row(long tick, long spikes, long updated, long synEvents, long messages, long hops, double[] energyPj,
                    double tickNs, double profileNs, double chipTickNs, double chipNs) {
        line.setLength(0);
        line.append(tick).append(',').append(spikes).append(',').append(updated).append(',').append(synEvents)
                .append(',').append(messages).append(',').append(hops);
        double total = 0;
        for (double e : energyPj) {
            fixed4(line.append(','), e);
            total += e;
        }
        fixed4(line.append(','), total);
        fixed4(line.append(','), tickNs);
        fixed4(line.append(','), profileNs);
        fixed4(line.append(','), chipTickNs);
        fixed4(line.append(','), chipNs);
        fixed4(line.append(','), (tick + 1) * dtMs);
        out.write(line.append('\n'));
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

    /** Publishes the file; a partial run ends with a comment line saying where it stopped. */
    public void commit(boolean partial, long ticks) {
        out.commit(partial, ticks);
    }

    public void abort() {
        out.abort();
    }
}
