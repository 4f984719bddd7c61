package dev.myelin.chip.sim;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.sim.PhaseClock.Phase;
import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The phase clock: each lap adds the time since the previous one to its phase, and a chip laps
 * every one of its phases exactly once per tick, on both tick paths, without changing what it
 * computes. The clocks here are counters (each read one nanosecond later), so every figure is
 * known exactly.
 */
class PhaseClockTest {
    /** A clock that reads 0, 1, 2, ...: a lap then adds exactly 1 to its phase. */
    private static final class Ticking implements java.util.function.LongSupplier {
        long reads;

        @Override
        public long getAsLong() {
            return reads++;
        }
    }

    @Test
    void lapsAddTheTimeSinceThePreviousLapToTheirPhase() {
        long[] now = {1_000};
        PhaseClock c = new PhaseClock(() -> now[0]);
        c.start();
        now[0] += 300;
        c.lap(Phase.INPUTS);
        now[0] += 5_000;
        c.lap(Phase.CORES);
        now[0] += 700;
        c.lap(Phase.CORES);
        c.tickDone();
        now[0] += 2_000;
        c.lap(Phase.RUN_PATH);
        c.tickDone();
        assertThat(c.nanos(Phase.INPUTS)).isEqualTo(300);
        assertThat(c.nanos(Phase.CORES)).isEqualTo(5_700);
        assertThat(c.nanos(Phase.RUN_PATH)).isEqualTo(2_000);
        assertThat(c.nanos(Phase.ROUTING)).isZero();
        assertThat(c.totalNanos()).isEqualTo(8_000);
        assertThat(c.ticks()).isEqualTo(2);
        assertThat(c.microsPerTick(Phase.CORES)).isEqualTo(2.85);
        assertThat(c.totalMicrosPerTick()).isEqualTo(4.0);
    }

    @Test
    void beforeAnyTickTheMeansAreZeroAndALapBeforeStartIsRefused() {
        PhaseClock c = new PhaseClock(() -> 5);
        assertThat(c.microsPerTick(Phase.CORES)).isZero();
        assertThat(c.totalMicrosPerTick()).isZero();
        assertThatThrownBy(() -> c.lap(Phase.CORES)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before start");
    }

    @Test
    void theSummaryNamesEveryPhaseInTickOrder() {
        long[] now = {0};
        PhaseClock c = new PhaseClock(() -> now[0]);
        c.start();
        long step = 0;
        for (Phase p : Phase.values()) {
            step += 10_000;
            now[0] += step;
            c.lap(p);
        }
        c.tickDone();
        assertThat(c.summary()).isEqualTo("inputs 10.0 us, cores 20.0 us, routing 30.0 us, delivery 40.0 us, "
                + "timing 50.0 us, tick end 60.0 us, run path 70.0 us");
        assertThat(Phase.TICK_END.key()).isEqualTo("tick_end");
        assertThat(Phase.RUN_PATH.label()).isEqualTo("run path");
    }

    @Test
    void figuresKeepThreeSignificantDigits() {
        assertThat(PhaseClock.format(0.0625)).isEqualTo("0.06");
        assertThat(PhaseClock.format(3.14159)).isEqualTo("3.14");
        assertThat(PhaseClock.format(10.34)).isEqualTo("10.3");
        assertThat(PhaseClock.format(421.4)).isEqualTo("421");
        assertThat(PhaseClock.format(4_210.4)).isEqualTo("4,210");
    }

    /** Counters and V after each tick, with or without a clock installed. */
    private static List<Object> run(NetworkImage image, boolean skipIdle, PhaseClock clock, int ticks) {
        List<Object> seen = new ArrayList<>();
        try (Chip chip = Chip.load(image, ChipOptions.defaults().withThreads(1).withSkipIdle(skipIdle))) {
            chip.setPhaseClock(clock);
            if (clock != null) {
                clock.start();
            }
            for (int t = 0; t < ticks; t++) {
                chip.step();
                if (clock != null) {
                    clock.tickDone();
                }
                seen.add(chip.lastTickCounters().copy());
                int[] v = new int[ParallelTickTest.CORES * 64];
                for (int i = 0; i < v.length; i++) {
                    v[i] = chip.v(i / 64, i % 64);
                }
                seen.add(java.util.Arrays.toString(v));
            }
        }
        return seen;
    }

    @Test
    void aChipLapsEachOfItsPhasesOncePerTickAndComputesTheSame() {
        // drivers firing into driven cores that go dormant and wake again
        NetworkImage image = ParallelTickTest.chip();
        int ticks = 40;
        for (boolean skipIdle : new boolean[] {true, false}) {
            Ticking reads = new Ticking();
            PhaseClock clock = new PhaseClock(reads);
            List<Object> timed = run(image, skipIdle, clock, ticks);
            List<Object> plain = run(image, skipIdle, null, ticks);
            assertThat(timed).as("skipIdle %s", skipIdle).isEqualTo(plain);
            CounterSet last = (CounterSet) plain.get(plain.size() - 2);
            assertThat(last.total(Counter.NEURONS_FIRED)).isPositive();
            for (Phase p : Phase.values()) {
                // one read per lap: a phase lapped once per tick holds one nanosecond per tick
                long expected = p == Phase.RUN_PATH ? 0 : ticks;
                assertThat(clock.nanos(p)).as("%s, skipIdle %s", p, skipIdle).isEqualTo(expected);
            }
            assertThat(reads.reads).isEqualTo(1 + 6L * ticks);
            assertThat(clock.ticks()).isEqualTo(ticks);
        }
    }
}
