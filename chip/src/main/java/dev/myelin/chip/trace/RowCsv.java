package dev.myelin.chip.trace;

import java.nio.file.Path;

/**
 * A streamed CSV of integer rows under a fixed header, published atomically: the spike list
 * ({@code tick,population,index}) and probe traces ({@code tick,population,index,v[,u]}).
 */
public final class RowCsv {
    private final AtomicStream out;
    private final StringBuilder line = new StringBuilder(64);
    private long rows;

    public RowCsv(Path target, String header) {
        out = new AtomicStream(target);
        out.write(header).write("\n");
    }

    /** Spike list: {@code tick,population,index}. */
    public static RowCsv spikes(Path target) {
        return new RowCsv(target, "tick,population,index");
    }

    /** Probe traces: {@code tick,population,index,v} plus {@code u} when the datapath has one. */
    public static RowCsv probes(Path target, boolean withU) {
        return new RowCsv(target, withU ? "tick,population,index,v,u" : "tick,population,index,v");
    }

    public void spike(long tick, String population, int index) {
        line.setLength(0);
        line.append(tick).append(',').append(population).append(',').append(index).append('\n');
        out.write(line);
        rows++;
    }

    public void state(long tick, String population, int index, int v) {
        line.setLength(0);
        line.append(tick).append(',').append(population).append(',').append(index).append(',').append(v).append('\n');
        out.write(line);
        rows++;
    }

    public void state(long tick, String population, int index, int v, int u) {
        line.setLength(0);
        line.append(tick).append(',').append(population).append(',').append(index).append(',').append(v)
                .append(',').append(u).append('\n');
        out.write(line);
        rows++;
    }

    public long rows() {
        return rows;
    }

    /** Publishes the file; a partial run ends with a comment line saying where it stopped. */
    public void commit(boolean partial, long ticks) {
        out.commit(partial, ticks);
    }

    public void abort() {
        out.abort();
    }
}
