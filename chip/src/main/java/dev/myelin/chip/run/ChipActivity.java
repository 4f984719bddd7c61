package dev.myelin.chip.run;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.energy.ActivityRecord;
import dev.myelin.chip.energy.CoreInfo;
import dev.myelin.chip.energy.MessageCounter;
import dev.myelin.chip.sim.Chip;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.SparseRows;

import java.util.ArrayList;
import java.util.List;

/**
 * Fills the run's {@link ActivityRecord} from the chip's last tick: neurons, updates, spikes and
 * synaptic events from the chip's counters; messages and hops by SANA-FE's rules from the fired
 * neurons and the image's targets ({@link MessageCounter}). Only the cores the tick involved are
 * read ({@link Chip#lastTickCores}): every other core repeats its row of the tick before, which
 * the record keeps without visiting it.
 */
final class ChipActivity {
    private final Chip chip;
    private final ActivityRecord record;
    private final MessageCounter messages;
    /** East-west hops, north-south hops, chip-to-chip link crossings of the last tick. */
    private final long[] hops = new long[3];
    private final java.util.function.IntConsumer opener = this::open;

    ChipActivity(Chip chip, ActivityRecord record) {
        this.chip = chip;
        this.record = record;
        this.messages = new MessageCounter(chip.image());
    }

    /** The used cores as pricing sees them. */
    static List<CoreInfo> cores(Chip chip) {
        List<CoreInfo> out = new ArrayList<>();
        for (CoreImage ci : chip.image().cores()) {
            out.add(new CoreInfo(ci.id(), ci.synapses() instanceof SparseRows, ci.neuronCount(), ci.axonCount()));
        }
        return out;
    }

    /** Records the tick that just ran. */
    void countLastTick() {
        record.begin();
        hops[0] = 0;
        hops[1] = 0;
        hops[2] = 0;
        int n = chip.lastTickCores();
        // every core receiving a message was involved: open them all before messages add to their rows
        for (int i = 0; i < n; i++) {
            open(chip.lastTickCore(i));
        }
        long[] rows = record.rows();
        for (int i = 0; i < n; i++) {
            int c = chip.lastTickCore(i);
            int fired = chip.firedCount(c);
            for (int k = 0; k < fired; k++) {
                messages.fired(c, chip.fired(c, k), rows, hops, opener);
            }
        }
        record.addHops(hops[0], hops[1], hops[2]);
        record.end();
    }

    /** Opens core {@code c}'s row and writes its counts from the chip's counters. */
    private void open(int c) {
        if (!record.open(c)) {
            return;
        }
        long[] rows = record.rows();
        CounterSet t = chip.lastTickCounters();
        long active = t.get(c, Counter.NEURON_UPDATES_ACTIVE);
        rows[Activity.NEURONS.at(c)] = active + t.get(c, Counter.NEURON_UPDATES_INACTIVE);
        rows[Activity.UPDATED.at(c)] = active;
        rows[Activity.SPIKES.at(c)] = t.get(c, Counter.NEURONS_FIRED);
        // SANA-FE attributes a message's synapse lookups to the tick it is sent, with its messages
        rows[Activity.SYN_EVENTS.at(c)] = t.get(c, Counter.SYNAPTIC_EVENTS_ROUTED);
    }

    MessageCounter messageCounter() {
        return messages;
    }
}
