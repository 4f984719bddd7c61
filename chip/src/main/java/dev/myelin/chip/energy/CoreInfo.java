package dev.myelin.chip.energy;

import dev.myelin.isa.model.CoreId;

/**
 * What pricing needs to know about a used core besides its counts.
 *
 * @param sparse  synapses stored as sparse row lists (priced as sparse events) rather than a
 *                crossbar or Loihi's dense encoding (priced as dense events)
 * @param neurons neurons used on the core
 * @param axons   axons used on the core
 * @param input   an input core (its neurons are input neurons: docs/isa.md, datapath bit 5)
 */
public record CoreInfo(CoreId id, boolean sparse, int neurons, int axons, boolean input) {
    public CoreInfo(CoreId id, boolean sparse, int neurons, int axons) {
        this(id, sparse, neurons, axons, false);
    }
}
