package dev.myelin.chip.sim;

import dev.myelin.chip.core.AxonDelayBuffer;
import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.testing.TnNet;
import dev.myelin.isa.arch.LatePolicy;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Delivery} against a reference that applies every spike in queue order, one at a time,
 * as the engine first did: random spikes (runs to one core, axons beyond a core's rows, due
 * ticks before, in and beyond the delay window, late arrivals), queued one by one, with an
 * arrival tick, or as blocks, over both late policies, queue order and grouped, one to three
 * shards, with and without activity tracking. Each tick the delay buffers, every counter, the
 * cores the engine was told of and the cores whose due slot the tracking marked must agree.
 */
class DeliveryTest {
    /** Three blocks of 64 cores (64, 64, 22): the shards of 2 and 3 threads split them unevenly. */
    private static final int CORES = 150;
    private static final int TICKS = 40;

    @AfterEach
    void restore() {
        Delivery.groupMinSpikes = Delivery.GROUP_MIN_SPIKES;
    }

    /** Cores of 200 or 256 axons (axons 200-255 of the first mark bits but have no row) with random crossbars. */
    private static NetworkImage image(String latePolicy) {
        SplittableRandom rnd = new SplittableRandom(7);
        TnNet net = new TnNet().latePolicy(latePolicy);
        for (int x = 0; x < CORES; x++) {
            int axons = x % 3 == 0 ? 200 : 256;
            TnNet.TnCore c = net.core(new CoreId(x % 64, x / 64, 0), axons, 16);
            for (int a = 0; a < axons; a++) {
                for (int j = 0; j < 16; j++) {
                    if (rnd.nextInt(3) == 0) {
                        c.connect(a, a % 4, j);
                    }
                }
            }
            if (x % 5 == 0) {
                // not quiescent: the tracking keeps these cores busy
                for (int j = 0; j < 16; j++) {
                    c.p.leak()[j] = 1;
                }
            }
        }
        return net.image();
    }

    /** One side of the comparison: its own cores, counts and tracking, and which cores were told of. */
    private static final class Side {
        final CoreRuntime[] cores;
        final CounterSet counts = new CounterSet(CORES);
        final CounterSet totals = new CounterSet(CORES);
        final CoreActivity activity;
        final boolean[] told = new boolean[CORES];

        Side(NetworkImage image, boolean track) {
            this.cores = new ImageLinker(image, new ChipLayout(image)).link(1, ChipOptions.defaults().random());
            this.activity = track ? new CoreActivity(cores, counts, totals) : null;
        }

        void touch(int c) {
            told[c] = true;
            if (activity != null) {
                activity.touch(c);
            }
        }

        /**
         * Starts tick t as the engine does: tracking begun, the slot of t read and cleared, busy
         * cores touched. Returns the cores involved before the busy ones are touched (those touched
         * in t - 1: spikes and due axons), then -1, then those involved after.
         */
        int[] begin(long t) {
            Arrays.fill(told, false);
            for (CoreRuntime r : cores) {
                r.delay.consume(t);
            }
            if (activity == null) {
                counts.clear();
                return new int[0];
            }
            int[] involved = new int[2 * CORES + 1];
            activity.begin(t);
            int n = activity.involvedCores(involved);
            involved[n++] = -1;
            activity.touchBusy();
            int[] after = new int[CORES];
            int m = activity.involvedCores(after);
            System.arraycopy(after, 0, involved, n, m);
            return Arrays.copyOf(involved, n + m);
        }
    }

    /** The engine's first delivery: each spike applied at once, in order, through the counter set's general add. */
    private static void reference(Side s, LatePolicy policy, long current, int core, int axon, long due, long arrival) {
        s.touch(core);
        CounterSet counts = s.counts;
        counts.add(core, Counter.SPIKES_IN, 1);
        long at = due;
        if (arrival >= due) {
            counts.add(core, Counter.SPIKES_LATE, 1);
            if (policy == LatePolicy.DROP) {
                counts.add(core, Counter.SPIKES_DROPPED, 1);
                return;
            }
            at = arrival + 1;
        }
        AxonDelayBuffer buffer = s.cores[core].delay;
        if (at <= current || at - current >= buffer.slots()) {
            counts.add(core, Counter.SPIKES_DROPPED, 1);
            return;
        }
        if (!buffer.mark(axon, at)) {
            counts.add(core, Counter.SPIKES_MERGED, 1);
        } else {
            if (s.activity != null) {
                s.activity.due(core, at);
            }
            counts.add(core, Counter.SYNAPTIC_EVENTS_ROUTED, s.cores[core].rowSynapses(axon));
        }
    }

    @Test
    void deliveryMatchesApplyingEachSpikeInQueueOrder() {
        for (String policyName : new String[] {"deliver-late", "drop"}) {
            NetworkImage image = image(policyName);
            LatePolicy policy = image.arch().latePolicy();
            for (boolean track : new boolean[] {true, false}) {
                for (int threads = 1; threads <= 3; threads++) {
                    for (int groupMin : new int[] {1, 500, Integer.MAX_VALUE}) {
                        compare(image, policy, track, threads, groupMin, 31L * threads + groupMin % 97 + (track ? 1 : 0));
                    }
                }
            }
        }
    }

    private static void compare(NetworkImage image, LatePolicy policy, boolean track, int threads, int groupMin, long seed) {
        Delivery.groupMinSpikes = groupMin;
        String at0 = policy + ", tracking " + track + ", " + threads + " threads, grouped from " + groupMin;
        Side ref = new Side(image, track);
        Side got = new Side(image, track);
        SplittableRandom rnd = new SplittableRandom(seed);
        long merged = 0;
        long late = 0;
        try (WorkerPool pool = new WorkerPool(threads)) {
            Delivery d = new Delivery(got.cores, policy, got::touch, got.activity, pool);
            int slots = got.cores[0].delay.slots();
            for (long t = 0; t < TICKS; t++) {
                String at = at0 + ", tick " + t;
                assertThat(got.begin(t)).as(at).isEqualTo(ref.begin(t));
                d.begin(t, got.counts);
                // some ticks are small (queue order), some above the grouping and worker thresholds
                int n = switch ((int) (t % 4)) {
                    case 0 -> rnd.nextInt(40);
                    case 1 -> 300 + rnd.nextInt(600);
                    default -> 4096 + rnd.nextInt(3000);
                };
                boolean explicitArrivals = t % 3 == 1;
                int[] bc = new int[n];
                int[] ba = new int[n];
                long[] bd = new long[n];
                int i = 0;
                while (i < n) {
                    int run = 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(20) : 0);
                    int core = rnd.nextInt(8) == 0 ? CORES - 1 - rnd.nextInt(3) : rnd.nextInt(CORES);
                    int kind = rnd.nextInt(10);
                    int block = 0;
                    for (int r = 0; r < run && i < n; r++, i++) {
                        int axon = rnd.nextInt(4) == 0 ? rnd.nextInt(8) : rnd.nextInt(256);
                        long due = t + (rnd.nextInt(10) == 0 ? rnd.nextInt(-3, slots + 3) : 1 + rnd.nextInt(4));
                        if (explicitArrivals && kind < 5) {
                            long arrival = t + rnd.nextInt(-2, 4);
                            reference(ref, policy, t, core, axon, due, arrival);
                            d.deliver(core, axon, due, arrival);
                        } else if (kind < 8) {
                            reference(ref, policy, t, core, axon, due, t);
                            d.deliver(core, axon, due);
                        } else {
                            reference(ref, policy, t, core, axon, due, t);
                            bc[block] = core;
                            ba[block] = axon;
                            bd[block++] = due;
                        }
                    }
                    d.deliverAll(bc, ba, bd, block);
                }
                d.flush();
                assertThat(got.told).as(at).isEqualTo(ref.told);
                assertThat(got.counts).as(at).isEqualTo(ref.counts);
                for (int c = 0; c < CORES; c++) {
                    AxonDelayBuffer g = got.cores[c].delay;
                    AxonDelayBuffer r = ref.cores[c].delay;
                    assertThat(g.occupancy()).as(at + ", core " + c).isEqualTo(r.occupancy());
                    for (long k = t; k < t + slots; k++) {
                        assertThat(g.slot(k)).as(at + ", core " + c + ", slot of " + k).isEqualTo(r.slot(k));
                    }
                }
                merged += ref.counts.total(Counter.SPIKES_MERGED);
                late += ref.counts.total(Counter.SPIKES_LATE);
            }
        }
        // the spikes exercised what they should
        assertThat(merged).as(at0).isPositive();
        assertThat(late).as(at0).isPositive();
    }
}
