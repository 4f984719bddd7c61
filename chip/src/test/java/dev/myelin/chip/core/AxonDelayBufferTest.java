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
}
