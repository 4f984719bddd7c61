package dev.myelin.chip.trace;

import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A streamed CSV under a fixed header, published atomically: the spike list
 * ({@code tick,population,index}) and probe traces ({@code tick,population,index,v[,u]}).
 * Written with Commons CSV in {@link Csv#FORMAT}: a label holding a comma, such as the
 * {@code core(0,0,0)} of a neuron outside every population, is quoted. Numbers go through
 * one reused buffer, so a row allocates nothing.
 */
public final class RowCsv {
    private final AtomicStream out;
    private final CSVPrinter csv;
    private final StringBuilder num = new StringBuilder(24);
    private long rows;

    public RowCsv(Path target, String... header) {
        out = new AtomicStream(target);
        csv = Csv.printer(out);
        try {
            csv.printRecord((Object[]) header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Spike list: {@code tick,population,index}. */
    public static RowCsv spikes(Path target) {
        return new RowCsv(target, "tick", "population", "index");
    }

    /** Probe traces: {@code tick,population,index,v} plus {@code u} when the datapath has one. */
    public static RowCsv probes(Path target, boolean withU) {
        return withU ? new RowCsv(target, "tick", "population", "index", "v", "u")
                : new RowCsv(target, "tick", "population", "index", "v");
    }

    public void spike(long tick, String population, int index) {
        try {
            number(tick);
            csv.print(population);
            number(index);
            csv.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    public void state(long tick, String population, int index, int v) {
        try {
            number(tick);
            csv.print(population);
            number(index);
            number(v);
            csv.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    public void state(long tick, String population, int index, int v, int u) {
        try {
            number(tick);
            csv.print(population);
            number(index);
            number(v);
            number(u);
            csv.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    private void number(long value) throws IOException {
        num.setLength(0);
        csv.print(num.append(value));
    }

    public long rows() {
        return rows;
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
