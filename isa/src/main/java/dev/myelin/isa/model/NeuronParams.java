package dev.myelin.isa.model;

/** The neuron parameters of one core, in the form its datapath needs. */
public sealed interface NeuronParams permits TrueNorthNeurons, LoihiNeurons {
    /** Number of neurons defined on the core. */
    int count();
}
