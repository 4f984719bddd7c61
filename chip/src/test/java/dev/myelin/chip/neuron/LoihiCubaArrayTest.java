package dev.myelin.chip.neuron;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.isa.model.Targets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The array driven directly (integrate, update), expected values derived by hand. */
class LoihiCubaArrayTest {
    private static final Architecture LOIHI = Presets.require("loihi");

    /** One axon per entry of {@code w}, all onto neuron 0, axon a of type {@code types[a]}. */
    private static CoreImage core(LoihiNeurons p, int[] types, int[] w, SynapseFormat... formats) {
        int axons = w.length;
        int[] rowStart = new int[axons + 1];
        for (int a = 0; a < axons; a++) {
            rowStart[a + 1] = a + 1;
        }
        return new CoreImage(new CoreId(0, 0, 0), types, p, new SparseRows(axons, rowStart, new int[axons], w),
                List.of(formats), Targets.none(p.n()), new byte[0]);
    }

    private static long[] axons(int... active) {
        long[] bits = new long[1];
        for (int a : active) {
            bits[a >> 6] |= 1L << a;
        }
        return bits;
    }

    @Test
    void impulseDecaysTowardZeroAndIntegratesIntoV() {
        LoihiNeurons p = LoihiNeurons.zeros(1);
        p.du()[0] = 2048;
        p.vth()[0] = 1000;
        LoihiCubaArray a = new LoihiCubaArray(core(p, new int[] {0}, new int[] {1},
                new SynapseFormat(8, 0, SynapseFormat.EXCITATORY)), LOIHI);
        int[] fired = new int[1];
        assertThat(a.integrate(axons(0), 1)).isEqualTo(1);
        assertThat(a.update(0, fired)).isZero();
        assertThat(a.u(0)).isEqualTo(64);
        assertThat(a.v(0)).isEqualTo(64);              // dv = 0: v = 0 + 64 + 0
        a.update(1, fired);
        assertThat(a.u(0)).isEqualTo(31);
        assertThat(a.v(0)).isEqualTo(95);
        a.update(2, fired);
        assertThat(a.u(0)).isEqualTo(15);
        assertThat(a.v(0)).isEqualTo(110);
    }

    /**
     * Lava's own LIFRefractory test (refractory_period 1, biases 1 and 2, vth 4: v = [1,2,3,4,0,0,1,2]
     * and [2,4,0,0,2,4,0,0]) in fixed point, scaled by 64: biases 64 and 128, vth 4 (threshold
     * 4 << 6 = 256), du = dv = 0 and u = 0 so only the bias moves v. A spike resets v to 0 in its
     * tick, and v stays 0 one tick more.
     */
    @Test
    void refractoryDelayHoldsVoltageAsLavasLifRefractoryDoes() {
        LoihiNeurons p = LoihiNeurons.zeros(2);
        p.biasMant()[0] = 64;
        p.biasMant()[1] = 128;
        p.vth()[0] = 4;
        p.vth()[1] = 4;
        p.refractory()[0] = 1;
        p.refractory()[1] = 1;
        LoihiCubaArray a = new LoihiCubaArray(new CoreImage(new CoreId(0, 0, 0), new int[0], p,
                new SparseRows(0, new int[] {0}, new int[0], new int[0]), List.of(), Targets.none(2), new byte[0]), LOIHI);
        int[] fired = new int[2];
        int[][] v = new int[2][8];
        for (int t = 0; t < 8; t++) {
            a.update(t, fired);
            v[0][t] = a.v(0);
            v[1][t] = a.v(1);
        }
        assertThat(v[0]).containsExactly(64, 128, 192, 256, 0, 0, 64, 128);
        assertThat(v[1]).containsExactly(128, 256, 0, 0, 128, 256, 0, 0);
    }

    /**
     * Refractory delay 3, NxSDK decay with du = dv = 0 (u and v kept exactly), threshold 0. A
     * weight-1 input in tick 0 gives u = 64 = v > 0: a spike. Ticks 1-3 hold v at 0; a second
     * input in tick 2 still reaches u (128). Tick 4 adds u = 128 to v: the next spike, and so
     * every fourth tick.
     */
    @Test
    void currentKeepsIntegratingWhileTheVoltageIsHeld() {
        LoihiNeurons z = LoihiNeurons.zeros(1);
        LoihiNeurons p = new LoihiNeurons(1, LoihiNeurons.DECAY_NXSDK, z.du(), z.dv(), z.vth(), z.biasMant(),
                z.biasExp(), z.u0(), z.v0(), new int[] {3}, z.join());
        LoihiCubaArray a = new LoihiCubaArray(core(p, new int[] {0}, new int[] {1},
                new SynapseFormat(8, 0, SynapseFormat.EXCITATORY)), LOIHI);
        int[] fired = new int[1];
        int[] spikes = new int[9];
        int[] u = new int[9];
        for (int t = 0; t < 9; t++) {
            if (t == 0 || t == 2) {
                a.integrate(axons(0), 1);
            }
            spikes[t] = a.update(t, fired);
            u[t] = a.u(0);
            assertThat(a.v(0)).as("tick " + t).isZero(); // held, or reset by a spike
        }
        // every 4th tick from then on: each spike is followed by 3 held ticks
        assertThat(spikes).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(u).containsExactly(64, 64, 128, 128, 128, 128, 128, 128, 128);
        assertThat(a.quiescent()).isFalse();
    }

    /**
     * A dendrite (compartment 0, Lava du = 2048: u keeps 2047/4096 of itself) joined by ADD into
     * a soma (compartment 1, du = 4095: its own u lasts one tick; dv = 0). Tick 0: weight 1 on
     * the dendrite, weight 2 on the soma: u0 = 64, u1 = 128, v1 = 64 + 128 = 192. Then u1 = 0
     * and u0 = 31, 15: v1 = 223, 238. The dendrite, threshold 0 and v0 = 100, never fires and
     * keeps v = 100.
     */
    @Test
    void aDendritesCurrentAddsIntoTheSomaAndTheDendriteNeverFires() {
        LoihiNeurons p = LoihiNeurons.zeros(2);
        p.du()[0] = 2048;
        p.join()[0] = LoihiNeurons.JOIN_ADD;
        p.v0()[0] = 100;
        p.du()[1] = 4095;
        p.vth()[1] = 1000;
        CoreImage c = new CoreImage(new CoreId(0, 0, 0), new int[] {0, 0}, p,
                new SparseRows(2, new int[] {0, 1, 2}, new int[] {0, 1}, new int[] {1, 2}),
                List.of(new SynapseFormat(8, 0, SynapseFormat.EXCITATORY)), Targets.none(2), new byte[0]);
        for (boolean fast : new boolean[] {true, false}) {
            LoihiCubaArray a = new LoihiCubaArray(c, LOIHI);
            a.fastPaths = fast;
            int[] fired = new int[2];
            a.integrate(axons(0, 1), 1);
            assertThat(a.update(0, fired)).isZero();
            assertThat(a.u(0)).isEqualTo(64);
            assertThat(a.u(1)).isEqualTo(128);
            assertThat(a.v(1)).isEqualTo(192);
            assertThat(a.lastActiveUpdates()).isEqualTo(2);
            a.update(1, fired);
            assertThat(a.v(1)).isEqualTo(223);
            assertThat(a.update(2, fired)).isZero();
            assertThat(a.v(1)).isEqualTo(238);
            assertThat(a.v(0)).isEqualTo(100);
        }
    }

    @Test
    void decayModesDifferOnlyInTheCurrentOffset() {
        int[] lava = uAfterImpulse(LoihiNeurons.DECAY_LAVA, 0);
        int[] nxsdk = uAfterImpulse(LoihiNeurons.DECAY_NXSDK, 0);
        // Lava du = 0: factor 4095, 64 * 4095 / 4096 = 63.98 -> 63, 63 * 4095 / 4096 = 62.98 -> 62
        assertThat(lava).containsExactly(64, 63, 62);
        // NxSDK du = 0: factor 4096 keeps u exactly
        assertThat(nxsdk).containsExactly(64, 64, 64);
        // NxSDK du = 4096 and Lava du = 4095 both clear u after the input step
        assertThat(uAfterImpulse(LoihiNeurons.DECAY_NXSDK, 4096)).containsExactly(64, 0, 0);
        assertThat(uAfterImpulse(LoihiNeurons.DECAY_LAVA, 4095)).containsExactly(64, 0, 0);
    }

    /** u over three updates after one weight-1 input in the first, for one decay mode and du. */
    private static int[] uAfterImpulse(int mode, int du) {
        LoihiNeurons z = LoihiNeurons.zeros(1);
        LoihiNeurons p = new LoihiNeurons(1, mode, new int[] {du}, z.dv(), new int[] {131071}, z.biasMant(),
                z.biasExp(), z.u0(), z.v0());
        LoihiCubaArray a = new LoihiCubaArray(core(p, new int[] {0}, new int[] {1},
                new SynapseFormat(8, 0, SynapseFormat.EXCITATORY)), LOIHI);
        int[] fired = new int[1];
        int[] u = new int[3];
        a.integrate(axons(0), 1);
        for (int t = 0; t < 3; t++) {
            a.update(t, fired);
            u[t] = a.u(0);
        }
        return u;
    }

    @Test
    void negativeExponentsFloorEachTypeSeparatelyPositiveOnesShiftExactly() {
        LoihiNeurons p = LoihiNeurons.zeros(1);
        p.du()[0] = 4095;                              // Lava: factor 0, u = a_in << 6 each step
        p.vth()[0] = 131071;
        SynapseFormat half = new SynapseFormat(8, -1, SynapseFormat.EXCITATORY);
        SynapseFormat times4 = new SynapseFormat(8, 2, SynapseFormat.EXCITATORY);
        LoihiCubaArray a = new LoihiCubaArray(core(p, new int[] {0, 1, 0, 2, 2}, new int[] {1, 1, 3, 3, 5},
                half, half, times4), LOIHI);
        int[] fired = new int[1];
        // axons 0 and 1: floor(1/2) + floor(1/2) = 0 (two Dense of exponent -1), not floor(2/2) = 1
        a.integrate(axons(0, 1), 1);
        a.update(0, fired);
        assertThat(a.u(0)).isZero();
        // axons 0 and 2 share type 0: floor((1 + 3) / 2) = 2 -> u = 2 << 6 = 128
        a.integrate(axons(0, 2), 1);
        a.update(1, fired);
        assertThat(a.u(0)).isEqualTo(128);
        // axons 3, 4 of exponent 2: (3 + 5) << 2 = 32, plus axon 2: floor(3/2) = 1 -> 33 << 6 = 2112
        assertThat(a.integrate(axons(2, 3, 4), 1)).isEqualTo(3);
        a.update(2, fired);
        assertThat(a.u(0)).isEqualTo(2112);
    }

    @Test
    void spikeResetsVButNotU() {
        LoihiNeurons p = LoihiNeurons.zeros(2);
        p.dv()[0] = 4095;
        p.vth()[0] = 1;                                // threshold 64
        p.u0()[0] = 1000;
        LoihiCubaArray a = new LoihiCubaArray(core(p, new int[] {0}, new int[] {0},
                new SynapseFormat(8, 0, SynapseFormat.MIXED)), LOIHI);
        int[] fired = new int[2];
        assertThat(a.update(0, fired)).isEqualTo(1);
        assertThat(fired[0]).isZero();
        // u = trunc0(1000 * 4095 / 4096) = 999; v = trunc0(0 * 1 / 4096) + 999 = 999 > 64 -> spike, v = 0
        assertThat(a.u(0)).isEqualTo(999);
        assertThat(a.v(0)).isZero();
        assertThat(a.lastActiveUpdates()).isEqualTo(1);  // neuron 1 is all zero: skipped
        assertThat(a.quiescent()).isFalse();
    }

    @Test
    void allZeroCoreIsQuiescentAndInputWakesIt() {
        LoihiNeurons p = LoihiNeurons.zeros(1);
        p.du()[0] = 4095;
        p.dv()[0] = 4095;
        LoihiCubaArray a = new LoihiCubaArray(core(p, new int[] {0}, new int[] {-7},
                new SynapseFormat(8, 0, SynapseFormat.INHIBITORY)), LOIHI);
        assertThat(a.quiescent()).isTrue();
        int[] fired = new int[1];
        a.integrate(axons(0), 1);
        a.update(0, fired);
        assertThat(a.u(0)).isEqualTo(-7 << 6);
        assertThat(a.quiescent()).isFalse();
        a.update(1, fired);                            // both factors are 0: u = 0, v = 0 + 0
        assertThat(a.quiescent()).isTrue();
        assertThat(a.lastActiveUpdates()).isEqualTo(1);
    }

    @Test
    void outOfRangeParametersAreRejectedWithTheField() {
        LoihiNeurons p = LoihiNeurons.zeros(1);
        p.du()[0] = 4096;                              // only NxSDK mode allows 4096
        assertThatThrownBy(() -> new LoihiCubaArray(core(p, new int[] {0}, new int[] {1},
                new SynapseFormat(8, 0, SynapseFormat.MIXED)), LOIHI))
                .isInstanceOf(MyelinInputException.class)
                .hasMessage("core (0,0,0): neuron[0].du=4096 is out of range [0, 4095]");
        LoihiNeurons q = LoihiNeurons.zeros(1);
        assertThatThrownBy(() -> new LoihiCubaArray(core(q, new int[] {0}, new int[] {1},
                new SynapseFormat(9, 0, SynapseFormat.MIXED)), LOIHI))
                .hasMessage("core (0,0,0): format[0].numWeightBits=9 is out of range [1, 8]");
    }
}
