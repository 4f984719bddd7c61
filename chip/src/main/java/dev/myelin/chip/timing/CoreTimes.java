package dev.myelin.chip.timing;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.isa.arch.Architecture;

/**
 * Per-core times of one tick from its operation counts and the architecture's per-operation
 * costs, generation and receive by SANA-FE's rule ({@link SanaFeLatency}, energy.md):
 * <ul>
 * <li>integration = synaptic events x {@code synapticOpNs};</li>
 * <li>soma = active updates x {@code neuronUpdateNs} + inactive updates x {@code neuronIdleNs};</li>
 * <li>generation = soma + messages sent x {@code spikeOutNs};</li>
 * <li>receive = messages received x {@code spikeInNs} + the synaptic events those messages cause
 *     x {@code synapticOpNs}, both in the tick the messages are sent (SANA-FE's attribution).</li>
 * </ul>
 * Integration, the events a core performs when it reads its axons in the next tick, is what
 * cycle mode's compute phase uses.
 */
final class CoreTimes {
    private final double synapticOpNs;
    private final SanaFeLatency.Times rule;
    final double spikeOutNs;
    final double spikeInNs;

    CoreTimes(Architecture a) {
        synapticOpNs = a.synapticOpNs();
        spikeOutNs = a.spikeOutNs();
        spikeInNs = a.spikeInNs();
        rule = SanaFeLatency.ofArchitecture(a.neuronIdleNs(), a.neuronUpdateNs(), spikeOutNs, spikeInNs);
    }

    double integrationNs(CounterSet k, int core) {
        return k.get(core, Counter.SYNAPTIC_EVENTS) * synapticOpNs;
    }

    double somaNs(CounterSet k, int core) {
        return generationNs(k, core, 0);
    }

    double generationNs(CounterSet k, int core, int messagesSent) {
        return SanaFeLatency.generationNs(rule, k.get(core, Counter.NEURON_UPDATES_INACTIVE),
                k.get(core, Counter.NEURON_UPDATES_ACTIVE), 0, messagesSent);
    }

    double receiveNs(CounterSet k, int core, int messagesReceived) {
        return SanaFeLatency.receiveNs(rule, messagesReceived, k.get(core, Counter.SYNAPTIC_EVENTS_ROUTED),
                synapticOpNs);
    }
}
