package dev.myelin.isa.model;

import java.util.List;

/**
 * A population's placement: which neurons of which cores hold it, so probes and reports
 * speak in population names. Range {@code r} holds population indices
 * {@code r.popStart() .. r.popStart()+r.count()-1} in neurons {@code r.neuronStart()..} of {@code r.core()}.
 *
 * @param scale what one unit of the population's membrane potential is in millivolts, or null
 *              when the binary does not say (raw datapath parameters, hand-written listings)
 */
public record Symbol(String population, int size, List<Range> ranges, Scale scale) {
    public Symbol {
        ranges = List.copyOf(ranges);
    }

    /** A population without a known voltage scale. */
    public Symbol(String population, int size, List<Range> ranges) {
        this(population, size, ranges, null);
    }

    /** The same symbol with another voltage scale (null: none). */
    public Symbol withScale(Scale s) {
        return new Symbol(population, size, ranges, s);
    }

    public record Range(CoreId core, int neuronStart, int count, int popStart) {
    }

    /**
     * The affine map from the datapath's membrane potential v (in LSB, the unit of the
     * neuron's threshold and reset fields) to millivolts: {@code mV = mvAtZero + v * mvPerLsb}.
     */
    public record Scale(double mvPerLsb, double mvAtZero) {
        /** Largest magnitude of either number a binary may carry. */
        public static final double MAX_MV = 1e9;

        /** -0.0 becomes +0.0, the one zero a binary carries. */
        public Scale {
            mvPerLsb = mvPerLsb == 0 ? 0.0 : mvPerLsb;
            mvAtZero = mvAtZero == 0 ? 0.0 : mvAtZero;
        }

        /** {@code v} LSB in mV. */
        public double toMv(double v) {
            return mvAtZero + v * mvPerLsb;
        }

        /** Null when the scale can be carried by a binary, else why not. */
        public String problem() {
            if (!(mvPerLsb > 0 && mvPerLsb <= MAX_MV)) {
                return "mvPerLsb = " + mvPerLsb + " must be > 0 and <= " + MAX_MV;
            }
            if (!(Math.abs(mvAtZero) <= MAX_MV)) {
                return "mvAtZero = " + mvAtZero + " must be a number within +-" + MAX_MV;
            }
            return null;
        }
    }
}
