package dev.myelin.compiler.emit;

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

/** Builds one {@link CoreImage} from a routed core and its population's lowered parameters. */
final class CoreEmitter {
    private CoreEmitter() {
    }

    static CoreImage core(Route.CoreRoute cr, LowerNeurons.Pop pop, List<CoreId> ids) {
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
            np = loihi((LoihiNeurons) pop.neurons(), pop, cr);
            mem = sparse(cr);
        }
        Targets t = targets(cr, ids);
        return new CoreImage(cr.id(), ax.types(), np, mem, cr.formats(), t, new byte[0]);
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

    private static LoihiNeurons loihi(LoihiNeurons p, LowerNeurons.Pop pop, Route.CoreRoute cr) {
        int n = cr.neurons();
        LoihiNeurons l = LoihiNeurons.zeros(n);
        for (int j = 0; j < n; j++) {
            int i = pop.index(cr.slice().from() + cr.origin()[j]);
            l.du()[j] = p.du()[i];
            l.dv()[j] = p.dv()[i];
            l.vth()[j] = p.vth()[i];
            l.biasMant()[j] = p.biasMant()[i];
            l.biasExp()[j] = p.biasExp()[i];
            l.u0()[j] = p.u0()[i];
            l.v0()[j] = p.v0()[i];
        }
        return l;
    }

    private static SparseRows sparse(Route.CoreRoute cr) {
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
            post[at] = ax.synPost(k);
            weight[at] = ax.synWeight(k);
        }
        return new SparseRows(a, rowStart, post, weight);
    }

    private static Targets targets(Route.CoreRoute cr, List<CoreId> ids) {
        int m = cr.targetCore().length;
        int[] dx = new int[m];
        int[] dy = new int[m];
        int[] slot = new int[m];
        for (int k = 0; k < m; k++) {
            CoreId to = ids.get(cr.targetCore()[k]);
            dx[k] = to.x() - cr.id().x();
            dy[k] = to.y() - cr.id().y();
            slot[k] = to.slot();
        }
        return new Targets(cr.targetStart().clone(), dx, dy, slot, cr.targetAxon().clone(), cr.targetDelay().clone());
    }
}
