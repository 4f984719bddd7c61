package dev.myelin.chip.testing;

import dev.myelin.isa.arch.ArchParam;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.model.Targets;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.ArrayList;
import java.util.List;

/** Test builder of small TrueNorth images: cores on a row of routers, neurons set field by field. */
public final class TnNet {
    public final List<TnCore> cores = new ArrayList<>();
    public final List<Port> inputs = new ArrayList<>();
    public final List<Port> outputs = new ArrayList<>();
    public final List<Symbol> symbols = new ArrayList<>();
    private Architecture arch = Presets.require("truenorth");

    public TnNet latePolicy(String policy) {
        arch = arch.toBuilder().set(ArchParam.LATE_POLICY, policy).build("test");
        return this;
    }

    public TnCore core(int x, int axons, int neurons) {
        return core(new CoreId(x, 0, 0), axons, neurons);
    }

    /** A core at any place; its targets still address slot 0 of the router dx east. */
    public TnCore core(CoreId id, int axons, int neurons) {
        TnCore c = new TnCore(id, axons, neurons);
        cores.add(c);
        return c;
    }

    /** Replaces the architecture (default: the truenorth preset). */
    public TnNet arch(Architecture a) {
        arch = a;
        return this;
    }

    public TnNet input(String name, CoreId core, int... axons) {
        List<PortEntry> e = new ArrayList<>();
        for (int a : axons) {
            e.add(new PortEntry(core, a));
        }
        inputs.add(new Port(name, e));
        return this;
    }

    public TnNet output(String name, CoreId core, int... neurons) {
        List<PortEntry> e = new ArrayList<>();
        for (int j : neurons) {
            e.add(new PortEntry(core, j));
        }
        outputs.add(new Port(name, e));
        return this;
    }

    public NetworkImage image() {
        return new NetworkImage(arch, 0, cores.stream().map(TnCore::image).toList(), inputs, outputs, symbols);
    }

    /** One core under construction. Target arrays hold at most one target per neuron (-1 delay = none). */
    public static final class TnCore {
        public final CoreId id;
        public final int[] axonType;
        public final TrueNorthNeurons p;
        public final Crossbar xb;
        /** The core's negative-threshold rule (TrueNorth's strict one unless a test says otherwise). */
        public NegativeThreshold negativeThreshold = NegativeThreshold.STRICT;
        final int[] tdx;
        final int[] taxon;
        final int[] tdelay;

        TnCore(CoreId id, int axons, int neurons) {
            this.id = id;
            this.axonType = new int[axons];
            this.p = TrueNorthNeurons.zeros(neurons);
            this.xb = Crossbar.empty(axons, neurons);
            this.tdx = new int[neurons];
            this.taxon = new int[neurons];
            this.tdelay = new int[neurons];
            java.util.Arrays.fill(p.alpha(), 1 << 17);
            java.util.Arrays.fill(p.beta(), 1 << 17);
        }

        /** Connects axon a (of type g) to neuron j. */
        public TnCore connect(int a, int g, int j) {
            axonType[a] = g;
            xb.set(a, j);
            return this;
        }

        /** Neuron j's spikes go to axon a of the core dx routers east, d ticks later. */
        public TnCore target(int j, int dx, int a, int d) {
            tdx[j] = dx;
            taxon[j] = a;
            tdelay[j] = d;
            return this;
        }

        public CoreImage image() {
            int n = p.n();
            int[] start = new int[n + 1];
            List<int[]> t = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                start[j + 1] = start[j] + (tdelay[j] > 0 ? 1 : 0);
                if (tdelay[j] > 0) {
                    t.add(new int[] {tdx[j], taxon[j], tdelay[j]});
                }
            }
            int m = t.size();
            int[] dx = new int[m];
            int[] ax = new int[m];
            int[] de = new int[m];
            for (int k = 0; k < m; k++) {
                dx[k] = t.get(k)[0];
                ax[k] = t.get(k)[1];
                de[k] = t.get(k)[2];
            }
            return new CoreImage(id, axonType, p.withNegativeThreshold(negativeThreshold), xb, List.of(),
                    new Targets(start, dx, new int[m], new int[m], ax, de), new byte[0]);
        }
    }
}
