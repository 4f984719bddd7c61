package dev.myelin.chip.sim;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.testing.TnNet;
import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery groups a large tick's spikes by target core before applying them (a speed choice):
 * the marks, merges, late and dropped spikes and every counter must be those of applying them
 * in queue order, on one thread or several.
 */
class DeliveryGroupingTest {
    private static final int CORES = 32;
    private static final int TICKS = 30;

    @AfterEach
    void restore() {
        Delivery.groupMinSpikes = Delivery.GROUP_MIN_SPIKES;
    }

    /**
     * 32 cores of 256 neurons driven by their leak to fire every 1-2 ticks (well over 2,048 spikes a
     * tick, above the grouping threshold), random crossbars, each neuron targeting a random axon
     * of a random core with a random delay, so spikes merge on shared axons.
     */
    private static NetworkImage busyChip(String latePolicy) {
        SplittableRandom rnd = new SplittableRandom(42);
        TnNet net = new TnNet().latePolicy(latePolicy);
        for (int x = 0; x < CORES; x++) {
            TnNet.TnCore c = net.core(x, 256, 256);
            for (int a = 0; a < 256; a++) {
                int g = a % 4;
                for (int j = 0; j < 256; j++) {
                    if (rnd.nextInt(10) == 0) {
                        c.connect(a, g, j);
                    }
                }
            }
            for (int j = 0; j < 256; j++) {
                c.p.leak()[j] = 1;
                c.p.alpha()[j] = 1 + j % 2;
                c.p.beta()[j] = 20;
                c.p.kappa()[j] = 1;
                c.p.weights()[4 * j] = 1;
                c.p.weights()[4 * j + 1] = -1;
                c.p.weights()[4 * j + 2] = 2;
                c.p.weights()[4 * j + 3] = -2;
                c.target(j, rnd.nextInt(CORES) - x, rnd.nextInt(256), 1 + rnd.nextInt(15));
            }
        }
        return net.image();
    }

    private record Outcome(CounterSet counts, int[] v) {
    }

    private static Outcome run(NetworkImage image, ChipOptions options, int groupMin) {
        Delivery.groupMinSpikes = groupMin;
        try (Chip chip = Chip.load(image, options)) {
            chip.run(TICKS);
            int[] v = new int[CORES * 256];
            for (int c = 0; c < CORES; c++) {
                for (int j = 0; j < 256; j++) {
                    v[c * 256 + j] = chip.v(c, j);
                }
            }
            return new Outcome(chip.counters(), v);
        }
    }

    @Test
    void groupedDeliveryGivesTheSameStateAndCountsAsQueueOrder() {
        for (String policy : new String[] {"deliver-late", "drop"}) {
            NetworkImage image = busyChip(policy);
            for (int threads : new int[] {1, 2}) {
                for (boolean late : new boolean[] {false, true}) {
                    ChipOptions o = ChipOptions.defaults().withThreads(threads);
                    if (late) {
                        o = o.withNetwork(ChipTestNetworks.LATE);
                    }
                    Outcome queueOrder = run(image, o, Integer.MAX_VALUE);
                    Outcome grouped = run(image, o, 1);
                    String at = policy + ", " + threads + " threads" + (late ? ", late arrivals" : "");
                    // the load is what the production threshold groups: well over 2,048 spikes a tick
                    assertThat(queueOrder.counts().total(Counter.SPIKES_OUT)).as(at)
                            .isGreaterThan((long) TICKS * Delivery.GROUP_MIN_SPIKES);
                    if (late) {
                        assertThat(queueOrder.counts().total(Counter.SPIKES_LATE)).as(at).isPositive();
                    }
                    if (late && policy.equals("drop")) {
                        // every spike arrives late and is dropped: nothing lands to merge
                        assertThat(queueOrder.counts().total(Counter.SPIKES_DROPPED)).as(at)
                                .isEqualTo(queueOrder.counts().total(Counter.SPIKES_IN));
                    } else {
                        assertThat(queueOrder.counts().total(Counter.SPIKES_MERGED)).as(at).isPositive();
                    }
                    assertThat(grouped.counts()).as(at).isEqualTo(queueOrder.counts());
                    assertThat(grouped.v()).as(at).isEqualTo(queueOrder.v());
                }
            }
        }
    }
}
