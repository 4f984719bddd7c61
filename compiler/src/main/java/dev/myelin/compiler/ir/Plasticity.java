package dev.myelin.compiler.ir;

import dev.myelin.isa.learn.Rule;
import dev.myelin.isa.learn.Trace;

import java.util.List;

/**
 * How a projection's synapses learn, resolved to the chip's learning engine (docs/learning.md):
 * every field except {@code plastic} of the cores' {@link dev.myelin.isa.learn.LearningConfig}.
 * The synapses of every plastic projection into one population share one configuration (the
 * population's cores learn by one rule set).
 *
 * @param rule    the named rule it came from (stdp, reward_stdp, custom), for reports
 * @param reward  the projection whose spikes are the reward channel, or null
 * @param where   where {@code plasticity} was written
 * @param device  the memristive device of the plastic synapses (docs/learning.md), or null for digital weights
 * @param readout how the cores use the device (weight storage or column currents, single or pair, ADC bits)
 */
public record Plasticity(String rule, int epoch, int weightFrac, int wMin, int wMax, List<Trace> traces,
                         List<Rule> rules, String reward, String where, dev.myelin.isa.learn.Device device,
                         dev.myelin.isa.learn.DeviceReadout readout) {
    public Plasticity {
        traces = List.copyOf(traces);
        rules = List.copyOf(rules);
        readout = readout == null ? dev.myelin.isa.learn.DeviceReadout.STORAGE : readout;
    }

    /** A plasticity whose device (if any) stores the weights on single devices. */
    public Plasticity(String rule, int epoch, int weightFrac, int wMin, int wMax, List<Trace> traces,
                      List<Rule> rules, String reward, String where, dev.myelin.isa.learn.Device device) {
        this(rule, epoch, weightFrac, wMin, wMax, traces, rules, reward, where, device,
                dev.myelin.isa.learn.DeviceReadout.STORAGE);
    }

    /** Whether two plasticities program the cores the same way (the rule name and place aside). */
    public boolean sameEngine(Plasticity o) {
        return epoch == o.epoch && weightFrac == o.weightFrac && wMin == o.wMin && wMax == o.wMax
                && traces.equals(o.traces) && rules.equals(o.rules) && java.util.Objects.equals(reward, o.reward)
                && java.util.Objects.equals(device, o.device) && readout.equals(o.readout);
    }
}
