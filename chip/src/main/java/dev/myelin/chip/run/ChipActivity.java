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
    /** The row being put (reused: nothing allocated per tick). */
    private final long[] row = new long[Activity.COUNT];
    private static final int NEURONS = Activity.NEURONS.ordinal();
    private static final int UPDATED = Activity.UPDATED.ordinal();
    private static final int SPIKES = Activity.SPIKES.ordinal();
    private static final int SYN_EVENTS = Activity.SYN_EVENTS.ordinal();
    private static final int MESSAGES_OUT = Activity.MESSAGES_OUT.ordinal();
    private static final int MESSAGES_IN = Activity.MESSAGES_IN.ordinal();
    private static final int LEARNING = Activity.LEARNING.ordinal();
    private static final int TRACE_UPDATES = Activity.TRACE_UPDATES.ordinal();
    private static final int DEVICE_PULSES = Activity.DEVICE_PULSES.ordinal();
    private static final int DEVICE_READS = Activity.DEVICE_READS.ordinal();
    private static final int DEVICE_WRITE_FJ = Activity.DEVICE_WRITE_FJ.ordinal();
    private static final int DEVICE_READ_FJ = Activity.DEVICE_READ_FJ.ordinal();
    // the counters read, as places in a core's row of a CounterSet
    private static final int C_ACTIVE = Counter.NEURON_UPDATES_ACTIVE.ordinal();
    private static final int C_INACTIVE = Counter.NEURON_UPDATES_INACTIVE.ordinal();
    private static final int C_FIRED = Counter.NEURONS_FIRED.ordinal();
    private static final int C_ROUTED = Counter.SYNAPTIC_EVENTS_ROUTED.ordinal();
    private static final int C_LEARNING = Counter.LEARNING_UPDATES.ordinal();
    private static final int C_TRACE = Counter.TRACE_UPDATES.ordinal();
    private static final int C_PULSES = Counter.DEVICE_PULSES.ordinal();
    private static final int C_READS = Counter.DEVICE_READS.ordinal();
    private static final int C_WRITE_FJ = Counter.DEVICE_WRITE_FJ.ordinal();
    private static final int C_READ_FJ = Counter.DEVICE_READ_FJ.ordinal();

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

    /**
     * Records the tick that just ran: each involved core's whole row, its messages included, is
     * put in one step (a row the core already had costs the record a comparison); a core that
     * sent or received without being involved (none does in the engine) is put after.
     */
    void countLastTick() {
        record.begin();
        CounterSet t = chip.counters();
        long[] v = t.values();
        int n = chip.involvedCores();
        for (int i = 0; i < n; i++) {
            put(chip.involvedCore(i), v);
        }
        int m = network.messageCores();
        for (int i = 0; i < m; i++) {
            int c = network.messageCore(i);
            if (!record.isOpen(c)) {
                put(c, t);
            }
        }
        TrafficStats h = network.lastTickTraffic();
        record.addHops(h.hopsEastWest(), h.hopsNorthSouth(), h.chipLinkCrossings());
        record.end();
    }

    /**
     * Core {@code c}'s row from the chip's counters and the mesh's message counts (zero for a core
     * that neither sent nor received: the mesh keeps no stale count), put in the record.
     */
    private void put(int c, CounterSet t) {
        put(c, t.values());
    }

    /** {@link #put(int, CounterSet)} from the counters' flat values (read once per tick, not settled per count). */
    private void put(int c, long[] v) {
        long[] r = row;
        int b = c * CounterSet.WIDTH;
        long active = v[b + C_ACTIVE];
        r[NEURONS] = active + v[b + C_INACTIVE];
        r[UPDATED] = active;
        r[SPIKES] = v[b + C_FIRED];
        // SANA-FE attributes a message's synapse lookups to the tick it is sent, with its messages
        r[SYN_EVENTS] = v[b + C_ROUTED];
        r[MESSAGES_OUT] = network.messagesOut(c);
        r[MESSAGES_IN] = network.messagesIn(c);
        r[LEARNING] = v[b + C_LEARNING];
        r[TRACE_UPDATES] = v[b + C_TRACE];
        r[DEVICE_PULSES] = v[b + C_PULSES];
        r[DEVICE_READS] = v[b + C_READS];
        r[DEVICE_WRITE_FJ] = v[b + C_WRITE_FJ];
        r[DEVICE_READ_FJ] = v[b + C_READ_FJ];
        record.put(c, r);
    }
}
