package dev.myelin.chip.sim;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.testing.TnNet;
import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cores' steps on the workers (each also noting what the engine thread reads of it afterwards:
 * quiescence, port spikes) give the same per-tick counters, totals, state and involved cores on
 * 1, 2 and 4 threads, with and without a learning hook reading the counters mid-tick. (The test
 * build sets the parallel thresholds to their minimum, so these small chips use the workers.)
 */
class ParallelTickTest {
    static final int CORES = 40;
    private static final int TICKS = 60;

    /**
     * 40 cores of 64 neurons, random crossbars and targets; a third of the cores (the drivers)
     * have a leak that makes them fire every few ticks, the others fire only when driven. Spikes
     * target driven cores only, so a driver is involved in a tick only because its neurons were
     * not quiescent after its last step (what its step reports to the engine), and driven cores
     * go dormant and wake again (the involved set changes from tick to tick).
     */
    static NetworkImage chip() {
        SplittableRandom rnd = new SplittableRandom(7);
        TnNet net = new TnNet();
        for (int x = 0; x < CORES; x++) {
            TnNet.TnCore c = net.core(x, 64, 64);
            for (int a = 0; a < 64; a++) {
                for (int j = 0; j < 64; j++) {
                    if (rnd.nextInt(8) == 0) {
                        c.connect(a, a % 4, j);
                    }
                }
            }
            boolean driver = x % 3 == 0;
            for (int j = 0; j < 64; j++) {
                c.p.leak()[j] = driver ? 1 : 0;
                c.p.alpha()[j] = driver ? 2 + j % 3 : 3;
                c.p.beta()[j] = driver ? 40 : 0;
                c.p.kappa()[j] = 1;
                c.p.weights()[4 * j] = 2;
                c.p.weights()[4 * j + 1] = 1;
                c.p.weights()[4 * j + 2] = -1;
                c.p.weights()[4 * j + 3] = 1;
                int to = 1 + 3 * rnd.nextInt(CORES / 3) + rnd.nextInt(2); // a driven core (not a multiple of 3)
                c.target(j, to - x, rnd.nextInt(64), 1 + rnd.nextInt(6));
            }
        }
        return net.image();
    }

    /** Everything observable per tick: the tick's counters, the totals, the involved cores, V. */
    private static List<Object> run(NetworkImage image, int threads, boolean hook) {
        List<Object> seen = new ArrayList<>();
        try (Chip chip = Chip.load(image, ChipOptions.defaults().withThreads(threads))) {
            if (hook) {
                // reads what the tick has counted before the totals take it in
                chip.setLearningHook((t, c) -> {
                    seen.add(c.lastTickCounters().copy());
                    seen.add(c.counters().copy());
                });
            }
            for (int t = 0; t < TICKS; t++) {
                chip.step();
                seen.add(chip.lastTickCounters().copy());
                seen.add(chip.counters().copy());
                int[] involved = new int[chip.lastTickCores()];
                for (int i = 0; i < involved.length; i++) {
                    involved[i] = chip.lastTickCore(i);
                }
                seen.add(java.util.Arrays.toString(involved));
                int[] v = new int[CORES * 64];
                for (int c = 0; c < CORES; c++) {
                    for (int j = 0; j < 64; j++) {
                        v[c * 64 + j] = chip.v(c, j);
                    }
                }
                seen.add(java.util.Arrays.toString(v));
            }
        }
        return seen;
    }

    @Test
    void ticksOnTheWorkersMatchOneThread() {
        NetworkImage image = chip();
        for (boolean hook : new boolean[] {false, true}) {
            List<Object> one = run(image, 1, hook);
            // the load moves: spikes, delayed axons held, and cores both dormant and involved
            CounterSet last = (CounterSet) one.get(one.size() - 3);
            assertThat(last.total(Counter.NEURONS_FIRED)).isPositive();
            assertThat(last.total(Counter.DELAY_OCCUPANCY_SUM)).isPositive();
            assertThat(last.total(Counter.TICKS_SKIPPED)).isPositive();
            for (int threads : new int[] {2, 4}) {
                List<Object> many = run(image, threads, hook);
                assertThat(many).as("%d threads, hook %s", threads, hook).hasSize(one.size());
                for (int i = 0; i < one.size(); i++) {
                    assertThat(many.get(i)).as("%d threads, hook %s, item %d", threads, hook, i).isEqualTo(one.get(i));
                }
            }
        }
    }
}
