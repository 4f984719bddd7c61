package dev.myelin.tests.reference;

import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.SynapseFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * A Loihi CUBA core written straight from docs/reference/loihi.md, one object per
 * neuron and per synapse, for clarity rather than speed. It shares no code with the chip.
 *
 * <p>Each axon type is one "Dense": its active synapses' effective weights are summed per
 * neuron, that sum is scaled by the type's weight_exp, and the scaled sums of all types
 * are the neuron's a_in for the step.
 *
 * <p>Refractoriness follows Lava's LIFRefractory: each compartment remembers the last step of
 * its refractory period (spike step + delay) and updates v only in steps after it; u always
 * integrates. A dendrite (join add) passes its u, plus what it got from the compartment before
 * it, on to the next compartment, whose voltage update uses that sum in place of u.
 */
public final class LoihiReferenceCore implements ReferenceNetwork.Core {
    private static final long TWO_23 = 1L << 23;
    private static final long TWO_24 = 1L << 24;

    /** One compartment and its state. */
    public static final class Neuron {
        final boolean nxsdkDecay;
        final long du;
        final long dv;
        final long threshold;
        final long bias;
        final int refractoryDelay;
        final boolean dendrite;
        long u;
        long v;
        /** The last step of the current refractory period (Lava's refractory_period_end); starts at -1. */
        long refractoryEnd = -1;
        long lastAIn;
        /** How often u wrapped and v was clipped (coverage of the edge cases in tests). */
        long wraps;
        long clips;
        /** Steps in which a refractory period held v. */
        long holds;

        Neuron(boolean nxsdkDecay, int du, int dv, int vth, int biasMant, int biasExp, int u0, int v0,
               int refractoryDelay, boolean dendrite) {
            this.refractoryDelay = refractoryDelay;
            this.dendrite = dendrite;
            this.nxsdkDecay = nxsdkDecay;
            this.du = du;
            this.dv = dv;
            this.threshold = vth * 64L;                          // vth << 6
            this.bias = biasMant * (1L << biasExp);              // bias_mant << bias_exp
            this.u = u0;
            this.v = v0;
        }

        /**
         * Step {@code step} with activation aIn and the current {@code received} from the dendrite
         * before it; returns true when the compartment spikes. A dendrite's joined current is in
         * {@link #joined} afterwards.
         */
        boolean step(long aIn, long received, long stepNo) {
            lastAIn = aIn;
            long keepU = nxsdkDecay ? 4096 - du : 4096 - du - 1;
            u = wrap(towardZero(u * keepU) + aIn * 64);
            joined = wrap(received + u);
            if (dendrite) {
                return false;   // a dendrite has no voltage
            }
            if (stepNo <= refractoryEnd) {
                holds++;        // refractory: v held, u integrated all the same
                return false;
            }
            v = towardZero(v * (4096 - dv)) + joined + bias;
            if (v > TWO_23 - 1) {
                v = TWO_23 - 1;
                clips++;
            }
            if (v < -(TWO_23 - 1)) {
                v = -(TWO_23 - 1);
                clips++;
            }
            if (v > threshold) {
                v = 0;
                refractoryEnd = stepNo + refractoryDelay;
                return true;
            }
            return false;
        }

        /** u plus the current received, after the last step. */
        long joined;

        /** Wraps to 24 bits: the reference's two steps, repeated for activations beyond 3 * 2^23. */
        private long wrap(long x) {
            while (x > TWO_23) {
                x -= TWO_24;
                wraps++;
            }
            while (x <= -TWO_23) {
                x += TWO_24;
                wraps++;
            }
            return x;
        }

        /** p / 4096 rounded toward zero (Java's integer division truncates toward zero). */
        private static long towardZero(long p) {
            return p / 4096;
        }
    }

    private record Synapse(int axon, int neuron, long effectiveWeight) {
    }

    private final List<Neuron> neurons = new ArrayList<>();
    private final int[] axonType;
    private final List<SynapseFormat> formats;
    private final List<Synapse> synapses = new ArrayList<>();
    /** Steps taken so far (the number of the next one). */
    private long steps;

    public LoihiReferenceCore(CoreImage core) {
        LoihiNeurons p = (LoihiNeurons) core.neurons();
        for (int j = 0; j < p.n(); j++) {
            neurons.add(new Neuron(p.decayMode() == LoihiNeurons.DECAY_NXSDK, p.du()[j], p.dv()[j], p.vth()[j],
                    p.biasMant()[j], p.biasExp()[j], p.u0()[j], p.v0()[j], p.refractory()[j],
                    p.join()[j] == LoihiNeurons.JOIN_ADD));
        }
        axonType = core.axonType().clone();
        formats = core.formats();
        SparseRows rows = (SparseRows) core.synapses();
        for (int a = 0; a < rows.axons(); a++) {
            SynapseFormat f = formats.get(axonType[a]);
            for (int k = rows.rowStart()[a]; k < rows.rowStart()[a + 1]; k++) {
                synapses.add(new Synapse(a, rows.post()[k], effectiveWeight(rows.weight()[k], f)));
            }
        }
    }

    /** loihi.md "Dense synapses": clip to 8 bits by sign mode, then drop low bits. */
    public static long effectiveWeight(int raw, SynapseFormat f) {
        long w = raw;
        long lo = switch (f.signMode()) {
            case SynapseFormat.EXCITATORY -> 0;
            case SynapseFormat.INHIBITORY -> -255;
            default -> -256;
        };
        long hi = f.signMode() == SynapseFormat.INHIBITORY ? 0 : 255;
        w = Math.max(lo, Math.min(hi, w));
        int drop = 8 - f.numWeightBits() + (f.signMode() == SynapseFormat.MIXED ? 1 : 0);
        long unit = 1L << drop;
        if (f.signMode() == SynapseFormat.INHIBITORY) {
            // inhibitory synapses hold the magnitude: truncate |w| (Lava negates, shifts, negates back)
            return -(Math.floorDiv(-w, unit) * unit);
        }
        return Math.floorDiv(w, unit) * unit;
    }

    /** sum << weight_exp, or floor(sum / 2^-weight_exp) when weight_exp &lt; 0. */
    public static long scale(long sum, int weightExp) {
        return weightExp >= 0 ? sum * (1L << weightExp) : Math.floorDiv(sum, 1L << -weightExp);
    }

    /** One time step: active[a] says whether axon a carries a spike now. Returns who spiked. */
    public boolean[] step(boolean[] active) {
        int n = neurons.size();
        long[][] sums = new long[formats.size()][n];
        for (Synapse s : synapses) {
            if (active[s.axon()]) {
                sums[axonType[s.axon()]][s.neuron()] += s.effectiveWeight();
            }
        }
        boolean[] spiked = new boolean[n];
        long received = 0;
        for (int j = 0; j < n; j++) {
            long aIn = 0;
            for (int t = 0; t < formats.size(); t++) {
                aIn += scale(sums[t][j], formats.get(t).weightExp());
            }
            Neuron c = neurons.get(j);
            spiked[j] = c.step(aIn, received, steps);
            received = c.dendrite ? c.joined : 0;
        }
        steps++;
        return spiked;
    }

    @Override
    public List<Integer> tick(boolean[] active) {
        boolean[] spiked = step(active);
        List<Integer> fired = new ArrayList<>();
        for (int j = 0; j < spiked.length; j++) {
            if (spiked[j]) {
                fired.add(j);
            }
        }
        return fired;
    }

    public int neurons() {
        return neurons.size();
    }

    public long u(int j) {
        return neurons.get(j).u;
    }

    public long v(int j) {
        return neurons.get(j).v;
    }

    /** u wraps so far, all neurons. */
    public long wraps() {
        return neurons.stream().mapToLong(x -> x.wraps).sum();
    }

    /** Steps with v held by a refractory period so far, all neurons. */
    public long holds() {
        return neurons.stream().mapToLong(x -> x.holds).sum();
    }

    /** v clips so far, all neurons. */
    public long clips() {
        return neurons.stream().mapToLong(x -> x.clips).sum();
    }

    /** The a_in of neuron j in the last step (before its << 6). */
    public long aIn(int j) {
        return neurons.get(j).lastAIn;
    }
}
