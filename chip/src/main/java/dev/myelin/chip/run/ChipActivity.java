package dev.myelin.chip.run;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.energy.CoreInfo;
import dev.myelin.chip.energy.MessageCounter;
import dev.myelin.chip.sim.Chip;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.SparseRows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a chip's last tick into the activity counts pricing uses: neurons, updates, spikes
 * and synaptic events from the chip's counters; messages and hops by SANA-FE's rules from
 * the fired neurons and the image's targets ({@link MessageCounter}). Reuses its arrays.
 */
final class ChipActivity {
    private final Chip chip;
    private final MessageCounter messages;
    private final long[] counts;
    /** East-west hops, north-south hops, chip-to-chip link crossings of the last tick. */
    private final long[] hops = new long[3];

    ChipActivity(Chip chip) {
        this.chip = chip;
        this.messages = new MessageCounter(chip.image());
        this.counts = new long[chip.layout().cores() * Activity.COUNT];
    }

    /** The used cores as pricing sees them. */
    static List<CoreInfo> cores(Chip chip) {
        List<CoreInfo> out = new ArrayList<>();
        for (CoreImage ci : chip.image().cores()) {
            out.add(new CoreInfo(ci.id(), ci.synapses() instanceof SparseRows, ci.neuronCount(), ci.axonCount()));
        }
        return out;
    }

    /** Counts the tick that just ran; the returned array is reused by the next call. */
    long[] countLastTick() {
        Arrays.fill(counts, 0);
        Arrays.fill(hops, 0);
        CounterSet t = chip.lastTickCounters();
        for (int c = 0; c < chip.layout().cores(); c++) {
            long active = t.get(c, Counter.NEURON_UPDATES_ACTIVE);
            counts[Activity.NEURONS.at(c)] = active + t.get(c, Counter.NEURON_UPDATES_INACTIVE);
            counts[Activity.UPDATED.at(c)] = active;
            counts[Activity.SPIKES.at(c)] = t.get(c, Counter.NEURONS_FIRED);
            // SANA-FE attributes a message's synapse lookups to the tick it is sent, with its messages
            counts[Activity.SYN_EVENTS.at(c)] = t.get(c, Counter.SYNAPTIC_EVENTS_ROUTED);
            int fired = chip.firedCount(c);
            for (int k = 0; k < fired; k++) {
                messages.fired(c, chip.fired(c, k), counts, hops);
            }
        }
        return counts;
    }

    long hopsEastWest() {
        return hops[0];
    }

    long hopsNorthSouth() {
        return hops[1];
    }

    long chipLinkCrossings() {
        return hops[2];
    }

    MessageCounter messageCounter() {
        return messages;
    }
}
