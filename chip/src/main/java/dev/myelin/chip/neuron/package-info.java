/** Neuron datapaths (TrueNorth, Loihi CUBA) behind the NeuronArray contract, their fixed-point rules and per-core random sources. */
package dev.myelin.chip.neuron;
