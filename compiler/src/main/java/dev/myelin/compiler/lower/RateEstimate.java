package dev.myelin.compiler.lower;

import dev.myelin.compiler.ir.InputSource;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Population;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rough firing-rate estimate (spikes per neuron per tick) for traffic and placement costs.
 * Inputs: Poisson rate x dt, or a spike array's spikes per line per tick up to its last spike.
 * Populations: (constant drive + mean net synaptic drive) / threshold, clipped to [0, 1],
 * iterated with damping so recurrent networks settle. It is an estimate, labelled so in the report.
 */
public final class RateEstimate {
    static final int ROUNDS = 30;
    /** Each round moves half way to the new estimate, so excitatory-inhibitory loops settle instead of oscillating. */
    static final double DAMPING = 0.5;

    private RateEstimate() {
    }

    public record Product(Map<String, Double> perTick) {
        public double of(String source) {
            return perTick.getOrDefault(source, 0.0);
        }
    }

    public static Product run(Network n, LowerNeurons.Product low, QuantiseSynapses.Product q) {
        Map<String, Double> r = new LinkedHashMap<>();
        for (InputSource s : n.inputs()) {
            if (s instanceof InputSource.Poisson p) {
                r.put(s.name(), Math.min(1, p.rateHz() * n.dtMs() / 1000));
            } else if (s instanceof InputSource.SpikeArray a) {
                int last = 0;
                for (int t : a.tick()) {
                    last = Math.max(last, t);
                }
                r.put(s.name(), a.tick().length / (double) Math.max(1, a.size()) / (last + 1));
            }
        }
        for (Population p : n.populations()) {
            r.put(p.name(), 0.0);
        }
        double[] net = new double[q.projections().size()];
        for (int k = 0; k < net.length; k++) {
            net[k] = netSum(q.projections().get(k));
        }
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, Double> next = new LinkedHashMap<>(r);
            for (LowerNeurons.Pop lp : low.pops()) {
                double[] dt = driveAndThreshold(lp.params());
                double drive = dt[0];
                for (int k = 0; k < net.length; k++) {
                    QuantiseSynapses.Proj pj = q.projections().get(k);
                    if (pj.syn().projection().post().equals(lp.pop().name())) {
                        drive += r.getOrDefault(pj.syn().projection().pre(), 0.0) * net[k] * dt[2]
                                / lp.pop().size();
                    }
                }
                double target = Math.max(0, Math.min(1, drive / dt[1]));
                next.put(lp.pop().name(), DAMPING * r.get(lp.pop().name()) + (1 - DAMPING) * target);
            }
            r = next;
        }
        return new Product(r);
    }

    /** {drive per tick, threshold, voltage per stored weight unit} in voltage LSB. */
    static double[] driveAndThreshold(NeuronModel m) {
        if (m instanceof NeuronModel.TrueNorth t) {
            return new double[] {t.leak(), Math.max(1, t.alpha()), 1};
        }
        NeuronModel.LoihiLif l = (NeuronModel.LoihiLif) m;
        double perWeight = 64.0 * 4096 / (l.du() + 1);
        return new double[] {(double) ((long) l.biasMant() << l.biasExp()), Math.max(1, (long) l.vth() << 6), perWeight};
    }

    private static double netSum(QuantiseSynapses.Proj pj) {
        double scale = pj.format() == null ? 1 : Math.pow(2, pj.format().weightExp());
        double s = 0;
        for (int k = 0; k < pj.syn().count(); k++) {
            s += pj.weight(k) * scale;
        }
        return s;
    }
}
