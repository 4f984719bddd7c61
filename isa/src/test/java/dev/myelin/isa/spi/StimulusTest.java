package dev.myelin.isa.spi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StimulusTest {
    @Test
    void spikeArraySortsDropsDuplicatesAndExpandsByTick() {
        var s = new Stimulus.SpikeArray("in", new int[] {3, 1, 3, 3}, new int[] {2, 0, 0, 2});
        assertThat(s.tick()).containsExactly(1, 3, 3);
        assertThat(s.index()).containsExactly(0, 0, 2);
        assertThat(s.lines()).isEqualTo(3);
        int[] out = new int[3];
        assertThat(s.activeLines(0, out)).isZero();
        assertThat(s.activeLines(1, out)).isEqualTo(1);
        assertThat(out[0]).isZero();
        assertThat(s.activeLines(3, out)).isEqualTo(2);
        assertThat(out).startsWith(0, 2);
        assertThat(s.activeLines(4, out)).isZero();
    }

    @Test
    void poissonRateZeroAndCertainty() {
        int[] out = new int[8];
        var never = new Stimulus.Poisson("p", 8, 0, 1, 5);
        var always = new Stimulus.Poisson("p", 8, 1000, 1, 5);
        for (int t = 0; t < 100; t++) {
            assertThat(never.activeLines(t, out)).isZero();
            assertThat(always.activeLines(t, out)).isEqualTo(8);
        }
        assertThat(always.threshold53()).isEqualTo(1L << 53);
    }

    @Test
    void poissonMeanMatchesProbabilityWithinFourSigma() {
        // p = 50 Hz * 1 ms = 0.05; n = 200 lines * 500 ticks = 100,000 draws; sigma = sqrt(n p (1-p)) ~ 68.9
        var s = new Stimulus.Poisson("p", 200, 50, 1, 42);
        int[] out = new int[200];
        long count = 0;
        for (int t = 0; t < 500; t++) {
            count += s.activeLines(t, out);
        }
        assertThat((double) count).isBetween(5000 - 4 * 68.9, 5000 + 4 * 68.9);
    }

    @Test
    void expansionIsRandomAccessAndSeedDependent() {
        var a = new Stimulus.Poisson("p", 64, 200, 1, 7);
        var b = new Stimulus.Poisson("p", 64, 200, 1, 8);
        int[] x = new int[64];
        int[] y = new int[64];
        int differing = 0;
        for (int t = 20; t >= 0; t--) {
            int n = a.activeLines(t, x);
            for (int k = 0; k < n; k++) {
                assertThat(a.fires(t, x[k])).isTrue();
            }
            assertThat(a.activeLines(t, y)).isEqualTo(n);
            if (n != b.activeLines(t, y)) {
                differing++;
            }
        }
        assertThat(differing).isPositive();
    }

    @Test
    void copiedPortLinesFireWithTheirGeneratorLine() {
        // port lines 0 and 2 both follow generator line 5, line 1 follows generator line 0
        var s = new Stimulus.Poisson("p", 3, 300, 1, 11, new int[] {5, 0, 5});
        int[] out = new int[3];
        for (int t = 0; t < 200; t++) {
            int n = s.activeLines(t, out);
            boolean l0 = false;
            boolean l2 = false;
            for (int k = 0; k < n; k++) {
                l0 |= out[k] == 0;
                l2 |= out[k] == 2;
            }
            assertThat(l0).isEqualTo(l2).isEqualTo(s.fires(t, 5));
        }
    }
}
