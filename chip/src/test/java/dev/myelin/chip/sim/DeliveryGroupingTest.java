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
    /** Three blocks of 64 cores (64, 64, 32): on 2 threads delivery's shards are blocks 0-1 and block 2. */
    private static final int CORES = 160;
    private static final int TICKS = 30;

    @AfterEach
    void restore() {
        Delivery.groupMinSpikes = Delivery.GROUP_MIN_SPIKES;
    }

    /**
     * 160 cores of 256 neurons driven by their leak to fire every 1-2 ticks (well over 2,048 spikes a
     * tick, above the grouping threshold), random crossbars, each neuron targeting a random axon
     * of a random core of its row with a random delay, so spikes merge on shared axons.
     */
    private static NetworkImage busyChip(String latePolicy) {
        SplittableRandom rnd = new SplittableRandom(42);
        TnNet net = new TnNet().latePolicy(latePolicy);
        for (int x = 0; x < CORES; x++) {
            // rows of 64 cores (the board is 64 wide); a target is on its source's row
            int col = x % 64;
            int rowLength = Math.min(64, CORES - (x - col));
            TnNet.TnCore c = net.core(new dev.myelin.isa.model.CoreId(col, x / 64, 0), 256, 256);
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
                c.target(j, rnd.nextInt(rowLength) - col, rnd.nextInt(256), 1 + rnd.nextInt(15));
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
    void shardsAreContiguousRunsOfBlocksCoveringEveryBlockOnce() {
        for (int blocks = 1; blocks <= 200; blocks++) {
            for (int shards = 1; shards <= 8; shards++) {
                assertThat(Delivery.firstBlock(0, shards, blocks)).isZero();
                assertThat(Delivery.firstBlock(shards, shards, blocks)).isEqualTo(blocks);
                for (int s = 0; s < shards; s++) {
                    // block b belongs to shard floor(b x shards / blocks): exactly the blocks of [first(s), first(s + 1))
                    for (int b = Delivery.firstBlock(s, shards, blocks); b < Delivery.firstBlock(s + 1, shards, blocks); b++) {
                        assertThat(b * shards / blocks).as("block %d of %d, %d shards", b, blocks, shards).isEqualTo(s);
                    }
                }
            }
        }
    }

    @Test
    void groupedDeliveryGivesTheSameStateAndCountsAsQueueOrder() {
        for (String policy : new String[] {"deliver-late", "drop"}) {
            NetworkImage image = busyChip(policy);
            Outcome oneThread = run(image, ChipOptions.defaults().withThreads(1), Integer.MAX_VALUE);
            Outcome oneThreadLate = run(image, ChipOptions.defaults().withThreads(1).withNetwork(ChipTestNetworks.LATE),
                    Integer.MAX_VALUE);
            for (int threads : new int[] {1, 2, 3}) {
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
                    // sharded over the threads (more than 4,096 spikes a tick), as on one thread
                    Outcome one = late ? oneThreadLate : oneThread;
                    assertThat(queueOrder.counts()).as(at).isEqualTo(one.counts());
                    assertThat(queueOrder.v()).as(at).isEqualTo(one.v());
                }
            }
        }
    }
}
