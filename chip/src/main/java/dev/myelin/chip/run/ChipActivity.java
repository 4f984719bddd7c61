package dev.myelin.chip.run;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.energy.Activity;
import dev.myelin.chip.energy.ActivityRecord;
import dev.myelin.chip.energy.CoreInfo;
import dev.myelin.chip.noc.TrafficStats;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.timing.MeshNetwork;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.SparseRows;

import java.util.ArrayList;
import java.util.List;

/**
 * Fills the run's {@link ActivityRecord} from the chip's last tick: neurons, updates, spikes and
 * synaptic events from the chip's counters; messages out and in per core, hops east-west and
 * north-south and chip-link crossings as the mesh counted them where the tick's packets became
 * messages ({@link MeshNetwork}, SANA-FE's message rule). Only the cores the tick involved are
 * read ({@link Chip#lastTickCores}): every other core repeats its row of the tick before, which
 * the record keeps without visiting it.
 */
final class ChipActivity {
    /** What a tick did on the cores: those it involved (the others repeat their counts) and every core's counts. */
    interface Tick {
        /** How many cores the tick involved. */
        int involvedCores();

        /** The {@code i}-th core the tick involved. */
        int involvedCore(int i);

        CounterSet counters();

        static Tick of(Chip chip) {
            return new Tick() {
                @Override
                public int involvedCores() {
                    return chip.lastTickCores();
                }

                @Override
                public int involvedCore(int i) {
                    return chip.lastTickCore(i);
                }

                @Override
                public CounterSet counters() {
                    return chip.lastTickCounters();
                }
            };
        }
    }

    private final Tick chip;
    private final ActivityRecord record;
    private final MeshNetwork network;

    ChipActivity(Chip chip, ActivityRecord record, MeshNetwork network) {
        this(Tick.of(chip), record, network);
    }

    /** Over a tick replayed from elsewhere (a partitioned run's members). */
    ChipActivity(Tick tick, ActivityRecord record, MeshNetwork network) {
        this.chip = tick;
        this.record = record;
        this.network = network;
    }

    /**
     * The used cores as pricing sees them: synaptic events of sparse-encoded Loihi cores are
     * sparse, those of crossbars and of dense-encoded Loihi cores dense.
     */
    static List<CoreInfo> cores(Chip chip) {
        List<CoreInfo> out = new ArrayList<>();
        for (CoreImage ci : chip.image().cores()) {
            boolean sparse = ci.synapses() instanceof SparseRows s && !s.dense();
            out.add(new CoreInfo(ci.id(), sparse, ci.neuronCount(), ci.axonCount(), ci.input()));
        }
        return out;
    }

    /** Records the tick that just ran. */
    void countLastTick() {
        record.begin();
        int n = chip.involvedCores();
        for (int i = 0; i < n; i++) {
            open(chip.involvedCore(i));
        }
        // every core sending or receiving a message was involved; opening one again leaves its row
        long[] rows = record.rows();
        int m = network.messageCores();
        for (int i = 0; i < m; i++) {
            int c = network.messageCore(i);
            open(c);
            rows[Activity.MESSAGES_OUT.at(c)] = network.messagesOut(c);
            rows[Activity.MESSAGES_IN.at(c)] = network.messagesIn(c);
        }
        TrafficStats t = network.lastTickTraffic();
        record.addHops(t.hopsEastWest(), t.hopsNorthSouth(), t.chipLinkCrossings());
        record.end();
    }

    /** Opens core {@code c}'s row and writes its counts from the chip's counters. */
    private void open(int c) {
        if (!record.open(c)) {
            return;
        }
        long[] rows = record.rows();
        CounterSet t = chip.counters();
        long active = t.get(c, Counter.NEURON_UPDATES_ACTIVE);
        rows[Activity.NEURONS.at(c)] = active + t.get(c, Counter.NEURON_UPDATES_INACTIVE);
        rows[Activity.UPDATED.at(c)] = active;
        rows[Activity.SPIKES.at(c)] = t.get(c, Counter.NEURONS_FIRED);
        // SANA-FE attributes a message's synapse lookups to the tick it is sent, with its messages
        rows[Activity.SYN_EVENTS.at(c)] = t.get(c, Counter.SYNAPTIC_EVENTS_ROUTED);
        rows[Activity.LEARNING.at(c)] = t.get(c, Counter.LEARNING_UPDATES);
        rows[Activity.TRACE_UPDATES.at(c)] = t.get(c, Counter.TRACE_UPDATES);
        rows[Activity.DEVICE_PULSES.at(c)] = t.get(c, Counter.DEVICE_PULSES);
        rows[Activity.DEVICE_READS.at(c)] = t.get(c, Counter.DEVICE_READS);
        rows[Activity.DEVICE_WRITE_FJ.at(c)] = t.get(c, Counter.DEVICE_WRITE_FJ);
        rows[Activity.DEVICE_READ_FJ.at(c)] = t.get(c, Counter.DEVICE_READ_FJ);
    }
}
