package dev.myelin.chip.learn;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.sim.Chip;
import dev.myelin.isa.learn.Device;
import dev.myelin.isa.model.CoreId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The learning engine driving memristive devices (LearningCoreTest's PAIR core: w in [0, 150], epoch 1). */
class DeviceLearningTest {
    /** Pre then post, 4 ticks apart per pairing, 40 pairings, then 40 post-then-pre pairings; the weight after each tick. */
    private static int[] run(Device device, int threads) {
        try (Chip chip = LearningCoreTest.load(1, threads)) {
            LearningCore l = chip.learning(0);
            if (device != null) {
                l.attachDevice(device, Crossbar.seedFor(1, new CoreId(0, 0, 0)));
            }
            for (int k = 0; k < 40; k++) {
                chip.injectRaw(0, 0, 4L * k);
                chip.injectRaw(0, 1, 4L * k + 1);
            }
            for (int k = 40; k < 80; k++) {
                chip.injectRaw(0, 1, 4L * k);
                chip.injectRaw(0, 0, 4L * k + 1);
            }
            int[] w = new int[320];
            for (int t = 0; t < 320; t++) {
                chip.step();
                w[t] = l.weight(0);
            }
            return w;
        }
    }

    /**
     * A linear device with one level per weight step (150 levels for [0, 150]) maps every change dw
     * to exactly dw pulses of 1/150 of the range: the weights are those of digital learning.
     */
    @Test
    void aLinearDeviceWithOneLevelPerStepLearnsExactlyLikeDigitalWeights() {
        Device linear150 = new Device("linear150", 100, 5000, 150, 150, 0, 0, 0, 0, 0, 0.5, 5, 2, 10, 2, 10);
        int[] digital = run(null, 1);
        assertThat(run(linear150, 1)).containsExactly(digital);
        assertThat(digital[159]).isEqualTo(150);
        assertThat(digital[319]).isLessThan(150);
    }

    /**
     * Ag:a-Si (97 / 100 levels, NL 2.4 / -4.88, 3.5 % cycle-to-cycle): the same pairings learn
     * something else, within the bounds, identically on 1 and 4 threads; pulses and programming
     * energy are counted.
     */
    @Test
    void aNonIdealDeviceChangesWhatIsLearnedDeterministically() {
        int[] digital = run(null, 1);
        int[] agSi = run(Device.AG_A_SI, 1);
        assertThat(agSi).isNotEqualTo(digital);
        assertThat(run(Device.AG_A_SI, 4)).containsExactly(agSi);
        for (int x : agSi) {
            assertThat(x).isBetween(0, 150);
        }
        try (Chip chip = LearningCoreTest.load(1, 1)) {
            LearningCore l = chip.learning(0);
            l.attachDevice(Device.AG_A_SI, 5);
            chip.injectRaw(0, 0, 2);
            chip.injectRaw(0, 1, 5);
            chip.run(6);
            // tick 5: dw = +2 (LearningCoreTest's hand computation) -> round(2 / 150 * 97) = 1 pulse
            assertThat(l.devices().ltpPulses()).isEqualTo(1);
            assertThat(chip.counters().total(dev.myelin.chip.core.Counter.DEVICE_PULSES)).isEqualTo(1);
            assertThat(l.devices().writePj()).isGreaterThan(0);
        }
    }

    /**
     * The device counters (pulses, reads, programming and read energy in whole fJ) are counted in the core's own
     * step, tick by tick: their sums over the ticks are the crossbar's totals (the energy its running sum rounded to
     * fJ), and they are the same on 1 and 2 threads.
     */
    @Test
    void deviceCountersAddUpToTheCrossbarsSumsOnAnyThreadCount() {
        long[] one = deviceCounts(1);
        long[] two = deviceCounts(2);
        assertThat(two).containsExactly(one);
        assertThat(one[0]).isGreaterThan(0);
        assertThat(one[2]).isGreaterThan(0);
    }

    /** Ag:a-Si under DeviceLearningTest's pairings: {pulses, reads, write fJ, read fJ}, checked against the crossbar. */
    private static long[] deviceCounts(int threads) {
        try (Chip chip = LearningCoreTest.load(1, threads)) {
            LearningCore l = chip.learning(0);
            l.attachDevice(Device.AG_A_SI, Crossbar.seedFor(1, new CoreId(0, 0, 0)));
            for (int k = 0; k < 40; k++) {
                chip.injectRaw(0, 0, 4L * k);
                chip.injectRaw(0, 1, 4L * k + 1);
                chip.injectRaw(0, 1, 4L * (k + 40));
                chip.injectRaw(0, 0, 4L * (k + 40) + 1);
            }
            long[] sum = new long[4];
            for (int t = 0; t < 320; t++) {
                chip.step();
                var c = chip.lastTickCounters();
                sum[0] += c.get(0, Counter.DEVICE_PULSES);
                sum[1] += c.get(0, Counter.DEVICE_READS);
                sum[2] += c.get(0, Counter.DEVICE_WRITE_FJ);
                sum[3] += c.get(0, Counter.DEVICE_READ_FJ);
            }
            Crossbar x = l.devices();
            assertThat(sum[0]).isEqualTo(x.ltpPulses() + x.ltdPulses());
            assertThat(sum[1]).isEqualTo(x.reads());
            assertThat(sum[2]).isEqualTo(Crossbar.femtojoules(x.writePj()));
            assertThat(sum[3]).isEqualTo(Crossbar.femtojoules(x.readPj()));
            assertThat(chip.counters().total(Counter.DEVICE_WRITE_FJ)).isEqualTo(sum[2]);
            return sum;
        }
    }
}
