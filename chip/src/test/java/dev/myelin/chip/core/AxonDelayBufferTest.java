package dev.myelin.chip.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AxonDelayBufferTest {

    @Test
    void marksMergeAndSlotsWrapModuloTheSlotCount() {
        AxonDelayBuffer b = new AxonDelayBuffer(130, 16);
        assertThat(b.words()).isEqualTo(3);
        assertThat(b.mark(129, 20)).isTrue();
        assertThat(b.mark(129, 20)).isFalse();
        assertThat(b.mark(0, 20)).isTrue();
        assertThat(b.mark(5, 21)).isTrue();
        assertThat(b.pendingAt(20)).isEqualTo(2);
        assertThat(b.pendingAt(4)).isEqualTo(2); // 20 mod 16 = 4: the same slot
        assertThat(b.occupancy()).isEqualTo(3);
        long[] s = b.slot(20);
        assertThat(s[0]).isEqualTo(1L);
        assertThat(s[2]).isEqualTo(1L << 1);
        assertThat(b.consume(20)).isEqualTo(2);
        assertThat(b.slot(20)).containsOnly(0L);
        assertThat(b.occupancy()).isEqualTo(1);
        assertThat(b.consume(20)).isZero();
    }

    @Test
    void slotByMaskEqualsFloorModForPowerOfTwoAndOtherSlotCounts() {
        // the mask (slots - 1, for a power of two) must give floorMod(tick, slots) for every tick,
        // negative ones included; other slot counts (mask -1) divide
        long[] ticks = {0, 1, 15, 16, 17, 63, 64, 65, 1_000_003, -1, -16, -17, Long.MAX_VALUE, Long.MIN_VALUE,
                Integer.MAX_VALUE + 5L};
        for (int slots : new int[] {2, 16, 64, 256, 3, 10, 255}) {
            int mask = Integer.bitCount(slots) == 1 ? slots - 1 : -1;
            AxonDelayBuffer b = new AxonDelayBuffer(8, slots);
            for (long t : ticks) {
                int expected = (int) Math.floorMod(t, (long) slots);
                assertThat(AxonDelayBuffer.slotOf(t, slots, mask)).as("slots %d, tick %d", slots, t).isEqualTo(expected);
                assertThat(b.slotOf(t)).isEqualTo(expected);
            }
        }
        // by hand: tick -1 with 16 slots is slot 15, tick 17 slot 1
        assertThat(AxonDelayBuffer.slotOf(-1, 16, 15)).isEqualTo(15);
        assertThat(AxonDelayBuffer.slotOf(17, 16, 15)).isEqualTo(1);
    }
}
