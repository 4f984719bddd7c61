package dev.myelin.chip.trace;

import dev.myelin.chip.energy.Component;

import java.nio.file.Path;
import java.util.Locale;

/**
 * SANA-FE-style per-tick CSV: one row per tick with spikes, updated neurons, synaptic
 * events, messages, hops, energy by component (pJ, modelled with the named profile) and
 * tick latency, so runs can be compared column by column.
 */
public final class PerTickCsv implements TickSink {
    private final AtomicStream out;
    private final StringBuilder line = new StringBuilder(256);

    public PerTickCsv(Path target) {
        out = new AtomicStream(target);
        line.append("tick,spikes,updated_neurons,synaptic_events,messages,hops");
        for (Component c : Component.all()) {
            line.append(",energy_").append(c.key()).append("_pj");
        }
        line.append(",energy_total_pj,tick_latency_ns,profile_latency_ns\n");
        out.write(line);
    }

    @Override
    public void row(long tick, long spikes, long updated, long synEvents, long messages, long hops, double[] energyPj,
                    double tickNs, double profileNs) {
        line.setLength(0);
        line.append(tick).append(',').append(spikes).append(',').append(updated).append(',').append(synEvents)
                .append(',').append(messages).append(',').append(hops);
        double total = 0;
        for (double e : energyPj) {
            line.append(',').append(num(e));
            total += e;
        }
        line.append(',').append(num(total)).append(',').append(num(tickNs)).append(',').append(num(profileNs))
                .append('\n');
        out.write(line);
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }

    /** Publishes the file; a partial run ends with a comment line saying where it stopped. */
    public void commit(boolean partial, long ticks) {
        if (partial) {
            out.write("# partial run: stopped after " + ticks + " ticks\n");
        }
        out.commit();
    }

    public void abort() {
        out.abort();
    }
}
