package dev.myelin.chip.run;

import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.neuron.LoihiMath;
import dev.myelin.chip.noc.MeshConfig;
import dev.myelin.chip.plot.PlotData;
import dev.myelin.chip.plot.RunPlots;
import dev.myelin.chip.plot.TickWindow;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.Probe;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gathers what the pictures need while the run goes, only for the ticks they show: raster
 * points (bounded), the row layout, and the membrane potential, threshold, voltage scale and
 * spikes of the first probed neurons.
 */
final class PlotCollector {
    /** Most spikes drawn in the raster. */
    static final int MAX_POINTS = 200_000;

    private final PopulationMap names;
    private final int[] rowBase;
    private final List<PlotData.Group> groups = new ArrayList<>();
    private final int rows;
    private final TickWindow window;
    /** The ticks of the raster and of the traces for a run of all the ticks asked for (a stopped run has fewer). */
    private final TickWindow rasterTicks;
    private final TickWindow traceTicks;
    private int[] tick = new int[1024];
    private int[] row = new int[1024];
    private int n;
    private boolean capped;
    private final int probed;
    private final List<Probe> traced;
    private final String[] labels;
    private final int[] thresholds;
    private final int[] spreads;
    private final Symbol.Scale[] scales;
    private final int[][] traceV;
    private final long[][] spikes;
    private final int[] spikeCount;
    /** Per core (null when none there), per neuron: the traced probe, or -1. */
    private final int[][] traceOf;
    private int traceTicksKept;

    /**
     * @param window the ticks asked for ({@code --plot-ticks}), or null
     * @param ticks  the ticks the run was asked to run
     */
    PlotCollector(Chip chip, PopulationMap names, ProbeSet probes, TickWindow window, long ticks) {
        this(chip.image(), chip.layout(), names, probes, window, ticks);
    }

    /** @param image the network as run (its symbols, and the probed neurons' thresholds) */
    PlotCollector(dev.myelin.isa.model.NetworkImage image, dev.myelin.chip.sim.ChipLayout layout, PopulationMap names,
                  ProbeSet probes, TickWindow window, long ticks) {
        this.names = names;
        this.window = window;
        this.rasterTicks = PlotData.rasterTicks(window, ticks);
        this.traceTicks = PlotData.traceTicks(window, ticks);
        int next = 0;
        List<String> pops = names.names();
        rowBase = new int[pops.size() + 1];
        for (int p = 0; p < pops.size(); p++) {
            String name = pops.get(p);
            int size = image.symbols().stream().filter(s -> s.population().equals(name))
                    .mapToInt(s -> s.size()).findFirst().orElse(0);
            rowBase[p] = next;
            groups.add(new PlotData.Group(name, next, size));
            next += size;
        }
        rows = next;
        List<Probe> all = probes.probes();
        probed = all.size();
        int k = Math.min(RunPlots.MAX_TRACES, all.size());
        traced = all.subList(0, k);
        labels = new String[k];
        thresholds = new int[k];
        spreads = new int[k];
        scales = new Symbol.Scale[k];
        int length = traceTicks == null ? 0 : (int) traceTicks.length();
        traceV = new int[k][length];
        spikes = new long[k][4];
        spikeCount = new int[k];
        traceOf = new int[layout.cores()][];
        for (int i = 0; i < k; i++) {
            Probe p = traced.get(i);
            String pop = probes.population(i);
            labels[i] = pop + "[" + probes.index(i) + "]";
            scales[i] = image.symbols().stream().filter(s -> s.population().equals(pop)).findFirst()
                    .map(Symbol::scale).orElse(null);
            CoreImage core = image.cores().stream().filter(c -> c.id().equals(p.coreId())).findFirst()
                    .orElseThrow();
            thresholds[i] = threshold(core, p.neuron());
            spreads[i] = thresholdSpread(core, p.neuron());
            if (traceOf[p.core()] == null) {
                traceOf[p.core()] = new int[layout.neurons(p.core())];
                Arrays.fill(traceOf[p.core()], -1);
            }
            traceOf[p.core()][p.neuron()] = i;
        }
    }

    /** The neuron's firing threshold in LSB of v: TrueNorth alpha, Loihi {@code vth << 6}. */
    static int threshold(CoreImage core, int neuron) {
        if (core.neurons() instanceof TrueNorthNeurons tn) {
            return tn.alpha()[neuron];
        }
        return LoihiMath.thresholdOf(((LoihiNeurons) core.neurons()).vth()[neuron]);
    }

    /** The largest random addition to the threshold: TrueNorth's {@code 2^TM - 1}, else 0. */
    static int thresholdSpread(CoreImage core, int neuron) {
        if (core.neurons() instanceof TrueNorthNeurons tn) {
            return (1 << tn.thresholdMaskBits()[neuron]) - 1;
        }
        return 0;
    }

    /** Copies tick {@code t}'s values of the traced probes (before the probe set streams them out). */
    void probeTick(long t) {
        probeTick(t, k -> traced.get(k).v(traced.get(k).ticks() - 1));
    }

    /** Tick {@code t}'s values of the traced probes, {@code v.applyAsInt(k)} for the k-th of them. */
    void probeTick(long t, java.util.function.IntUnaryOperator v) {
        if (traceTicks == null || !traceTicks.contains(t)) {
            return;
        }
        for (int k = 0; k < traced.size(); k++) {
            traceV[k][(int) (t - traceTicks.first())] = v.applyAsInt(k);
        }
        traceTicksKept = (int) (t - traceTicks.first()) + 1;
    }

    void spike(long t, int core, int neuron) {
        if (traceOf[core] != null && traceOf[core][neuron] >= 0 && traceTicks != null && traceTicks.contains(t)) {
            int k = traceOf[core][neuron];
            if (spikeCount[k] == spikes[k].length) {
                spikes[k] = Arrays.copyOf(spikes[k], spikeCount[k] * 2);
            }
            spikes[k][spikeCount[k]++] = t;
        }
        int p = names.population(core, neuron);
        if (p < 0 || rasterTicks == null || !rasterTicks.contains(t) || t > Integer.MAX_VALUE) {
            return;
        }
        if (n >= MAX_POINTS) {
            capped = true;
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

    /** Synaptic events per router of the modelled region ({@link MeshConfig#router}), from the run's per-core totals. */
    static double[] synEventsPerRouter(Chip chip, long[] coreTotals, MeshConfig region) {
        double[] activity = new double[region.routers()];
        for (int c = 0; c < chip.layout().cores(); c++) {
            var id = chip.layout().core(c);
            activity[region.router(id.x(), id.y())] += coreTotals[Activity.SYN_EVENTS.at(c)];
        }
        return activity;
    }

    /**
     * @param synEvents   synaptic events per router of the modelled region
     * @param links       packets per link of the region
     * @param ticks       ticks the run completed
     * @param tickTimesNs each tick's modelled latency
     */
    PlotData data(String title, double dtMs, long ticks, double[] synEvents, long[] links, MeshConfig region,
                  double[] tickTimesNs) {
        List<PlotData.Trace> traces = new ArrayList<>();
        for (int k = 0; k < traced.size(); k++) {
            traces.add(new PlotData.Trace(labels[k], traceTicks == null ? 0 : traceTicks.first(),
                    Arrays.copyOf(traceV[k], traceTicksKept), thresholds[k], spreads[k], scales[k],
                    Arrays.copyOf(spikes[k], spikeCount[k])));
        }
        return new PlotData(title, dtMs, ticks, window, Arrays.copyOf(tick, n), Arrays.copyOf(row, n), capped, groups,
                rows, traces, probed, region.width(), region.height(), region.originX(), region.originY(), synEvents, links,
                tickTimesNs);
    }
}
