/**
 * The learning engine (docs/learning.md): per-core traces, epochs and sum-of-products rules
 * over mutable synaptic state, wrapped around a core's datapath so that learning runs inside
 * the core's own parallel step.
 */
package dev.myelin.chip.learn;
