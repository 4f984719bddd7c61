/** The tick engine and the chip boundary: phases, worker pool, spike network interface, inputs, outputs, probes. */
package dev.myelin.chip.sim;
