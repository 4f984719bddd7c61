package dev.myelin.chip.neuron;

import dev.myelin.chip.core.NeuronArray;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One core's datapath on two paths (a fast one and the general one it must equal), stepped side
 * by side on the same active axons, checked after every tick: synaptic events, fired neurons, u
 * and v of every neuron, active and resting update counts, quiescence.
 */
final class Lockstep {
    private final NeuronArray fast;
    private final NeuronArray general;
    private final int axons;
    private final int[] firedFast;
    private final int[] firedGeneral;
    /** This tick's active axons, one bit each. */
    final long[] active;

    Lockstep(NeuronArray fast, NeuronArray general, int axons) {
        this.fast = fast;
        this.general = general;
        this.axons = axons;
        this.firedFast = new int[fast.neurons()];
        this.firedGeneral = new int[general.neurons()];
        this.active = new long[(axons + 63) >>> 6];
    }

    /** Makes each axon active when {@code rnd.nextInt(outOf) < below} (one draw per axon, in axon order). */
    void randomAxons(SplittableRandom rnd, int outOf, int below) {
        Arrays.fill(active, 0L);
        for (int a = 0; a < axons; a++) {
            if (rnd.nextInt(outOf) < below) {
                active[a >>> 6] |= 1L << (a & 63);
            }
        }
    }

    /** No axon active this tick. */
    void noAxons() {
        Arrays.fill(active, 0L);
    }

    /** Integrates the active axons and updates both paths in tick {@code t}, and checks they agree. */
    void tick(long t, String at) {
        assertThat(fast.integrate(active, active.length)).as(at).isEqualTo(general.integrate(active, active.length));
        int f = fast.update(t, firedFast);
        int g = general.update(t, firedGeneral);
        assertThat(Arrays.copyOf(firedFast, f)).as(at).isEqualTo(Arrays.copyOf(firedGeneral, g));
        for (int j = 0; j < fast.neurons(); j++) {
            assertThat(fast.u(j)).as(at + " u of neuron " + j).isEqualTo(general.u(j));
            assertThat(fast.v(j)).as(at + " v of neuron " + j).isEqualTo(general.v(j));
        }
        assertThat(fast.lastActiveUpdates()).as(at).isEqualTo(general.lastActiveUpdates());
        assertThat(fast.restingUpdates()).as(at).isEqualTo(general.restingUpdates());
        assertThat(fast.quiescent()).as(at).isEqualTo(general.quiescent());
    }
}
