/**
 * Immutable records of a network image: what the compiler emits, the binary encodes and
 * the chip loads. Per-neuron and per-synapse data are flat primitive arrays (column
 * layout), never an object per neuron. Arrays handed to a record are owned by it: do not
 * mutate them afterwards.
 */
package dev.myelin.isa.model;
