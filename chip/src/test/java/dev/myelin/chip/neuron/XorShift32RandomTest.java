package dev.myelin.chip.neuron;

import dev.myelin.isa.model.CoreId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XorShift32RandomTest {

    @Test
    void firstStatesFollowMarsagliasShifts() {
        // from x = 1: x ^= x<<13 -> 0x2001; x ^= x>>>17 -> 0x2001; x ^= x<<5 -> 0x2001 ^ 0x40020 = 0x42021
        XorShift32Random r = new XorShift32Random(1);
        assertThat(r.nextState()).isEqualTo(0x42021);
        // rho is the top byte of each state
        XorShift32Random s = new XorShift32Random(1);
        s.nextState();
        int x = 0x42021;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        assertThat(s.nextRho()).isEqualTo(x >>> 24);
    }

    @Test
    void zeroSeedIsReplacedSoTheStreamNeverSticks() {
        XorShift32Random r = new XorShift32Random(0);
        assertThat(r.nextState()).isNotZero();
    }

    @Test
    void coresAndSeedsGetDifferentStreamsAndTheSameInputsTheSameStream() {
        int[] a = draws(XorShift32Random.forCore(7, new CoreId(0, 0, 0)));
        assertThat(draws(XorShift32Random.forCore(7, new CoreId(0, 0, 0)))).containsExactly(a);
        assertThat(draws(XorShift32Random.forCore(7, new CoreId(1, 0, 0)))).isNotEqualTo(a);
        assertThat(draws(XorShift32Random.forCore(7, new CoreId(0, 1, 0)))).isNotEqualTo(a);
        assertThat(draws(XorShift32Random.forCore(7, new CoreId(0, 0, 1)))).isNotEqualTo(a);
        assertThat(draws(XorShift32Random.forCore(8, new CoreId(0, 0, 0)))).isNotEqualTo(a);
    }

    @Test
    void rhoIsUniformOverItsByteValues() {
        // 256 bins x 400 expected each: chi-square with 255 degrees of freedom; 99.9% quantile ~ 330
        XorShift32Random r = XorShift32Random.forCore(1, new CoreId(2, 3, 0));
        int[] bins = new int[256];
        int n = 256 * 400;
        for (int i = 0; i < n; i++) {
            bins[r.nextRho()]++;
        }
        double chi2 = 0;
        for (int b : bins) {
            chi2 += (b - 400.0) * (b - 400.0) / 400.0;
        }
        assertThat(chi2).isLessThan(330.0);
    }

    private static int[] draws(CoreRandom r) {
        int[] d = new int[16];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextRho();
        }
        return d;
    }
}
