package dev.myelin.chip.energy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every per-event cost and static power an energy profile holds, declared once: YAML key
 * (unit in the name), unit and help text. The pipeline follows SANA-FE's core (axon in,
 * synapse, dendrite, soma, axon out) plus mesh hops, learning and static power, so its
 * counting rules carry over (docs/energy.md).
 */
public enum EnergyParam {
    SYNAPSE_DENSE_PJ("synapse.denseEventPj", "pJ", "one synaptic event in a dense (crossbar) core"),
    SYNAPSE_DENSE_NS("synapse.denseEventNs", "ns", "time of one synaptic event in a dense core"),
    SYNAPSE_SPARSE_PJ("synapse.sparseEventPj", "pJ", "one synaptic event in a sparse (row list) core"),
    SYNAPSE_SPARSE_NS("synapse.sparseEventNs", "ns", "time of one synaptic event in a sparse core"),
    DENDRITE_PJ("dendrite.eventPj", "pJ", "dendrite accumulation per synaptic event"),
    DENDRITE_NS("dendrite.eventNs", "ns", "time of one dendrite accumulation"),
    SOMA_ACCESS_PJ("soma.accessPj", "pJ", "reading and writing back one neuron's state, every neuron every tick"),
    SOMA_ACCESS_NS("soma.accessNs", "ns", "time of one soma access"),
    SOMA_UPDATE_PJ("soma.updatePj", "pJ", "extra cost of an updated (active) neuron"),
    SOMA_UPDATE_NS("soma.updateNs", "ns", "extra time of an updated neuron"),
    SOMA_SPIKE_PJ("soma.spikeOutPj", "pJ", "a neuron firing (before any message is sent)"),
    SOMA_SPIKE_NS("soma.spikeOutNs", "ns", "time of a neuron firing"),
    AXON_OUT_PJ("axon.outPj", "pJ", "sending one message (firing neuron, destination core)"),
    AXON_OUT_NS("axon.outNs", "ns", "time to send one message"),
    AXON_IN_PJ("axon.inPj", "pJ", "receiving one message"),
    AXON_IN_NS("axon.inNs", "ns", "time to receive one message"),
    HOP_EW_PJ("network.hopEastWestPj", "pJ", "one message crossing one east-west link"),
    HOP_EW_NS("network.hopEastWestNs", "ns", "time of one east-west hop"),
    HOP_NS_PJ("network.hopNorthSouthPj", "pJ", "one message crossing one north-south link"),
    HOP_NS_NS("network.hopNorthSouthNs", "ns", "time of one north-south hop"),
    LEARNING_PJ("learning.updatePj", "pJ", "one synaptic weight update by the learning engine"),
    LEARNING_NS("learning.updateNs", "ns", "time of one synaptic weight update"),
    STATIC_CORE_MW("static.coreMw", "mW", "static (leakage and clock) power of one core"),
    STATIC_ROUTER_MW("static.routerMw", "mW", "static power of one router"),
    STATIC_CHIP_MW("static.chipMw", "mW", "static power of one chip beyond its cores and routers");

    private static final List<EnergyParam> ALL = List.of(values());

    private final String key;
    private final String unit;
    private final String help;

    EnergyParam(String key, String unit, String help) {
        this.key = key;
        this.unit = unit;
        this.help = help;
    }

    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    public String help() {
        return help;
    }

    public static List<EnergyParam> all() {
        return ALL;
    }

    public static Optional<EnergyParam> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }
}
