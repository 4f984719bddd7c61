package dev.myelin.chip.timing;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.isa.arch.Architecture;

/**
 * Per-core times of one tick from its operation counts and the architecture's per-operation
 * costs (SANA-FE's split, energy.md):
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
    private final double neuronUpdateNs;
    private final double neuronIdleNs;
    final double spikeOutNs;
    final double spikeInNs;

    CoreTimes(Architecture a) {
        synapticOpNs = a.synapticOpNs();
        neuronUpdateNs = a.neuronUpdateNs();
        neuronIdleNs = a.neuronIdleNs();
        spikeOutNs = a.spikeOutNs();
        spikeInNs = a.spikeInNs();
    }

    double integrationNs(CounterSet k, int core) {
        return k.get(core, Counter.SYNAPTIC_EVENTS) * synapticOpNs;
    }

    double somaNs(CounterSet k, int core) {
        return k.get(core, Counter.NEURON_UPDATES_ACTIVE) * neuronUpdateNs
                + k.get(core, Counter.NEURON_UPDATES_INACTIVE) * neuronIdleNs;
    }

    double generationNs(CounterSet k, int core, int messagesSent) {
        return somaNs(k, core) + messagesSent * spikeOutNs;
    }

    double receiveNs(CounterSet k, int core, int messagesReceived) {
        return messagesReceived * spikeInNs + k.get(core, Counter.SYNAPTIC_EVENTS_ROUTED) * synapticOpNs;
    }
}
