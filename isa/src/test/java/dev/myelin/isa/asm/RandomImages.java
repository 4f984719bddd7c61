package dev.myelin.isa.asm;

import dev.myelin.isa.arch.ArchParam;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.NegativeThreshold;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.NeuronParams;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.isa.model.SynapseMemory;
import dev.myelin.isa.model.Targets;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random valid images for seeded property loops: small architectures (presets with random
 * overrides), random cores with every field drawn across its whole range, ports and symbols
 * that point at real cores, axons and neurons.
 */
final class RandomImages {
    private final Random rnd;

    RandomImages(long seed) {
        rnd = new Random(seed);
    }

    NetworkImage next(boolean trueNorth) {
        Architecture arch = arch(trueNorth);
        List<CoreId> ids = new ArrayList<>();
        for (int y = 0; y < arch.meshHeight(); y++) {
            for (int x = 0; x < arch.meshWidth(); x++) {
                for (int s = 0; s < arch.coresPerRouter(); s++) {
                    if (rnd.nextInt(3) > 0) {
                        ids.add(new CoreId(x, y, s));
                    }
                }
            }
        }
        int[] axons = new int[ids.size()];
        for (int i = 0; i < axons.length; i++) {
            axons[i] = rnd.nextInt(arch.axons() + 1);
        }
        List<CoreImage> cores = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            cores.add(core(arch, ids, axons, i));
        }
        return new NetworkImage(arch, 0, cores, ports(cores, true), ports(cores, false), symbols(cores));
    }

    private Architecture arch(boolean trueNorth) {
        Architecture.Builder b = Presets.require(trueNorth ? "tiny" : "loihi").toBuilder();
        if (!trueNorth) {
            b.set(ArchParam.MESH_X, 2).set(ArchParam.MESH_Y, 2).set(ArchParam.AXONS, 24)
                    .set(ArchParam.NEURONS, 20).set(ArchParam.MAX_FAN_IN, 24).set(ArchParam.TARGETS_PER_NEURON, 3);
        }
        if (rnd.nextBoolean()) {
            b.set(ArchParam.NAME, "custom-" + rnd.nextInt(100))
                    .set(ArchParam.CORES_PER_ROUTER, 1 + rnd.nextInt(2))
                    .set(ArchParam.NEURONS, 1 + rnd.nextInt(trueNorth ? 70 : 20))
                    .set(ArchParam.CLOCK_MHZ, 1 + rnd.nextDouble() * 999)
                    .set(ArchParam.DELAY_SLOTS, 2 + rnd.nextInt(30))
                    .set(ArchParam.SYNAPTIC_MEMORY_BYTES, 1 << 16).set(ArchParam.MAX_FAN_OUT, 4096)
                    .set(ArchParam.ENERGY_PROFILE, "p;#\"" + rnd.nextInt(9));
        }
        return b.build("random");
    }

    private CoreImage core(Architecture arch, List<CoreId> ids, int[] axonCounts, int i) {
        int nAx = axonCounts[i];
        int nN = rnd.nextInt(arch.neurons() + 1);
        boolean tn = arch.datapath() == Datapath.TRUENORTH;
        List<SynapseFormat> formats = new ArrayList<>();
        if (!tn) {
            int nf = 1 + rnd.nextInt(arch.axonTypes());
            for (int f = 0; f < nf; f++) {
                formats.add(new SynapseFormat(1 + rnd.nextInt(8), rnd.nextInt(16) - 8, rnd.nextInt(3)));
            }
        }
        int[] types = new int[nAx];
        for (int a = 0; a < nAx; a++) {
            types[a] = rnd.nextInt(tn ? arch.axonTypes() : formats.size());
        }
        SynapseMemory syn = tn ? crossbar(nAx, nN) : sparse(nAx, nN, types, formats);
        NeuronParams np = tn ? trueNorth(nN) : loihi(nN);
        byte[] learning = !tn && rnd.nextInt(4) == 0 ? learning(nAx, ((dev.myelin.isa.model.SparseRows) syn).post().length) : new byte[0];
        return new CoreImage(ids.get(i), types, np, syn, formats, targets(arch, ids, axonCounts, i, nN), learning);
    }

    private Crossbar crossbar(int nAx, int nN) {
        Crossbar c = Crossbar.empty(nAx, nN);
        for (int a = 0; a < nAx; a++) {
            for (int j = 0; j < nN; j++) {
                if (rnd.nextInt(4) == 0) {
                    c.set(a, j);
                }
            }
        }
        return c;
    }

    /** Rows whose weights agree with the sign mode of their axon's format; a fifth of the cores dense. */
    private SparseRows sparse(int nAx, int nN, int[] types, List<SynapseFormat> formats) {
        int[] start = new int[nAx + 1];
        List<int[]> entries = new ArrayList<>();
        boolean dense = nN <= 16 && rnd.nextInt(5) == 0;
        for (int a = 0; a < nAx; a++) {
            int k = dense ? nN : nN == 0 ? 0 : rnd.nextInt(Math.min(nN, 5) + 1);
            for (int e = 0; e < k; e++) {
                int sign = formats.get(types[a]).signMode();
                int w = switch (sign) {
                    case SynapseFormat.EXCITATORY -> rnd.nextInt(256);
                    case SynapseFormat.INHIBITORY -> -rnd.nextInt(257);
                    default -> rnd.nextInt(512) - 256;
                };
                entries.add(new int[] {dense ? e : rnd.nextInt(nN), w});
            }
            start[a + 1] = entries.size();
        }
        return new SparseRows(nAx, start, entries.stream().mapToInt(e -> e[0]).toArray(),
                entries.stream().mapToInt(e -> e[1]).toArray(), dense);
    }

    private int between(int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }

    private TrueNorthNeurons trueNorth(int n) {
        TrueNorthNeurons t = TrueNorthNeurons.zeros(n);
        for (int j = 0; j < n; j++) {
            for (int g = 0; g < 4; g++) {
                t.weights()[4 * j + g] = between(-256, 255);
            }
            t.stochasticSynapse()[j] = rnd.nextInt(16);
            t.leak()[j] = between(-256, 255);
            t.stochasticLeak()[j] = rnd.nextInt(2);
            t.leakReversal()[j] = rnd.nextInt(2);
            t.alpha()[j] = rnd.nextInt(1 << 18);
            t.beta()[j] = rnd.nextInt(1 << 18);
            t.thresholdMaskBits()[j] = rnd.nextInt(9);
            t.resetMode()[j] = rnd.nextInt(3);
            t.kappa()[j] = rnd.nextInt(2);
            t.resetV()[j] = between(-(1 << 19), (1 << 19) - 1);
            t.v0()[j] = between(-(1 << 19), (1 << 19) - 1);
        }
        return t.withNegativeThreshold(rnd.nextBoolean() ? NegativeThreshold.STRICT : NegativeThreshold.INCLUSIVE);
    }

    private LoihiNeurons loihi(int n) {
        int mode = rnd.nextInt(2);
        LoihiNeurons l = new LoihiNeurons(n, mode, new int[n], new int[n], new int[n], new int[n], new int[n],
                new int[n], new int[n]);
        for (int j = 0; j < n; j++) {
            l.du()[j] = rnd.nextInt(4096 + mode);
            l.dv()[j] = rnd.nextInt(4096 + mode);
            l.vth()[j] = rnd.nextInt(1 << 17);
            l.biasMant()[j] = between(-4096, 4095);
            l.biasExp()[j] = rnd.nextInt(8);
            l.u0()[j] = between(-(1 << 23), (1 << 23) - 1);
            l.v0()[j] = between(-(1 << 23), (1 << 23) - 1);
        }
        if (rnd.nextBoolean()) { // extended compartment records: dendrites never last, never refractory
            for (int j = 0; j < n; j++) {
                if (j < n - 1 && rnd.nextInt(3) == 0) {
                    l.join()[j] = LoihiNeurons.JOIN_ADD;
                } else {
                    l.refractory()[j] = rnd.nextInt(256);
                }
            }
        }
        return l;
    }

    /** Targets on cores of the image with axons they have. */
    private Targets targets(Architecture arch, List<CoreId> ids, int[] axonCounts, int self, int nN) {
        int[] start = new int[nN + 1];
        List<int[]> ts = new ArrayList<>();
        CoreId me = ids.get(self);
        for (int j = 0; j < nN; j++) {
            int k = rnd.nextInt(arch.targetsPerNeuron() + 1);
            for (int e = 0; e < k; e++) {
                int to = rnd.nextInt(ids.size());
                if (axonCounts[to] > 0) {
                    CoreId t = ids.get(to);
                    ts.add(new int[] {t.x() - me.x(), t.y() - me.y(), t.slot(), rnd.nextInt(axonCounts[to]),
                            1 + rnd.nextInt(arch.maxDelay())});
                }
            }
            start[j + 1] = ts.size();
        }
        int[][] cols = new int[5][ts.size()];
        for (int k = 0; k < ts.size(); k++) {
            for (int f = 0; f < 5; f++) {
                cols[f][k] = ts.get(k)[f];
            }
        }
        return new Targets(start, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }

    private List<Port> ports(List<CoreImage> cores, boolean input) {
        List<Port> out = new ArrayList<>();
        int n = rnd.nextInt(3);
        for (int p = 0; p < n; p++) {
            List<PortEntry> entries = new ArrayList<>();
            for (int e = rnd.nextInt(5); e > 0; e--) {
                CoreImage c = cores.isEmpty() ? null : cores.get(rnd.nextInt(cores.size()));
                int count = c == null ? 0 : input ? c.axonCount() : c.neuronCount();
                if (count > 0) {
                    entries.add(new PortEntry(c.id(), rnd.nextInt(count)));
                }
            }
            out.add(new Port((input ? "in" : "out") + p + (rnd.nextBoolean() ? "" : "-odd\";name#"), entries));
        }
        return out;
    }

    private List<Symbol> symbols(List<CoreImage> cores) {
        List<Symbol> out = new ArrayList<>();
        int size = 0;
        List<Symbol.Range> ranges = new ArrayList<>();
        for (CoreImage c : cores) {
            if (c.neuronCount() > 0 && rnd.nextBoolean()) {
                int count = 1 + rnd.nextInt(c.neuronCount());
                ranges.add(new Symbol.Range(c.id(), c.neuronCount() - count, count, size));
                size += count;
            }
        }
        if (!ranges.isEmpty()) {
            // half the populations carry a voltage scale (UNIT), with values that are not round in decimal
            Symbol.Scale scale = rnd.nextBoolean() ? null
                    : new Symbol.Scale(rnd.nextDouble() * 0.1 + 1e-6, -80 + rnd.nextDouble() * 40);
            out.add(new Symbol("pop" + rnd.nextInt(10), size, ranges, scale));
        }
        return out;
    }

    /** A random, valid learning section for a core of {@code axons} axons: every field's range exercised. */
    private byte[] learning(int axons, int synapses) {
        List<dev.myelin.isa.learn.Trace> traces = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int width = 1 + rnd.nextInt(16);
            traces.add(new dev.myelin.isa.learn.Trace(rnd.nextInt(4097), rnd.nextInt(1 << width), width, rnd.nextBoolean()));
        }
        List<dev.myelin.isa.learn.Rule> rules = new ArrayList<>();
        for (dev.myelin.isa.learn.Rule.Target target : dev.myelin.isa.learn.Rule.Target.values()) {
            if (rnd.nextBoolean()) {
                continue;
            }
            List<dev.myelin.isa.learn.Term> terms = new ArrayList<>();
            for (int t = 1 + rnd.nextInt(4); t > 0; t--) {
                List<dev.myelin.isa.learn.Factor> factors = new ArrayList<>();
                for (int f = rnd.nextInt(4); f > 0; f--) {
                    var vars = dev.myelin.isa.learn.LearnVar.values();
                    factors.add(new dev.myelin.isa.learn.Factor(vars[rnd.nextInt(vars.length)],
                            rnd.nextInt(3) == 0 ? rnd.nextInt() : 0));
                }
                int m = rnd.nextInt(65535) - 32767;
                terms.add(new dev.myelin.isa.learn.Term(m == 0 ? 1 : m, rnd.nextInt(40) - 24, factors));
            }
            rules.add(new dev.myelin.isa.learn.Rule(target, terms));
        }
        boolean[] plastic = new boolean[axons];
        for (int a = 0; a < axons; a++) {
            plastic[a] = rnd.nextBoolean();
        }
        int wMin = rnd.nextInt(512) - 256;
        var config = new dev.myelin.isa.learn.LearningConfig(1 + rnd.nextInt(255),
                rnd.nextInt(9), wMin, wMin + rnd.nextInt(256 - wMin), axons == 0 || rnd.nextBoolean() ? -1
                        : rnd.nextInt(axons), traces, rules, plastic);
        // per-synapse delays when a rule needs them, and on some cores without
        if (config.problem(axons) != null || rnd.nextInt(3) == 0) {
            int max = rnd.nextInt(dev.myelin.isa.learn.Delays.MAX_DELAY + 1);
            byte[] d = new byte[synapses];
            for (int k = 0; k < synapses; k++) {
                d[k] = (byte) rnd.nextInt(max + 1);
            }
            config = config.withDelays(new dev.myelin.isa.learn.Delays(max, d));
        }
        return dev.myelin.isa.codec.LearningCodec.encode(config);
    }
}
