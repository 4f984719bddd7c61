package dev.myelin.chip.cli;

import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.noc.MeshConfig;
import dev.myelin.chip.plot.PlotData;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.Probe;
import dev.myelin.chip.trace.RunRecorder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Gathers what the pictures need while the run goes: raster points (bounded) and row layout. */
final class PlotCollector {
    /** Most spikes drawn in the raster. */
    static final int MAX_POINTS = 200_000;
    /** Most traces drawn. */
    static final int MAX_TRACES = 8;
    /** Most ticks kept per trace (the picture shows a window of them). */
    static final int MAX_TRACE_TICKS = 100_000;

    private final Chip chip;
    private final PopulationMap names;
    private final ProbeSet probes;
    private final int[] rowBase;
    private final List<PlotData.Group> groups = new ArrayList<>();
    private final int rows;
    private int[] tick = new int[1024];
    private int[] row = new int[1024];
    private int n;
    private final long[] traceFirstTick;
    private final int[][] traceV;
    private int traceTicks;

    PlotCollector(Chip chip, PopulationMap names, ProbeSet probes) {
        this.chip = chip;
        this.names = names;
        this.probes = probes;
        int next = 0;
        List<String> pops = names.names();
        rowBase = new int[pops.size() + 1];
        for (int p = 0; p < pops.size(); p++) {
            String name = pops.get(p);
            int size = chip.image().symbols().stream().filter(s -> s.population().equals(name))
                    .mapToInt(s -> s.size()).findFirst().orElse(0);
            rowBase[p] = next;
            groups.add(new PlotData.Group(name, next, size));
            next += size;
        }
        rows = next;
        int traces = Math.min(MAX_TRACES, probes.probes().size());
        traceFirstTick = new long[traces];
        traceV = new int[traces][256];
        for (int k = 0; k < traces; k++) {
            traceFirstTick[k] = probes.probes().get(k).firstTick();
        }
    }

    /** Copies this tick's values of the traced probes (before the probe set streams them out). */
    void probeTick() {
        if (traceV.length == 0 || traceTicks >= MAX_TRACE_TICKS) {
            return;
        }
        List<Probe> ps = probes.probes();
        for (int k = 0; k < traceV.length; k++) {
            Probe p = ps.get(k);
            if (traceTicks == traceV[k].length) {
                traceV[k] = Arrays.copyOf(traceV[k], Math.min(MAX_TRACE_TICKS, traceTicks * 2));
            }
            traceV[k][traceTicks] = p.v(p.ticks() - 1);
        }
        traceTicks++;
    }

    void spike(long t, int core, int neuron) {
        int p = names.population(core, neuron);
        if (p < 0 || n >= MAX_POINTS || t > Integer.MAX_VALUE) {
            return;
        }
        if (n == tick.length) {
            tick = Arrays.copyOf(tick, n * 2);
            row = Arrays.copyOf(row, n * 2);
        }
        tick[n] = (int) t;
        row[n] = rowBase[p] + names.index(core, neuron);
        n++;
    }

    PlotData data(String title, RunRecorder rec, long[] links, MeshConfig region) {
        int width = region.width();
        int height = region.height();
        List<PlotData.Trace> traces = new ArrayList<>();
        for (int k = 0; k < traceV.length; k++) {
            traces.add(new PlotData.Trace(probes.population(k) + "[" + probes.index(k) + "]", traceFirstTick[k],
                    Arrays.copyOf(traceV[k], traceTicks)));
        }
        double[] activity = new double[width * height];
        long[] totals = rec.coreTotals();
        for (int c = 0; c < chip.layout().cores(); c++) {
            var id = chip.layout().core(c);
            activity[region.router(id.x(), id.y())] += totals[Activity.SYN_EVENTS.at(c)];
        }
        return new PlotData(title, Arrays.copyOf(tick, n), Arrays.copyOf(row, n), groups, rows, traces, width, height,
                activity, links, rec.tickTimes());
    }
}
