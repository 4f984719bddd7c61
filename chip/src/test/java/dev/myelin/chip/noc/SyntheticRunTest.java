package dev.myelin.chip.noc;

import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Short runs (about a second in all). Saturation criterion: mean packet latency at least 3 x the
 * pattern's zero-load latency, or unstable (noc.md). Longer sweeps: {@code myelin noc --sweep}.
 */
class SyntheticRunTest {
    private static final MeshConfig BOOKSIM_8X8 = MeshConfig.of(Presets.require("booksim"));

    private static SyntheticRun.Settings settings(TrafficPattern p, double rate, int window) {
        return new SyntheticRun.Settings(p, rate, 7, 500, window, window);
    }

    @Test
    void booksimPresetGivesBookSimsMeanUniformZeroLoadLatency() {
        // T0(H) = 3H + 5 and BookSim's uniform mean distance on 8 x 8 is 2(k^2 - 1)/(3k) = 5.25 links
        assertThat(TrafficPattern.UNIFORM.zeroLoadMean(BOOKSIM_8X8)).isCloseTo(3 * 5.25 + 5, within(1e-12));
        // transpose: same mean distance as uniform by symmetry of |x - y| sums: 2 * E|x - y| = 5.25
        assertThat(TrafficPattern.TRANSPOSE.zeroLoadMean(BOOKSIM_8X8)).isCloseTo(3 * 5.25 + 5, within(1e-12));
        // bit complement: mean |7 - 2x| = 4 per dimension, 8 hops
        assertThat(TrafficPattern.BITCOMP.zeroLoadMean(BOOKSIM_8X8)).isCloseTo(3 * 8 + 5, within(1e-12));
    }

    @Test
    void belowSaturationAcceptedRateEqualsOfferedRateAndLatencyIsNearZeroLoad() {
        for (double rate : new double[] {0.05, 0.1, 0.2}) {
            SyntheticRun.Result r = SyntheticRun.run(BOOKSIM_8X8, settings(TrafficPattern.UNIFORM, rate, 3000));
            assertThat(r.unstable()).isFalse();
            assertThat(r.offeredRate()).isCloseTo(rate, within(0.05 * rate));
            assertThat(r.acceptedRate()).isCloseTo(r.offeredRate(), within(0.02 * rate));
            assertThat(r.taggedArrived()).isEqualTo(r.tagged());
            assertThat(r.packetLatency().mean()).isBetween(20.75, 20.75 * 1.1);
            assertThat(r.packetLatency().min()).isEqualTo(5);
        }
    }

    @Test
    void uniformSaturatesNearTheBisectionBoundAndTransposeEarlier() {
        // measured with these settings: uniform 0.39, transpose 0.14 (bounds 4/k = 0.5 and 1/(k-1) = 0.143)
        double uniform = LoadSweep.saturationRate(BOOKSIM_8X8, settings(TrafficPattern.UNIFORM, 0, 1500), 0, 0.64, 5);
        double transpose = LoadSweep.saturationRate(BOOKSIM_8X8, settings(TrafficPattern.TRANSPOSE, 0, 1500), 0, 0.32,
                5);
        assertThat(uniform).isBetween(0.33, 0.5);
        assertThat(transpose).isBetween(0.10, 1.0 / 7 + 0.02);
        assertThat(transpose).isLessThan(uniform / 2);
    }

    @Test
    void theSweepShowsTheKnee() {
        MeshConfig cfg = MeshConfig.single(4, 4, 3, 2, 3, 8);
        // 4 x 4 uniform: ideal saturation 4/k = 1.0
        List<SyntheticRun.Result> points = LoadSweep.sweep(cfg, settings(TrafficPattern.UNIFORM, 0, 1000), 0.1, 1.0);
        SyntheticRun.Result first = points.get(0);
        assertThat(first.saturated()).isFalse();
        assertThat(first.packetLatency().mean()).isLessThan(1.1 * first.zeroLoad());
        assertThat(points.get(points.size() - 1).saturated()).isTrue();
        double knee = LoadSweep.firstSaturated(points);
        assertThat(knee).isBetween(0.4, 1.0);
        // flat below the knee: latency within 30 % of zero-load two steps before it
        SyntheticRun.Result before = points.stream().filter(p -> p.rate() < knee - 0.15).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(before.packetLatency().mean()).isLessThan(1.3 * before.zeroLoad());
    }

    @Test
    void sameSeedSameResult() {
        SyntheticRun.Settings s = settings(TrafficPattern.HOTSPOT, 0.05, 1000);
        SyntheticRun.Result a = SyntheticRun.run(BOOKSIM_8X8, s);
        SyntheticRun.Result b = SyntheticRun.run(BOOKSIM_8X8, s);
        assertThat(a.packetLatency().sum()).isEqualTo(b.packetLatency().sum());
        assertThat(a.tagged()).isEqualTo(b.tagged());
        assertThat(a.window().stalls()).isEqualTo(b.window().stalls());
        assertThat(a.cycles()).isEqualTo(b.cycles());
    }

    @Test
    void patternsSendWhereBookSimSends() {
        // 8 x 8: node (2, 5) = 42
        assertThat(TrafficPattern.TRANSPOSE.destination(42, 8, 8, null)).isEqualTo(2 * 8 + 5);
        assertThat(TrafficPattern.BITCOMP.destination(42, 8, 8, null)).isEqualTo(~42 & 63);
        assertThat(TrafficPattern.hotspot(0, 8, 8)).isEqualTo(3 * 8 + 3);
        assertThat(TrafficPattern.hotspot(3, 8, 8)).isEqualTo(4 * 8 + 4);
        assertThat(TrafficPattern.HOTSPOT.idealSaturation(8, 8)).isEqualTo(4.0 / 64);
        assertThatThrownBy(() -> TrafficPattern.TRANSPOSE.requireFits(4, 2)).isInstanceOf(MyelinInputException.class)
                .hasMessage("traffic transpose needs a square mesh, not 4x2");
        assertThatThrownBy(() -> TrafficPattern.parse("tornado")).hasMessageContaining("known: uniform, transpose");
    }
}
