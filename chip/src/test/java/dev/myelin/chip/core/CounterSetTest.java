package dev.myelin.chip.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CounterSetTest {

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
