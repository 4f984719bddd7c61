package dev.myelin.isa.learn;

import java.util.List;

/**
 * A core's learning configuration, the typed form of its learning section
 * (docs/learning.md; bytes: {@link dev.myelin.isa.format.LearningDescriptor}).
 *
 * @param epoch      ticks per learning epoch, 1..255: rules run at the end of ticks
 *                   {@code t} with {@code (t + 1) % epoch == 0}
 * @param weightFrac 0..8 fraction bits the learning engine keeps below the raw weight: the
 *                   learned weight W is held in units of 2^-weightFrac raw weights and the
 *                   synapse integrates {@code floor(W / 2^weightFrac)}
 * @param wMin       lower bound of the raw weight, -256..255
 * @param wMax       upper bound of the raw weight, wMin..255
 * @param rewardAxon the axon whose spikes are the reward (third factor), or -1 for none
 * @param traces     the filters of x1, x2, y1, y2, y3, r1, in that order
 * @param rules      at most one rule per target (dw, dt)
 * @param plastic    per axon, whether its synapses learn
 * @param device     the memristive device at the synapses of the plastic axons (docs/learning.md,
 *                   "Memristive synapses"), or null for digital weights
 * @param readout    how the core uses its device: weight storage or column-current integration,
 *                   single devices or differential pairs, the ADC's bits ({@link DeviceReadout#STORAGE}
 *                   without a device)
 */
public record LearningConfig(int epoch, int weightFrac, int wMin, int wMax, int rewardAxon, List<Trace> traces,
                             List<Rule> rules, boolean[] plastic, Device device, DeviceReadout readout) {
    public static final int MAX_EPOCH = 255;
    public static final int MAX_WEIGHT_FRAC = 8;
    /** Trace indices in {@link #traces}. */
    public static final int X1 = 0, X2 = 1, Y1 = 2, Y2 = 3, Y3 = 4, R1 = 5;
    public static final List<String> TRACE_NAMES = List.of("x1", "x2", "y1", "y2", "y3", "r1");

    public LearningConfig {
        traces = List.copyOf(traces);
        rules = List.copyOf(rules);
        plastic = plastic.clone();
        readout = readout == null ? DeviceReadout.STORAGE : readout;
    }

    /** A configuration whose device (if any) stores the weights on single devices. */
    public LearningConfig(int epoch, int weightFrac, int wMin, int wMax, int rewardAxon, List<Trace> traces,
                          List<Rule> rules, boolean[] plastic, Device device) {
        this(epoch, weightFrac, wMin, wMax, rewardAxon, traces, rules, plastic, device, DeviceReadout.STORAGE);
    }

    /** A configuration with digital weights (no device). */
    public LearningConfig(int epoch, int weightFrac, int wMin, int wMax, int rewardAxon, List<Trace> traces,
                          List<Rule> rules, boolean[] plastic) {
        this(epoch, weightFrac, wMin, wMax, rewardAxon, traces, rules, plastic, null, DeviceReadout.STORAGE);
    }

    /** This configuration with {@code d} (null: none) as its device. */
    public LearningConfig withDevice(Device d) {
        return new LearningConfig(epoch, weightFrac, wMin, wMax, rewardAxon, traces, rules, plastic, d, readout);
    }

    /** This configuration with {@code r} as its device readout. */
    public LearningConfig withReadout(DeviceReadout r) {
        return new LearningConfig(epoch, weightFrac, wMin, wMax, rewardAxon, traces, rules, plastic, device, r);
    }

    /** Null when every field is in range for a core of {@code axons} axons, else the problem (naming the field). */
    public String problem(int axons) {
        if (epoch < 1 || epoch > MAX_EPOCH) {
            return "epoch = " + epoch + " is out of range [1, " + MAX_EPOCH + "]";
        }
        if (weightFrac < 0 || weightFrac > MAX_WEIGHT_FRAC) {
            return "weightFrac = " + weightFrac + " is out of range [0, " + MAX_WEIGHT_FRAC + "]";
        }
        if (wMin < -256 || wMin > 255) {
            return "wMin = " + wMin + " is out of range [-256, 255]";
        }
        if (wMax < wMin || wMax > 255) {
            return "wMax = " + wMax + " is out of range [" + wMin + " (wMin), 255]";
        }
        if (rewardAxon < -1 || rewardAxon >= axons) {
            return "rewardAxon = " + rewardAxon + " is not an axon of the core [0, " + (axons - 1) + "] or none";
        }
        if (traces.size() != TRACE_NAMES.size()) {
            return traces.size() + " traces, expected " + TRACE_NAMES.size();
        }
        for (int i = 0; i < traces.size(); i++) {
            String p = traces.get(i).problem();
            if (p != null) {
                return "trace " + TRACE_NAMES.get(i) + ": " + p;
            }
        }
        if (rules.size() > Rule.Target.values().length) {
            return rules.size() + " rules, at most one per target (dw, dt)";
        }
        for (int i = 0; i < rules.size(); i++) {
            for (int k = 0; k < i; k++) {
                if (rules.get(k).target() == rules.get(i).target()) {
                    return "two rules for " + rules.get(i).target().text();
                }
            }
            String p = rules.get(i).problem();
            if (p != null) {
                return rules.get(i).target().text() + ": " + p;
            }
        }
        if (plastic.length != axons) {
            return "plastic flags for " + plastic.length + " axons, the core has " + axons;
        }
        if (device != null && device.problem() != null) {
            return "device " + device.name() + ": " + device.problem();
        }
        if (readout.problem() != null) {
            return "device readout: " + readout.problem();
        }
        if (device == null && !readout.equals(DeviceReadout.STORAGE)) {
            return "device readout " + readout.readName() + (readout.pair() ? " pair" : "") + " without a device";
        }
        return null;
    }

    /** The rule for {@code target}, or null. */
    public Rule rule(Rule.Target target) {
        return rules.stream().filter(r -> r.target() == target).findFirst().orElse(null);
    }

    /** Whether every term of every rule is 0 when there is no spike and every trace is 0. */
    public boolean restsWithoutActivity() {
        return rules.stream().allMatch(r -> r.terms().stream().allMatch(Term::needsActivity));
    }

    /** The rewardAxon field of the binary. */
    public long rewardAxonField() {
        return rewardAxon < 0 ? 0xFFFF_FFFFL : rewardAxon;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearningConfig c && epoch == c.epoch && weightFrac == c.weightFrac && wMin == c.wMin
                && wMax == c.wMax && rewardAxon == c.rewardAxon && traces.equals(c.traces) && rules.equals(c.rules)
                && java.util.Arrays.equals(plastic, c.plastic) && java.util.Objects.equals(device, c.device)
                && readout.equals(c.readout);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(epoch, weightFrac, wMin, wMax, rewardAxon, traces, rules, device, readout)
                * 31 + java.util.Arrays.hashCode(plastic);
    }
}
