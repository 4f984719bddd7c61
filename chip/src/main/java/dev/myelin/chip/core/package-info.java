/** Per-core building blocks shared by every datapath: the NeuronArray contract, the axon delay buffer, counters. */
package dev.myelin.chip.core;
