package dev.myelin.compiler.emit;

import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Plasticity;
import dev.myelin.compiler.ir.Projection;
import dev.myelin.isa.codec.LearningCodec;
import dev.myelin.isa.learn.LearningConfig;
import dev.myelin.compiler.lower.LowerNeurons;
import dev.myelin.compiler.route.Route;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.NeuronParams;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.SynapseMemory;
import dev.myelin.isa.model.Targets;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.Arrays;
import java.util.List;

/**
 * Builds one {@link CoreImage} from a routed core and its population's lowered parameters.
 *
 * <p>Loihi neurons with k receptors ({@code params.dendriteDu()} has k - 1 entries) become k
 * consecutive compartments, {@link #compartment}: the dendrites of receptors 1..k-1 first, each
 * joined by ADD into the next, and the soma (receptor 0) last, which alone has a voltage,
 * a threshold, a refractory delay and targets.
 */
final class CoreEmitter {
    private CoreEmitter() {
    }

    /** Compartment of local neuron j's receptor r, with k compartments per neuron: dendrites first, the soma last. */
    static int compartment(int j, int r, int k) {
        return k * j + (r == 0 ? k - 1 : r - 1);
    }

    /**
     * @param projections the network's projections (their plasticity makes the learning section)
     * @param receptorOf the receptor (index into the post population's receptors, 0 without
     *                   any) of each projection of the network
     * @param dendriteDu Loihi: the current decay of each receptor after the first (empty: one
     *                   compartment per neuron)
     * @param dense      Loihi: store the synapses in the dense encoding (a core whose rows reach
     *                   a compartment twice stays sparse: a dense slot holds one weight)
     */
    static CoreImage core(Route.CoreRoute cr, LowerNeurons.Pop pop, List<CoreId> ids, List<Projection> projections,
                          int[] receptorOf,
                          int[] dendriteDu, boolean dense) {
        var ax = cr.axons();
        int n = cr.neurons();
        NeuronParams np;
        SynapseMemory mem;
        if (pop.neurons() instanceof TrueNorthNeurons tn) {
            np = trueNorth(tn, pop, cr);
            Crossbar x = Crossbar.empty(ax.axons(), n);
            int[][] copies = copiesOf(cr);
            for (int k = 0; k < ax.synapses(); k++) {
                for (int j : copies[ax.synPost(k)]) {
                    x.set(ax.synAxon(k), j);
                }
            }
            mem = x;
        } else {
            int k = dendriteDu.length + 1;
            np = loihi((LoihiNeurons) pop.neurons(), pop, cr, dendriteDu);
            SparseRows rows = sparse(cr, k, receptorOf);
            mem = dense ? denseOrNull(rows, n * k) : null;
            mem = mem == null ? rows : mem;
            Targets t = targets(cr, ids);
            // plastic projections end on loihi_lif populations, whose neurons are one compartment each
            return new CoreImage(cr.id(), ax.types(), np, mem, cr.formats(), k == 1 ? t : onSomas(t, k),
                    learning(cr, projections));
        }
        Targets t = targets(cr, ids);
        return new CoreImage(cr.id(), ax.types(), np, mem, cr.formats(), t, learning(cr, projections));
    }

    /**
     * The core's learning section: the plasticity of its plastic projections (validated to be one
     * per population), their axons marked plastic, the reward projection's axon as the reward
     * channel. Empty when no axon of the core carries a plastic projection.
     */
    static byte[] learning(Route.CoreRoute cr, List<Projection> projections) {
        var ax = cr.axons();
        boolean[] plastic = new boolean[ax.axons()];
        Plasticity p = null;
        for (int a = 0; a < plastic.length; a++) {
            Plasticity pa = projections.get(ax.projection(a)).plasticity();
            if (pa != null) {
                plastic[a] = true;
                p = pa;
            }
        }
        if (p == null) {
            return new byte[0];
        }
        int reward = -1;
        for (int a = 0; a < plastic.length && p.reward() != null; a++) {
            if (projections.get(ax.projection(a)).name().equals(p.reward())) {
                reward = a;
                break;
            }
        }
        return LearningCodec.encode(new LearningConfig(p.epoch(), p.weightFrac(), p.wMin(), p.wMax(), reward,
                p.traces(), p.rules(), plastic, p.device(), p.readout()));
    }

    /** Neuron j's targets moved to its soma, compartment k j + k - 1; dendrites have none. */
    private static Targets onSomas(Targets t, int k) {
        int n = t.neurons();
        int[] start = new int[n * k + 1];
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(start, k * j, k * j + k, t.start()[j]);
        }
        start[n * k] = t.start()[n];
        return new Targets(start, t.dx(), t.dy(), t.slot(), t.axon(), t.delay());
    }

    /** For each local neuron of the slice, itself and its copies. */
    private static int[][] copiesOf(Route.CoreRoute cr) {
        int size = cr.slice().size();
        int[] count = new int[size];
        for (int j = 0; j < cr.neurons(); j++) {
            count[cr.origin()[j]]++;
        }
        int[][] out = new int[size][];
        for (int j = 0; j < size; j++) {
            out[j] = new int[count[j]];
            count[j] = 0;
        }
        for (int j = 0; j < cr.neurons(); j++) {
            int o = cr.origin()[j];
            out[o][count[o]++] = j;
        }
        return out;
    }

    /** The core's neurons: each local neuron (and each copy) takes its population neuron's parameters. */
    private static TrueNorthNeurons trueNorth(TrueNorthNeurons p, LowerNeurons.Pop pop, Route.CoreRoute cr) {
        int n = cr.neurons();
        // populations never share a core, so the core takes its one population's rule
        TrueNorthNeurons t = TrueNorthNeurons.zeros(n).withNegativeThreshold(p.negativeThreshold());
        for (int j = 0; j < n; j++) {
            int o = cr.origin()[j];
            int i = pop.index(cr.slice().from() + o);
            for (int g = 0; g < 4; g++) {
                int w = cr.weightsByType()[4 * o + g];
                t.weights()[4 * j + g] = w == Integer.MIN_VALUE ? 0 : w;
            }
            t.leak()[j] = p.leak()[i];
            t.leakReversal()[j] = p.leakReversal()[i];
            t.alpha()[j] = p.alpha()[i];
            t.beta()[j] = p.beta()[i];
            t.resetMode()[j] = p.resetMode()[i];
            t.kappa()[j] = p.kappa()[i];
            t.resetV()[j] = p.resetV()[i];
            t.v0()[j] = p.v0()[i];
        }
        return t;
    }

    /**
     * The compartments of the core's neurons: k per neuron, a dendrite per receptor after the
     * first (its du, joined by ADD into the next compartment), then the soma with the neuron's
     * own parameters.
     */
    private static LoihiNeurons loihi(LoihiNeurons p, LowerNeurons.Pop pop, Route.CoreRoute cr, int[] dendriteDu) {
        int n = cr.neurons();
        int k = dendriteDu.length + 1;
        LoihiNeurons l = LoihiNeurons.zeros(n * k);
        for (int j = 0; j < n; j++) {
            for (int r = 1; r < k; r++) {
                int c = compartment(j, r, k);
                l.du()[c] = dendriteDu[r - 1];
                l.join()[c] = LoihiNeurons.JOIN_ADD;
            }
            int i = pop.index(cr.slice().from() + cr.origin()[j]);
            int soma = compartment(j, 0, k);
            l.du()[soma] = p.du()[i];
            l.dv()[soma] = p.dv()[i];
            l.vth()[soma] = p.vth()[i];
            l.biasMant()[soma] = p.biasMant()[i];
            l.biasExp()[soma] = p.biasExp()[i];
            l.u0()[soma] = p.u0()[i];
            l.v0()[soma] = p.v0()[i];
            l.refractory()[soma] = p.refractory()[i];
        }
        return l;
    }

    /** Synapses by axon; a synapse onto local neuron j lands on j's compartment for its projection's receptor. */
    private static SparseRows sparse(Route.CoreRoute cr, int compartments, int[] receptorOf) {
        var ax = cr.axons();
        int a = ax.axons();
        int m = ax.synapses();
        int[] rowStart = new int[a + 1];
        for (int k = 0; k < m; k++) {
            rowStart[ax.synAxon(k) + 1]++;
        }
        for (int i = 0; i < a; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int[] fill = Arrays.copyOf(rowStart, a);
        int[] post = new int[m];
        int[] weight = new int[m];
        for (int k = 0; k < m; k++) {
            int at = fill[ax.synAxon(k)]++;
            int axon = ax.synAxon(k);
            post[at] = compartment(ax.synPost(k), receptorOf[ax.proj(axon)], compartments);
            weight[at] = ax.synWeight(k);
        }
        return new SparseRows(a, rowStart, post, weight);
    }

    /** The rows in the dense encoding (every compartment, zeros included), or null if a row repeats a compartment. */
    private static SparseRows denseOrNull(SparseRows s, int compartments) {
        int a = s.axons();
        int[] rowStart = new int[a + 1];
        int[] post = new int[a * compartments];
        int[] weight = new int[a * compartments];
        boolean[] seen = new boolean[a * compartments];
        for (int x = 0; x < a; x++) {
            rowStart[x + 1] = (x + 1) * compartments;
            for (int j = 0; j < compartments; j++) {
                post[x * compartments + j] = j;
            }
            for (int k = s.rowStart()[x]; k < s.rowStart()[x + 1]; k++) {
                int slot = x * compartments + s.post()[k];
                if (seen[slot]) {
                    return null;
                }
                seen[slot] = true;
                weight[slot] = s.weight()[k];
            }
        }
        return new SparseRows(a, rowStart, post, weight, true);
    }

    private static Targets targets(Route.CoreRoute cr, List<CoreId> ids) {
        return targets(cr.id(), cr.targetStart(), cr.targetCore(), cr.targetAxon(), cr.targetDelay(), ids);
    }

    private static Targets targets(CoreId from, int[] start, int[] core, int[] axon, int[] delay, List<CoreId> ids) {
        int m = core.length;
        int[] dx = new int[m];
        int[] dy = new int[m];
        int[] slot = new int[m];
        for (int k = 0; k < m; k++) {
            CoreId to = ids.get(core[k]);
            dx[k] = to.x() - from.x();
            dy[k] = to.y() - from.y();
            slot[k] = to.slot();
        }
        return new Targets(start.clone(), dx, dy, slot, axon.clone(), delay.clone());
    }

    /** An input core: its input neurons and their targets (cores as indices into {@code ids}). */
    static CoreImage input(Route.InputCore ic, dev.myelin.isa.arch.Architecture arch, List<CoreId> ids) {
        return CoreImage.inputCore(ic.id(), arch.datapath() == dev.myelin.isa.arch.Datapath.TRUENORTH, ic.neurons(),
                targets(ic.id(), ic.targetStart(), ic.targetCore(), ic.targetAxon(), ic.targetDelay(), ids));
    }
}
