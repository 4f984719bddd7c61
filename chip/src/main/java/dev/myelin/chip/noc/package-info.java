/** The mesh network on chip: XY-routed routers with credit-flow input FIFOs, stepped cycle by cycle in two phases, and its traffic counters. */
package dev.myelin.chip.noc;
