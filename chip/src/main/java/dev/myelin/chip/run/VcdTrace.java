package dev.myelin.chip.run;

import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipLayout;
import dev.myelin.chip.sim.Probe;
import dev.myelin.chip.timing.MeshNetwork;
import dev.myelin.chip.trace.VcdWriter;
import dev.myelin.isa.io.Version;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's VCD: a scope per core ({@code core_x_y_s}) with a spike wire per neuron (named by
 * population) and the probed neurons' potentials as signed 32-bit values; a {@code noc} scope
 * with, per router in use, the messages its cores sent in the tick and the fullest input FIFO
 * of the tick (cycle timing; 0 in simple timing, where the mesh is not simulated); a
 * {@code clocks} scope with each tick's chip time (ns, a real; constant for fixed-period chips),
 * since the VCD's own time axis is model time (tick k at k x dt).
 */
final class VcdTrace {
    /** Most spike wires declared; neurons beyond it are left out of the VCD (stated in its header). */
    static final int MAX_WIRES = 1 << 16;

    /** The tick's spikes and probed potentials: the chip's, or a partitioned run's gathered from its members. */
    interface View {
        int firedCount(int core);

        int fired(int core, int k);

        /** V of probe {@code i} after the tick. */
        int probeV(int i);
    }

    private final VcdWriter w;
    private final View chip;
    private final int[] wireBase;
    private final int[] coreWires;
    private final List<Probe> probes;
    private final int[] probeVar;
    private final int[] routerVar;
    private final int[] routerOfCore;
    private final long[] routerMsgs;
    private final MeshNetwork mesh;
    private final int[] fifoVar;
    private final int[] meshRouter;
    private final int chipTickVar;

    VcdTrace(Path file, Chip chip, PopulationMap names, List<Probe> probes, MeshNetwork mesh) {
        this(file, chip, new View() {
            @Override
            public int firedCount(int core) {
                return chip.firedCount(core);
            }

            @Override
            public int fired(int core, int k) {
                return chip.fired(core, k);
            }

            @Override
            public int probeV(int i) {
                return chip.v(probes.get(i).core(), probes.get(i).neuron());
            }
        }, names, probes, mesh);
    }

    /** @param view the tick's spikes and probe values ({@code chip} gives the layout and the image only) */
    VcdTrace(Path file, Chip chip, View view, PopulationMap names, List<Probe> probes, MeshNetwork mesh) {
        this.chip = view;
        this.mesh = mesh;
        this.probes = probes;
        ChipLayout l = chip.layout();
        w = new VcdWriter(file, chip.image().dtMs());
        wireBase = new int[l.cores()];
        coreWires = new int[l.cores()];
        int wires = 0;
        int[] scopes = new int[l.cores()];
        for (int c = 0; c < l.cores(); c++) {
            var id = l.core(c);
            scopes[c] = w.scope("core_" + id.x() + "_" + id.y() + "_" + id.slot());
            coreWires[c] = Math.max(0, Math.min(l.neurons(c), MAX_WIRES - wires));
            for (int j = 0; j < coreWires[c]; j++) {
                int v = w.wire(scopes[c], "spike_" + names.label(c, j) + "[" + names.labelIndex(c, j) + "]");
                if (j == 0) {
                    wireBase[c] = v;
                }
            }
            wires += coreWires[c];
        }
        probeVar = new int[probes.size()];
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            probeVar[i] = w.integer(scopes[p.core()], "v_" + names.label(p.core(), p.neuron()) + "["
                    + names.labelIndex(p.core(), p.neuron()) + "]", 32);
        }
        int noc = w.scope("noc");
        Map<Long, Integer> routers = new HashMap<>();
        routerOfCore = new int[l.cores()];
        int[] vars = new int[l.cores()];
        int[] fifo = new int[l.cores()];
        int[] meshR = new int[l.cores()];
        for (int c = 0; c < l.cores(); c++) {
            var id = l.core(c);
            long key = ((long) id.x() << 32) | id.y();
            Integer r = routers.get(key);
            if (r == null) {
                r = routers.size();
                routers.put(key, r);
                vars[r] = w.integer(noc, "router_" + id.x() + "_" + id.y() + "_messages_out", 32);
                fifo[r] = w.integer(noc, "router_" + id.x() + "_" + id.y() + "_fifo_max", 32);
                meshR[r] = mesh.mesh().config().router(id.x(), id.y());
            }
            routerOfCore[c] = r;
        }
        routerVar = java.util.Arrays.copyOf(vars, routers.size());
        fifoVar = java.util.Arrays.copyOf(fifo, routers.size());
        meshRouter = java.util.Arrays.copyOf(meshR, routers.size());
        routerMsgs = new long[routers.size()];
        int clocks = w.scope("clocks");
        chipTickVar = w.real(clocks, "chip_tick_ns");
        w.begin("myelin " + Version.version(), "Myelin run of " + l.cores() + " cores; time axis = model "
                + "time, 1 tick = dt = " + chip.image().dtMs() + " ms = " + w.timescale().stepsPerTick() + " x "
                + w.timescale().unit() + "; chip time per tick in clocks.chip_tick_ns (" + l.arch().tickPacing().id()
                + " ticks)" + (wires < totalNeurons(l) ? "; spike wires for the first " + MAX_WIRES
                + " neurons only" : ""));
    }

    private static long totalNeurons(ChipLayout l) {
        long n = 0;
        for (int c = 0; c < l.cores(); c++) {
            n += l.neurons(c);
        }
        return n;
    }

    /** Writes the tick that just ran, with its chip time. */
    void tick(long t, long[] counts, double chipTickNs) {
        w.startTick(t);
        java.util.Arrays.fill(routerMsgs, 0);
        for (int c = 0; c < wireBase.length; c++) {
            int fired = chip.firedCount(c);
            for (int k = 0; k < fired; k++) {
                int j = chip.fired(c, k);
                if (j < coreWires[c]) {
                    w.pulse(t, wireBase[c] + j);
                }
            }
            routerMsgs[routerOfCore[c]] += counts[Activity.MESSAGES_OUT.at(c)];
        }
        for (int i = 0; i < probeVar.length; i++) {
            w.set(t, probeVar[i], chip.probeV(i));
        }
        w.setReal(t, chipTickVar, chipTickNs);
        var traffic = mesh.lastTickTraffic();
        for (int r = 0; r < routerVar.length; r++) {
            w.set(t, routerVar[r], routerMsgs[r]);
            w.set(t, fifoVar[r], traffic.fifoHighWater(meshRouter[r]));
        }
    }

    void commit(long ticks, boolean partial) {
        w.commit(ticks, partial);
    }

    void abort() {
        w.abort();
    }
}
