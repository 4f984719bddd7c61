package dev.myelin.chip.energy;

import java.util.List;

/** Where energy goes: the five dynamic components, then static power x time. */
public enum Component {
    SYNAPSE("synapse", "synaptic events"),
    NEURON("neuron", "soma access, update and spike, and dendrite accumulation"),
    NETWORK("network", "messages out and in, and hops"),
    LEARNING("learning", "learning-engine weight updates"),
    DEVICE("device", "memristive synapse devices' programming and read energy (the devices' own figures)"),
    STATIC("static", "static power of cores, routers and chips x modelled time");

    public static final int COUNT = values().length;
    private static final List<Component> ALL = List.of(values());

    private final String key;
    private final String description;

    Component(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public static List<Component> all() {
        return ALL;
    }
}
