package dev.myelin.isa.testing;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.isa.model.Targets;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small hand-built images for round trips, golden dumps and corruption tests. Every image
 * here is valid for its architecture; each call builds fresh arrays.
 */
public final class SampleImages {
    private SampleImages() {
    }

    /** Every sample by name, in a fixed order. */
    public static Map<String, NetworkImage> all() {
        Map<String, NetworkImage> m = new LinkedHashMap<>();
        m.put("tn-one-core", trueNorthOneCore());
        m.put("tn-two-cores", trueNorthTwoCores());
        m.put("loihi-sparse", loihiSparse());
        m.put("tn-ports-symbols", withPortsAndSymbols());
        m.put("tn-empty-core", emptyCore());
        m.put("no-cores", noCores());
        m.put("tn-negative-inclusive", trueNorthNegativeInclusive());
        m.put("tn-input-core", trueNorthInputCore());
        m.put("loihi-input-core", loihiInputCore());
        m.put("loihi-compartments", loihiCompartments());
        m.put("loihi-dense", loihiDense());
        return m;
    }

    /**
     * Tiny architecture, core (0,0,0): 2 axons (types 0, 1) x 3 neurons. Crossbar: axon 0 -> neurons 0
     * and 2, axon 1 -> neuron 1. Neuron 0 is a tonic spiker (alpha 10, leak +1) sending to axon 1 of its
     * own core after 1 tick; neuron 1 has weight[1] = -3, linear reset, kappa; neuron 2 is all zeros.
     */
    public static NetworkImage trueNorthOneCore() {
        TrueNorthNeurons n = TrueNorthNeurons.zeros(3);
        n.weights()[0] = 5;
        n.weights()[4 + 1] = -3;
        n.alpha()[0] = 10;
        n.leak()[0] = 1;
        n.alpha()[1] = 262143;
        n.beta()[1] = 7;
        n.resetMode()[1] = 1;
        n.kappa()[1] = 1;
        n.resetV()[1] = -524288;
        n.v0()[1] = 524287;
        n.thresholdMaskBits()[1] = 8;
        n.stochasticSynapse()[1] = 0b1010;
        Crossbar x = Crossbar.empty(2, 3);
        x.set(0, 0);
        x.set(0, 2);
        x.set(1, 1);
        Targets t = new Targets(new int[] {0, 1, 1, 1}, new int[] {0}, new int[] {0}, new int[] {0},
                new int[] {1}, new int[] {1});
        CoreImage core = new CoreImage(new CoreId(0, 0, 0), new int[] {0, 1}, n, x, List.of(), t, new byte[0]);
        return new NetworkImage(tiny(), 0, List.of(core), List.of(), List.of(), List.of());
    }

    /**
     * {@link #trueNorthOneCore()} with the core's negative threshold inclusive ({@code V <= -beta},
     * the RANC rule): the same bytes except bit 4 of the core's datapath byte (and the CRC).
     */
    public static NetworkImage trueNorthNegativeInclusive() {
        NetworkImage base = trueNorthOneCore();
        CoreImage c = base.cores().get(0);
        CoreImage inclusive = new CoreImage(c.id(), c.axonType(),
                ((TrueNorthNeurons) c.neurons()).withNegativeThreshold(NegativeThreshold.INCLUSIVE), c.synapses(),
                c.formats(), c.targets(), c.learning());
        return new NetworkImage(base.arch(), 0, List.of(inclusive), List.of(), List.of(), List.of());
    }

    /**
     * {@link #trueNorthOneCore()} fed through an input core at (1,0,0) (datapath bit 5): input neuron 0
     * sends to axon 0 of (0,0,0) with delay 1, input neuron 1 to axon 1 with delay 3 (one hop west
     * each); input port "in" drives the input core's axons 0 and 1.
     */
    public static NetworkImage trueNorthInputCore() {
        NetworkImage base = trueNorthOneCore();
        Targets t = new Targets(new int[] {0, 1, 2}, new int[] {-1, -1}, new int[] {0, 0}, new int[] {0, 0},
                new int[] {0, 1}, new int[] {1, 3});
        CoreId id = new CoreId(1, 0, 0);
        CoreImage input = CoreImage.inputCore(id, true, 2, t);
        List<Port> in = List.of(new Port("in", List.of(new PortEntry(id, 0), new PortEntry(id, 1))));
        return new NetworkImage(base.arch(), 0, List.of(base.cores().get(0), input), in, List.of(), List.of());
    }

    /**
     * {@link #loihiSparse()} with an input core at (0,0,2) of one input neuron fanning out to axon 3
     * of (0,0,0) (delay 2) and axon 2 of (0,0,1) (delay 1), driven by input port "in".
     */
    public static NetworkImage loihiInputCore() {
        NetworkImage base = loihiSparse();
        Targets t = new Targets(new int[] {0, 2}, new int[] {0, 0}, new int[] {0, 0}, new int[] {0, 1},
                new int[] {3, 2}, new int[] {2, 1});
        CoreId id = new CoreId(0, 0, 2);
        CoreImage input = CoreImage.inputCore(id, false, 1, t);
        List<CoreImage> cores = new java.util.ArrayList<>(base.cores());
        cores.add(input);
        return new NetworkImage(base.arch(), 0, cores, List.of(new Port("in", List.of(new PortEntry(id, 0)))),
                List.of(), List.of());
    }

    /** Tiny architecture: cores (0,0,0) and (1,1,0) with 16 x 16 crossbars (a diagonal), targets between them. */
    public static NetworkImage trueNorthTwoCores() {
        return new NetworkImage(tiny(), 0, List.of(diagonalCore(new CoreId(0, 0, 0), 1, 1),
                diagonalCore(new CoreId(1, 1, 0), -1, -1)), List.of(), List.of(), List.of());
    }

    /** {@link #trueNorthTwoCores()} with an input port, two output ports and two populations. */
    public static NetworkImage withPortsAndSymbols() {
        NetworkImage base = trueNorthTwoCores();
        CoreId a = new CoreId(0, 0, 0);
        CoreId b = new CoreId(1, 1, 0);
        List<Port> in = List.of(new Port("stimulus", List.of(new PortEntry(a, 0), new PortEntry(a, 1),
                new PortEntry(a, 15))));
        List<Port> out = List.of(new Port("out", List.of(new PortEntry(b, 3), new PortEntry(b, 4))),
                new Port("monitor.a", List.of(new PortEntry(a, 0))));
        List<Symbol> sym = List.of(
                new Symbol("layer1", 16, List.of(new Symbol.Range(a, 0, 16, 0))),
                new Symbol("layer2", 20, List.of(new Symbol.Range(b, 0, 12, 0), new Symbol.Range(a, 12, 4, 16))));
        return new NetworkImage(base.arch(), 0, base.cores(), in, out, sym);
    }

    /**
     * Loihi preset, cores (0,0,0) and (0,0,1): 5 axons of types 0,1,2,1,0 over 3 formats (excitatory 8 bits,
     * inhibitory 6 bits exponent 1, mixed 4 bits exponent -2); rows of lengths 2,1,3,0,1; NxSDK decay on
     * core 0; neuron 0 of core 0 fans out to 2 targets (one on the neighbouring slot with delay 5).
     */
    public static NetworkImage loihiSparse() {
        List<SynapseFormat> formats = List.of(new SynapseFormat(8, 0, SynapseFormat.EXCITATORY),
                new SynapseFormat(6, 1, SynapseFormat.INHIBITORY), new SynapseFormat(4, -2, SynapseFormat.MIXED));
        SparseRows rows = new SparseRows(5, new int[] {0, 2, 3, 6, 6, 7},
                new int[] {0, 2, 1, 0, 1, 2, 2}, new int[] {255, 1, -256, -7, 0, 100, 0});
        LoihiNeurons z = LoihiNeurons.zeros(3);
        LoihiNeurons n = new LoihiNeurons(3, LoihiNeurons.DECAY_NXSDK, new int[] {4096, 0, 2048},
                new int[] {0, 4096, 1}, new int[] {100, 131071, 0}, new int[] {37, -4096, 4095},
                new int[] {4, 7, 0}, new int[] {0, -8388608, 8388607}, z.v0());
        Targets t = new Targets(new int[] {0, 2, 3, 3}, new int[] {0, 0, 0}, new int[] {0, 0, 0},
                new int[] {1, 0, 1}, new int[] {0, 4, 2}, new int[] {1, 5, 63});
        // a learning section: pair-based STDP on axons 0 and 2, axon 4 the reward channel
        byte[] learning = dev.myelin.isa.codec.LearningCodec.encode(new dev.myelin.isa.learn.LearningConfig(2, 4, -10,
                200, 4, List.of(new dev.myelin.isa.learn.Trace(200, 127, 7, true), dev.myelin.isa.learn.Trace.OFF,
                        new dev.myelin.isa.learn.Trace(300, 100, 8, false), dev.myelin.isa.learn.Trace.OFF,
                        dev.myelin.isa.learn.Trace.OFF, new dev.myelin.isa.learn.Trace(4096, 1, 1, false)),
                List.of(dev.myelin.isa.learn.RuleText.parse("dw = 2^-2 * x1 * y0 - 3 * 2^-3 * (y1 - 2) * x0"),
                        dev.myelin.isa.learn.RuleText.parse("dt = r1 * (w + 5) - 2^-4 * t")),
                new boolean[] {true, false, true, false, false}));
        CoreImage c0 = new CoreImage(new CoreId(0, 0, 0), new int[] {0, 1, 2, 1, 0}, n, rows, formats, t, learning);
        SparseRows rows1 = new SparseRows(3, new int[] {0, 1, 1, 2}, new int[] {0, 1}, new int[] {3, -3});
        LoihiNeurons n1 = LoihiNeurons.zeros(2);
        n1.vth()[0] = 10;
        CoreImage c1 = new CoreImage(new CoreId(0, 0, 1), new int[] {0, 0, 1}, n1, rows1,
                List.of(new SynapseFormat(8, 0, SynapseFormat.EXCITATORY), new SynapseFormat(8, 0, SynapseFormat.MIXED)),
                Targets.none(2), new byte[0]);
        return new NetworkImage(Presets.require("loihi"), 0, List.of(c0, c1), List.of(), List.of(), List.of());
    }

    /**
     * Loihi preset, core (0,0,0) with extended compartment records: compartment 0 is a dendrite
     * (du 409, join add) feeding compartment 1, a soma with refractory delay 5 (vth 100, bias
     * 37 << 4); compartment 2 stands alone with refractory delay 255. Axon 0 reaches the dendrite
     * (inhibitory), axon 1 the soma (excitatory).
     */
    public static NetworkImage loihiCompartments() {
        LoihiNeurons n = LoihiNeurons.zeros(3);
        n.du()[0] = 409;
        n.join()[0] = LoihiNeurons.JOIN_ADD;
        n.du()[1] = 819;
        n.vth()[1] = 100;
        n.biasMant()[1] = 37;
        n.biasExp()[1] = 4;
        n.refractory()[1] = 5;
        n.refractory()[2] = 255;
        n.v0()[2] = -1;
        SparseRows rows = new SparseRows(2, new int[] {0, 1, 2}, new int[] {0, 1}, new int[] {-20, 60});
        CoreImage c = new CoreImage(new CoreId(0, 0, 0), new int[] {0, 1}, n, rows,
                List.of(new SynapseFormat(8, 0, SynapseFormat.INHIBITORY), new SynapseFormat(8, 0, SynapseFormat.EXCITATORY)),
                Targets.none(3), new byte[0]);
        return new NetworkImage(Presets.require("loihi"), 0, List.of(c), List.of(), List.of(), List.of());
    }

    /**
     * Loihi preset, core (0,0,0) with dense synapses: 2 axons x 3 compartments, every slot stored
     * (zeros included): axon 0 weights 5, 0, -7 (mixed), axon 1 weights 0, 0, 255 (excitatory).
     */
    public static NetworkImage loihiDense() {
        SparseRows rows = new SparseRows(2, new int[] {0, 3, 6}, new int[] {0, 1, 2, 0, 1, 2},
                new int[] {5, 0, -7, 0, 0, 255}, true);
        LoihiNeurons n = LoihiNeurons.zeros(3);
        n.vth()[2] = 7;
        CoreImage c = new CoreImage(new CoreId(0, 0, 0), new int[] {0, 1}, n, rows,
                List.of(new SynapseFormat(8, 0, SynapseFormat.MIXED), new SynapseFormat(8, 0, SynapseFormat.EXCITATORY)),
                Targets.none(3), new byte[0]);
        return new NetworkImage(Presets.require("loihi"), 0, List.of(c), List.of(), List.of(), List.of());
    }

    /** Tiny architecture, one core using no axons and no neurons. */
    public static NetworkImage emptyCore() {
        CoreImage c = new CoreImage(new CoreId(1, 0, 0), new int[0], TrueNorthNeurons.zeros(0),
                Crossbar.empty(0, 0), List.of(), Targets.none(0), new byte[0]);
        return new NetworkImage(tiny(), 0, List.of(c), List.of(), List.of(), List.of());
    }

    /** Tiny architecture and nothing else. */
    public static NetworkImage noCores() {
        return new NetworkImage(tiny(), 0, List.of(), List.of(), List.of(), List.of());
    }

    public static Architecture tiny() {
        return Presets.require("tiny");
    }

    /** 16 x 16 identity crossbar, weights +1 on type 0, every neuron targeting axon j of the core at (dx, dy). */
    private static CoreImage diagonalCore(CoreId id, int dx, int dy) {
        int n = 16;
        TrueNorthNeurons p = TrueNorthNeurons.zeros(n);
        Crossbar x = Crossbar.empty(n, n);
        int[] start = new int[n + 1];
        int[] axon = new int[n];
        int[] delay = new int[n];
        for (int j = 0; j < n; j++) {
            x.set(j, j);
            p.weights()[4 * j] = 1;
            p.alpha()[j] = 1 + j;
            start[j + 1] = j + 1;
            axon[j] = j;
            delay[j] = 1 + j % 15;
        }
        int[] dxs = new int[n];
        int[] dys = new int[n];
        java.util.Arrays.fill(dxs, dx);
        java.util.Arrays.fill(dys, dy);
        return new CoreImage(id, new int[n], p, x, List.of(), new Targets(start, dxs, dys, new int[n], axon, delay),
                new byte[0]);
    }
}
