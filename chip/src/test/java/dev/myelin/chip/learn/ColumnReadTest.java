package dev.myelin.chip.learn;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.learn.Device;
import dev.myelin.isa.learn.DeviceReadout;
import dev.myelin.isa.model.CoreId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A learning core that reads its devices as column currents through an ADC (docs/learning.md,
 * "Column-current integration") instead of integrating stored weights.
 */
public class ColumnReadTest {
    /** A linear device, 1000 nS of range above 100 nS, read at 0.5 V, 150 levels each way (one per weight step of [0, 150]). */
    static final Device LINEAR = new Device("linear", 100, 1100, 150, 150, 0, 0, 0, 0, 0, 0.5, 5, 2, 10, 2, 10);

    /**
     * Three plastic axons on n0 (weights 20, 50, 100 of [0, 100]) and one on n1 (30); no rule. n0's
     * and n1's currents decay fully each tick (du = dv = 4095) and never fire (vth 2000).
     */
    public static final String THREE = """
            .arch loihi
            .core 0 0 0
            .format 0 bits=8 exp=0 sign=excitatory
            a0: type=0 n0:20
            a1: type=0 n0:50
            a2: type=0 n0:100 n1:30
            n0: du=4095 dv=4095 vth=2000
            n1: du=4095 dv=4095 vth=2000
            .learning epoch=1 weight_frac=0 w_min=0 w_max=100 reward=none
            .plastic 0..2
            """;

    private static Chip three(DeviceReadout r) {
        Chip chip = Chip.load(Assembler.assemble("three.nasm", THREE), ChipOptions.defaults().withSeed(1));
        if (r != null) {
            chip.learning(0).attachDevice(LINEAR, r, 1);
        }
        return chip;
    }

    /** u of each neuron after one tick with {@code axons} active: a_in << 6 (u0 = 0), so the input is u / 64. */
    private static int[] inputAfterOneTick(DeviceReadout r, int... axons) {
        try (Chip chip = three(r)) {
            for (int a : axons) {
                chip.injectRaw(0, a, 0);
            }
            chip.step();
            return new int[]{chip.u(0, 0) / 64, chip.u(0, 1) / 64};
        }
    }

    /**
     * By hand. Single devices: G = 100 + W / 100 * 1000 nS -> a0 300, a1 600, a2 1100 (n0), a2 400 (n1).
     * Column n0, all three rows at 0.5 V, less the reference 0.5 V * 100 nS per device:
     * I = 0.5 (300 + 600 + 1100) - 3 * 50 = 850 nA; full scale F V (gMax - gMin) = 3 * 0.5 * 1000 = 1500 nA.
     * 3 bits (codeMax 7): code = round(850 / 1500 * 7) = round(3.967) = 4, input = round(4 * 3 * 100 / 7)
     * = round(171.43) = 171 (digital: 20 + 50 + 100 = 170). 10 bits (1023): code round(579.7) = 580,
     * input round(580 * 300 / 1023) = round(170.09) = 170. Column n1 (F = 1): I = 0.5 * 400 - 50 = 150 nA of
     * 500; 3 bits: round(2.1) = 2 -> round(2 * 100 / 7) = 29 (digital 30); 10 bits: round(306.9) = 307
     * -> round(30.01) = 30. Rows a0 and a2 only: n0 I = 0.5 (300 + 1100) - 100 = 600 nA, 3 bits:
     * round(2.8) = 3 -> round(128.57) = 129 (digital 120).
     * A pair (G+ = 100 + W / 100 * 1000, G- = 100) carries the same column current (the pair's G- is
     * the reference) and a 4-bit pair ADC has codeMax 2^3 - 1 = 7, the same codes as 3 single bits.
     */
    @Test
    void oneTickColumnCurrentsAndCodesByHand() {
        assertThat(inputAfterOneTick(null, 0, 1, 2)).containsExactly(170, 30);
        assertThat(inputAfterOneTick(new DeviceReadout(false, false, 8), 0, 1, 2)).containsExactly(170, 30);
        assertThat(inputAfterOneTick(new DeviceReadout(true, false, 3), 0, 1, 2)).containsExactly(171, 29);
        assertThat(inputAfterOneTick(new DeviceReadout(true, false, 10), 0, 1, 2)).containsExactly(170, 30);
        assertThat(inputAfterOneTick(new DeviceReadout(true, false, 3), 0, 2)).containsExactly(129, 29);
        assertThat(inputAfterOneTick(new DeviceReadout(true, true, 4), 0, 1, 2)).containsExactly(171, 29);

        // the crossbar's codes directly, and its reads: 3 + 1 devices, one read each
        try (Chip chip = three(new DeviceReadout(true, false, 3))) {
            Crossbar x = chip.learning(0).devices();
            int[] codes = new int[2];
            int[] read = new int[2];
            x.readColumns(new long[]{0b111}, new double[]{1500, 500}, codes, read);
            assertThat(codes).containsExactly(4, 2);
            assertThat(read).containsExactly(3, 1);
            assertThat(x.reads()).isEqualTo(4);
            // an untouched column reads code 0
            x.readColumns(new long[]{0b001}, new double[]{1500, 500}, codes, read);
            assertThat(codes).containsExactly(0, 0);   // n0: 0.5 * 300 - 50 = 100 nA, round(100 / 1500 * 7) = round(0.47) = 0
            assertThat(read).containsExactly(1, 0);
            x.readColumns(new long[]{0b100}, new double[]{1500, 500}, codes, read);
            assertThat(codes).containsExactly(2, 2);   // n0: 0.5 * 1100 - 50 = 500 nA, round(2.33); n1: 150 nA, round(2.1)
        }
    }

    /**
     * Four plastic axons on n0 (37, 58, 91, 120 of [0, 150]), the input fully forgotten each tick
     * (du = dv = 4095), threshold 60: n0 fires in a tick whose input exceeds 60. The ticks drive
     * {a0} = 37, {a0, a1} = 95, {a3} = 120, {a0, a1, a2} = 186, all = 306, two ticks apart.
     */
    static final String FOUR = """
            .arch loihi
            .core 0 0 0
            .format 0 bits=8 exp=0 sign=excitatory
            a0: type=0 n0:37
            a1: type=0 n0:58
            a2: type=0 n0:91
            a3: type=0 n0:120
            n0: du=4095 dv=4095 vth=60
            .learning epoch=1 weight_frac=0 w_min=0 w_max=150 reward=none
            .plastic 0..3
            """;

    private static List<Long> fourSpikes(DeviceReadout r) {
        try (Chip chip = Chip.load(Assembler.assemble("four.nasm", FOUR), ChipOptions.defaults().withSeed(1))) {
            if (r != null) {
                chip.learning(0).attachDevice(LINEAR, r, 1);
            }
            int[][] drive = {{0}, {0, 1}, {3}, {0, 1, 2}, {0, 1, 2, 3}};
            for (int i = 0; i < drive.length; i++) {
                for (int a : drive[i]) {
                    chip.injectRaw(0, a, 2L * i);
                }
            }
            List<Long> spikes = new ArrayList<>();
            for (int t = 0; t < 10; t++) {
                chip.step();
                if (chip.firedCount(0) > 0) {
                    spikes.add((long) t);
                }
            }
            return spikes;
        }
    }

    /**
     * Digital: 37 stays below 60, 95, 120, 186, 306 fire -> ticks 2, 4, 6, 8. A 2-bit single ADC
     * (codeMax 3) on a column of fan-in 4 has a step of 4 * 150 / 3 = 200 raw units: the input becomes
     * 200 round(S / 200): 37 -> 0, 95 -> 0 (below half a step, lost), 120 -> 200, 186 -> 200, 306 -> 400,
     * so n0 fires in ticks 4, 6, 8 only. 16 bits (step 600 / 65535 < 1) and a 16-bit pair ADC
     * (step 600 / 32767) give the digital spikes; a 3-bit pair (codeMax 3) the 2-bit single's.
     */
    @Test
    void adcResolutionChangesSpikesAsDocumented() {
        List<Long> digital = fourSpikes(null);
        assertThat(digital).containsExactly(2L, 4L, 6L, 8L);
        assertThat(fourSpikes(new DeviceReadout(true, false, 16))).isEqualTo(digital);
        assertThat(fourSpikes(new DeviceReadout(true, true, 16))).isEqualTo(digital);
        assertThat(fourSpikes(new DeviceReadout(true, false, 2))).containsExactly(4L, 6L, 8L);
        assertThat(fourSpikes(new DeviceReadout(true, true, 3))).containsExactly(4L, 6L, 8L);
    }

    /** LearningCoreTest's pair rule on four plastic axons plus a teacher; inputs from a fixed LCG. */
    static final String LEARN = """
            .arch loihi
            .core 0 0 0
            .format 0 bits=8 exp=0 sign=excitatory
            a0: type=0 n0:37 n1:80
            a1: type=0 n0:58 n1:20
            a2: type=0 n0:91 n1:140
            a3: type=0 n0:120 n1:5
            a4: type=0 n0:255 n1:255
            n0: du=2048 dv=3000 vth=600
            n1: du=2048 dv=3000 vth=600
            .learning epoch=1 weight_frac=0 w_min=0 w_max=150 reward=none
            .trace x1 decay=1024 impulse=64 width=7 mode=add
            .trace y1 decay=1024 impulse=64 width=7 mode=add
            .rule "dw = 2^-2 * x1 * y0 - 2^-3 * y1 * x0"
            .plastic 0..3
            """;

    /** Spikes (tick * 2 + neuron) and, at the end, the weights, over 300 ticks. */
    private static List<Long> learn(Device d, DeviceReadout r, int threads) {
        try (Chip chip = Chip.load(Assembler.assemble("learn.nasm", LEARN),
                ChipOptions.defaults().withThreads(threads).withSeed(1))) {
            LearningCore l = chip.learning(0);
            if (d != null) {
                l.attachDevice(d, r, Crossbar.seedFor(1, new CoreId(0, 0, 0)));
            }
            long x = 12345;
            for (int t = 0; t < 300; t++) {
                for (int a = 0; a < 5; a++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                    if ((x >>> 33) % (a == 4 ? 9 : 3) == 0) {
                        chip.injectRaw(0, a, t);
                    }
                }
            }
            List<Long> out = new ArrayList<>();
            for (int t = 0; t < 300; t++) {
                chip.step();
                for (int k = 0; k < chip.firedCount(0); k++) {
                    out.add(2L * t + chip.fired(0, k));
                }
            }
            for (int k = 0; k < l.synapses(); k++) {
                out.add(-1000L - l.weight(k));
            }
            return out;
        }
    }

    /**
     * A linear device with one level per weight step learns what digital weights learn (stored);
     * read as column currents through a 16-bit ADC (step 4 * 150 / 65535 < 1 raw unit, so every
     * column sum is recovered exactly) the spikes and the learned weights are those of digital
     * weights, spike for spike.
     */
    @Test
    void anIdealDeviceWithEnoughAdcBitsReproducesDigitalWeights() {
        List<Long> digital = learn(null, null, 1);
        assertThat(digital.stream().filter(v -> v >= 0).count()).isGreaterThan(50);
        assertThat(learn(LINEAR, DeviceReadout.STORAGE, 1)).isEqualTo(digital);
        assertThat(learn(LINEAR, new DeviceReadout(true, false, 16), 1)).isEqualTo(digital);
        // 3 bits: a step of 4 * 150 / 7 = 85.7 raw units per column; the spikes change (176 against 194)
        List<Long> coarse = learn(LINEAR, new DeviceReadout(true, false, 3), 1);
        assertThat(coarse).isNotEqualTo(digital);
        assertThat(coarse.stream().filter(v -> v >= 0).count()).isLessThan(digital.stream().filter(v -> v >= 0).count());
    }

    /** Read noise (5 %) draws from the core's generator inside its own step: the same run on 1 and 2 threads. */
    @Test
    void readNoiseIsSeededAndIndependentOfThreads() {
        Device noisy = new Device("noisy", 100, 1100, 150, 150, 0, 0, 0, 0, 0.05, 0.5, 5, 2, 10, 2, 10);
        DeviceReadout r = new DeviceReadout(true, false, 10);
        List<Long> one = learn(noisy, r, 1);
        assertThat(learn(noisy, r, 2)).isEqualTo(one);
        assertThat(one).isNotEqualTo(learn(LINEAR, r, 1));
        // storage mode reads nothing per tick
        try (Chip chip = Chip.load(Assembler.assemble("learn.nasm", LEARN), ChipOptions.defaults().withSeed(1))) {
            chip.learning(0).attachDevice(noisy, DeviceReadout.STORAGE, 1);
            chip.injectRaw(0, 0, 0);
            chip.run(2);
            assertThat(chip.learning(0).devices().reads()).isZero();
        }
    }

    @Test
    void theColumnReadNeedsOneWeightExponentAndAValidAdc() {
        String mixed = THREE.replace(".format 0 bits=8 exp=0 sign=excitatory",
                ".format 0 bits=8 exp=0 sign=excitatory\n.format 1 bits=8 exp=1 sign=excitatory")
                .replace("a1: type=0", "a1: type=1");
        try (Chip chip = Chip.load(Assembler.assemble("mixed.nasm", mixed), ChipOptions.defaults())) {
            assertThatThrownBy(() -> chip.learning(0).attachDevice(LINEAR, new DeviceReadout(true, false, 8), 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("share one weight exponent: axon 0 has 0, axon 1 1");
            // storing the weights on the devices has no such need
            chip.learning(0).attachDevice(LINEAR, DeviceReadout.STORAGE, 1);
        }
        try (Chip chip = three(null)) {
            assertThatThrownBy(() -> chip.learning(0).attachDevice(LINEAR, new DeviceReadout(true, false, 17), 1))
                    .hasMessage("device readout: adc_bits = 17 is out of range [1, 16]");
        }
    }
}
