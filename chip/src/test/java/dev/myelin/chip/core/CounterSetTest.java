package dev.myelin.chip.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CounterSetTest {

    /**
     * addRow sums in one pass and then puts the MAX counters right: every value must be what
     * combining the row {@code times} times counter by counter gives, on random values (large and
     * negative ones included, so sums overflow) and random repeat counts.
     */
    @Test
    void addRowIsCombiningTheRowTimesOverCounterByCounter() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int round = 0; round < 2000; round++) {
            int cores = 1 + rnd.nextInt(4);
            CounterSet into = new CounterSet(cores);
            CounterSet row = new CounterSet(cores);
            CounterSet expected = new CounterSet(cores);
            for (int c = 0; c < cores; c++) {
                for (Counter k : Counter.all()) {
                    long x = rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(-5, 1000);
                    long y = rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(-5, 1000);
                    into.set(c, k, x);
                    expected.set(c, k, x);
                    row.set(c, k, y);
                }
            }
            int core = rnd.nextInt(cores);
            long times = switch (rnd.nextInt(4)) {
                case 0 -> 1;
                case 1 -> rnd.nextInt(-2, 1);
                case 2 -> rnd.nextLong(1, 1L << 40);
                default -> rnd.nextInt(2, 50);
            };
            into.addRow(row, core, times);
            for (Counter k : Counter.all()) {
                long v = expected.get(core, k);
                long y = row.get(core, k);
                if (times > 0) {
                    v = k.aggregate() == Counter.Aggregate.MAX ? Math.max(v, y) : v + y * times;
                }
                expected.set(core, k, v);
            }
            assertThat(into).as("round %d, core %d, times %d", round, core, times).isEqualTo(expected);
        }
    }

    @Test
    void sumCountersAddAndMaxCountersKeepTheLargest() {
        CounterSet a = new CounterSet(2);
        a.add(0, Counter.SYNAPTIC_EVENTS, 3);
        a.add(0, Counter.SYNAPTIC_EVENTS, 4);
        a.add(1, Counter.SYNAPTIC_EVENTS, 10);
        a.add(0, Counter.DELAY_OCCUPANCY_MAX, 5);
        a.add(0, Counter.DELAY_OCCUPANCY_MAX, 2);
        a.add(1, Counter.DELAY_OCCUPANCY_MAX, 4);
        assertThat(a.get(0, Counter.SYNAPTIC_EVENTS)).isEqualTo(7);
        assertThat(a.total(Counter.SYNAPTIC_EVENTS)).isEqualTo(17);
        assertThat(a.get(0, Counter.DELAY_OCCUPANCY_MAX)).isEqualTo(5);
        assertThat(a.total(Counter.DELAY_OCCUPANCY_MAX)).isEqualTo(5);

        CounterSet b = a.copy();
        b.accumulate(a);
        assertThat(b.get(1, Counter.SYNAPTIC_EVENTS)).isEqualTo(20);
        assertThat(b.get(1, Counter.DELAY_OCCUPANCY_MAX)).isEqualTo(4);
        assertThat(b).isNotEqualTo(a);
        a.clear();
        assertThat(a.total(Counter.SYNAPTIC_EVENTS)).isZero();
    }

    @Test
    void everyCounterDeclaresAUnitAndADescription() {
        for (Counter c : Counter.all()) {
            assertThat(c.unit()).as(c.key()).isNotBlank();
            assertThat(c.description()).as(c.key()).hasSizeGreaterThan(10);
        }
    }
}
