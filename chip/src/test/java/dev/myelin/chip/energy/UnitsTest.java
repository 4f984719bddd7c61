package dev.myelin.chip.energy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnitsTest {
    @Test
    void energiesScaleByThousands() {
        assertThat(Units.energy(23.6)).isEqualTo("23.6 pJ");
        assertThat(Units.energy(1234)).isEqualTo("1.23 nJ");
        assertThat(Units.energy(56_176_757.8)).isEqualTo("56.2 uJ");
        assertThat(Units.energy(3.2e9)).isEqualTo("3.20 mJ");
        assertThat(Units.energy(0)).isEqualTo("0 pJ");
    }

    @Test
    void powersAndTimes() {
        assertThat(Units.power(65)).isEqualTo("65.0 mW");
        assertThat(Units.power(0.014044)).isEqualTo("14.0 uW");
        assertThat(Units.time(1145)).isEqualTo("1.15 us");
        assertThat(Units.time(2.5e9)).isEqualTo("2.50 s");
    }
}
