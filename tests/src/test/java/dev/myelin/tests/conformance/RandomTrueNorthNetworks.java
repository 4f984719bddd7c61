package dev.myelin.tests.conformance;

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
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Seeded random TrueNorth images covering every mode: stochastic synapses, leaks and threshold
 * masks, leak reversal, all reset modes, kappa, extreme values that saturate V, sparse and
 * dense crossbars, targets on every core with delays 1..15, output ports and an input port.
 * Cores use the strict negative threshold unless {@link #negativeThreshold} says otherwise.
 */
public final class RandomTrueNorthNetworks {
    private final SplittableRandom r;
    private boolean quiet;
    private IntFunction<NegativeThreshold> rule = c -> NegativeThreshold.STRICT;

    public RandomTrueNorthNetworks(long seed) {
        this.r = new SplittableRandom(seed);
    }

    /**
     * From now on, neurons without leak that start at 0, reset to 0 and never stay below -beta
     * (no non-reset mode), so cores fall quiet between inputs and get skipped as idle.
     */
    public RandomTrueNorthNetworks quiet() {
        quiet = true;
        return this;
    }

    /** From now on, core number c (in row order) gets the negative-threshold rule {@code rule(c)}; draws nothing. */
    public RandomTrueNorthNetworks negativeThreshold(IntFunction<NegativeThreshold> rule) {
        this.rule = rule;
        return this;
    }

    /** {@code coresX x coresY} cores of {@code axons x neurons}; input port "in" covers axons 0..axons/4 of core 0. */
    public NetworkImage network(int coresX, int coresY, int axons, int neurons) {
        Architecture arch = Presets.require("truenorth");
        List<CoreId> ids = new ArrayList<>();
        for (int y = 0; y < coresY; y++) {
            for (int x = 0; x < coresX; x++) {
                ids.add(new CoreId(x, y, 0));
            }
        }
        List<CoreImage> cores = new ArrayList<>();
        List<PortEntry> outs = new ArrayList<>();
        for (CoreId id : ids) {
            CoreImage c = core(id, ids, axons, neurons);
            cores.add(new CoreImage(c.id(), c.axonType(),
                    ((TrueNorthNeurons) c.neurons()).withNegativeThreshold(rule.apply(cores.size())), c.synapses(),
                    c.formats(), c.targets(), c.learning()));
            for (int j = 0; j < neurons; j++) {
                if (r.nextInt(4) == 0) {
                    outs.add(new PortEntry(id, j));
                }
            }
        }
        List<PortEntry> ins = new ArrayList<>();
        for (int a = 0; a < Math.max(1, axons / 4); a++) {
            ins.add(new PortEntry(ids.get(0), a));
        }
        List<Symbol> symbols = List.of(new Symbol("all", ids.size() * neurons, ranges(ids, neurons)));
        return new NetworkImage(arch, 0, cores, List.of(new Port("in", ins)), List.of(new Port("out", outs)), symbols);
    }

    private static List<Symbol.Range> ranges(List<CoreId> ids, int neurons) {
        List<Symbol.Range> rs = new ArrayList<>();
        for (int c = 0; c < ids.size(); c++) {
            rs.add(new Symbol.Range(ids.get(c), 0, neurons, c * neurons));
        }
        return rs;
    }

    private CoreImage core(CoreId id, List<CoreId> ids, int axons, int neurons) {
        int[] type = new int[axons];
        for (int a = 0; a < axons; a++) {
            type[a] = r.nextInt(4);
        }
        Crossbar xb = Crossbar.empty(axons, neurons);
        double density = 0.05 + 0.4 * r.nextDouble();
        for (int a = 0; a < axons; a++) {
            for (int j = 0; j < neurons; j++) {
                if (r.nextDouble() < density) {
                    xb.set(a, j);
                }
            }
        }
        TrueNorthNeurons p = TrueNorthNeurons.zeros(neurons);
        for (int j = 0; j < neurons; j++) {
            neuron(p, j);
        }
        int[] start = new int[neurons + 1];
        List<int[]> t = new ArrayList<>();
        for (int j = 0; j < neurons; j++) {
            boolean has = r.nextInt(10) < 7;
            start[j + 1] = start[j] + (has ? 1 : 0);
            if (has) {
                CoreId to = ids.get(r.nextInt(ids.size()));
                t.add(new int[] {to.x() - id.x(), to.y() - id.y(), r.nextInt(axons), 1 + r.nextInt(15)});
            }
        }
        int m = t.size();
        int[] dx = new int[m];
        int[] dy = new int[m];
        int[] ax = new int[m];
        int[] de = new int[m];
        for (int k = 0; k < m; k++) {
            dx[k] = t.get(k)[0];
            dy[k] = t.get(k)[1];
            ax[k] = t.get(k)[2];
            de[k] = t.get(k)[3];
        }
        return new CoreImage(id, type, p, xb, List.of(), new Targets(start, dx, dy, new int[m], ax, de), new byte[0]);
    }

    private void neuron(TrueNorthNeurons p, int j) {
        boolean extreme = r.nextInt(12) == 0;
        for (int g = 0; g < 4; g++) {
            p.weights()[4 * j + g] = extreme ? r.nextInt(-256, 256) : r.nextInt(-6, 12);
        }
        p.stochasticSynapse()[j] = r.nextInt(3) == 0 ? r.nextInt(16) : 0;
        p.leak()[j] = r.nextInt(3) == 0 ? 0 : extreme ? r.nextInt(-256, 256) : r.nextInt(-3, 4);
        p.stochasticLeak()[j] = r.nextInt(4) == 0 ? 1 : 0;
        p.leakReversal()[j] = r.nextInt(4) == 0 ? 1 : 0;
        p.alpha()[j] = extreme ? r.nextInt(1 << 18) : r.nextInt(60);
        p.beta()[j] = extreme ? r.nextInt(1 << 18) : r.nextInt(60);
        p.thresholdMaskBits()[j] = r.nextInt(3) == 0 ? r.nextInt(9) : 0;
        p.resetMode()[j] = r.nextInt(3);
        p.kappa()[j] = r.nextInt(4) == 0 ? 1 : 0;
        p.resetV()[j] = extreme ? r.nextInt(-(1 << 19), 1 << 19) : r.nextInt(-10, 10);
        p.v0()[j] = extreme ? r.nextInt(-(1 << 19), 1 << 19) : r.nextInt(-20, 20);
        if (quiet) {
            p.leak()[j] = 0;
            p.alpha()[j] = 1 + r.nextInt(40);
            p.resetMode()[j] = r.nextInt(2);
            p.resetV()[j] = 0;
            p.v0()[j] = 0;
        }
    }

    /** Input spikes for {@code ticks} ticks: each line of port "in" active with probability {@code p}. */
    public List<long[]> inputs(int lines, int ticks, double p) {
        List<long[]> in = new ArrayList<>();
        for (int t = 0; t < ticks; t++) {
            for (int line = 0; line < lines; line++) {
                if (r.nextDouble() < p) {
                    in.add(new long[] {line, t});
                }
            }
        }
        return in;
    }
}
