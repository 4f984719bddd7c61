package dev.myelin.isa.model;

/** A core's synapses: a binary crossbar (TrueNorth) or weighted sparse rows (Loihi). Rows are axons. */
public sealed interface SynapseMemory permits Crossbar, SparseRows {
    /** Rows (axons) stored. */
    int axons();

    /** Number of synapses (set crossbar bits or stored sparse entries). */
    long synapseCount();
}
