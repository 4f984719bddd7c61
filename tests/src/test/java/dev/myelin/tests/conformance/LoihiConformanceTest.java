package dev.myelin.tests.conformance;

import dev.myelin.chip.neuron.LoihiCubaArray;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.tests.reference.LoihiReferenceCore;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The chip's Loihi datapath against the reference model: random small cores (fixed seeds),
 * random input spikes, thousands of ticks each, u, v and spikes compared every tick. The run
 * also checks that it covered every mode: both decay modes, all sign modes, weight bits 1..8,
 * weight exponents -8..7, u wraps, v clips and spikes, dendrites joined into somas and
 * refractory periods holding v.
 */
class LoihiConformanceTest {
    private static final Architecture LOIHI = Presets.require("loihi");
    private static final int CORES = 120;
    private static final int TICKS = 2000;

    @Test
    void randomCoresMatchTheReferenceTickByTick() {
        Set<String> seen = new HashSet<>();
        long wraps = 0;
        long clips = 0;
        long spikes = 0;
        long hugeInputs = 0;
        long holds = 0;
        for (long seed = 1; seed <= CORES; seed++) {
            CoreImage core = RandomLoihiCores.core(seed);
            LoihiNeurons p = (LoihiNeurons) core.neurons();
            seen.add("decay" + p.decayMode());
            for (int j = 0; j < p.n(); j++) {
                seen.add(p.join()[j] == LoihiNeurons.JOIN_ADD ? "dendrite" : p.refractory()[j] > 0 ? "refractory" : "plain");
            }
            for (SynapseFormat f : core.formats()) {
                seen.add("sign" + f.signMode());
                seen.add("bits" + f.numWeightBits());
                seen.add("exp" + f.weightExp());
            }
            LoihiReferenceCore ref = new LoihiReferenceCore(core);
            long[] counts = run(seed, core, ref);
            spikes += counts[0];
            hugeInputs += counts[1];
            wraps += ref.wraps();
            clips += ref.clips();
            holds += ref.holds();
        }
        Set<String> wanted = new HashSet<>(Set.of("decay0", "decay1", "sign0", "sign1", "sign2",
                "dendrite", "refractory", "plain"));
        for (int b = 1; b <= 8; b++) {
            wanted.add("bits" + b);
        }
        for (int e = -8; e <= 7; e++) {
            wanted.add("exp" + e);
        }
        assertThat(seen).containsAll(wanted);
        assertThat(wraps).as("u wraps").isGreaterThan(100);
        assertThat(clips).as("v clips").isGreaterThan(100);
        assertThat(spikes).as("spikes").isGreaterThan(1000);
        assertThat(holds).as("ticks held by a refractory period").isGreaterThan(1000);
        assertThat(hugeInputs).as("inputs a_in << 6 > 2^25 (u wraps twice)").isGreaterThan(100);
    }

    /** Runs one core for TICKS ticks through both models; returns {spikes, inputs with a_in << 6 > 2^25}. */
    private static long[] run(long seed, CoreImage core, LoihiReferenceCore ref) {
        LoihiCubaArray chip = new LoihiCubaArray(core, LOIHI);
        SparseRows rows = (SparseRows) core.synapses();
        int axons = core.axonCount();
        int n = core.neuronCount();
        SplittableRandom r = new SplittableRandom(~seed);
        int activityPercent = RandomLoihiCores.hammer(seed) ? 50 + r.nextInt(45) : 5 + r.nextInt(60);
        long[] bits = new long[(axons + 63) / 64];
        boolean[] active = new boolean[axons];
        int[] fired = new int[n];
        long spikes = 0;
        long huge = 0;
        for (int t = 0; t < TICKS; t++) {
            Arrays.fill(bits, 0);
            long expectedEvents = 0;
            for (int a = 0; a < axons; a++) {
                active[a] = r.nextInt(100) < activityPercent;
                if (active[a]) {
                    bits[a >> 6] |= 1L << a;
                    expectedEvents += rows.rowLength(a);
                }
            }
            assertThat(chip.integrate(bits, bits.length)).isEqualTo(expectedEvents);
            int count = chip.update(t, fired);
            boolean[] want = ref.step(active);
            int k = 0;
            for (int j = 0; j < n; j++) {
                boolean got = k < count && fired[k] == j;
                if (got) {
                    k++;
                }
                if (got != want[j] || chip.u(j) != ref.u(j) || chip.v(j) != ref.v(j)) {
                    fail("seed %d tick %d neuron %d: chip u=%d v=%d spike=%b, reference u=%d v=%d spike=%b (a_in %d)",
                            seed, t, j, chip.u(j), chip.v(j), got, ref.u(j), ref.v(j), want[j], ref.aIn(j));
                }
                spikes += want[j] ? 1 : 0;
                huge += Math.abs(ref.aIn(j)) * 64 > (1L << 25) ? 1 : 0;
            }
            assertThat(k).isEqualTo(count);
        }
        return new long[] {spikes, huge};
    }
}
