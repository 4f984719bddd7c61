package dev.myelin.tests.conformance;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.OutputSpike;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.tests.reference.LoihiReferenceCore;
import dev.myelin.tests.reference.ReferenceNetwork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random multi-core Loihi networks (fan-out, recurrence, delays 1..63) through .nbin and the
 * chip with 1 and 3 threads, against the reference cores in an ideal reference network: u, v
 * and fired neurons of every core every tick, and the output-port spikes. Input comes in
 * bursts with silence between, so calm cores fall quiescent and the engine skips them.
 */
class LoihiNetworkConformanceTest {
    private static final int NETWORKS = 30;
    private static final int TICKS = 600;

    @Test
    void randomNetworksMatchTheReferenceNetwork() {
        long skipped = 0;
        long packets = 0;
        for (long seed = 1; seed <= NETWORKS; seed++) {
            NetworkImage image = NbinCodec.decode(NbinCodec.encode(RandomLoihiNetworks.image(seed)));
            ReferenceNetwork<LoihiReferenceCore> ref = new ReferenceNetwork<>(image, LoihiReferenceCore::new);
            try (Chip one = Chip.load(image, ChipOptions.defaults().withThreads(1));
                 Chip three = Chip.load(image, ChipOptions.defaults().withThreads(3))) {
                SplittableRandom r = new SplittableRandom(seed);
                for (int t = 0; t < TICKS; t++) {
                    boolean burst = t < 100 || (t >= 300 && t < 340);
                    for (int line = 0; line < 6; line++) {
                        if (burst && r.nextInt(4) == 0) {
                            one.inject("in", line, t);
                            three.inject("in", line, t);
                            ref.inject("in", line, t);
                        }
                    }
                    one.step();
                    three.step();
                    ref.step();
                    compare(seed, t, image, ref, one);
                    compare(seed, t, image, ref, three);
                }
                assertThat(outputs(one)).isEqualTo(ref.outputs());
                assertThat(outputs(three)).isEqualTo(ref.outputs());
                assertThat(three.counters().total(Counter.SPIKES_OUT))
                        .isEqualTo(one.counters().total(Counter.SPIKES_OUT));
                skipped += one.counters().total(Counter.TICKS_SKIPPED);
                packets += one.counters().total(Counter.SPIKES_OUT);
            }
        }
        assertThat(skipped).as("core-ticks skipped as idle").isGreaterThan(1000);
        assertThat(packets).as("spike packets between cores").isGreaterThan(1000);
    }

    private static void compare(long seed, int t, NetworkImage image, ReferenceNetwork<LoihiReferenceCore> ref,
                                Chip chip) {
        for (int c = 0; c < image.cores().size(); c++) {
            int k = chip.layout().indexOf(image.cores().get(c).id());
            List<Integer> fired = new ArrayList<>();
            for (int i = 0; i < chip.firedCount(k); i++) {
                fired.add(chip.fired(k, i));
            }
            LoihiReferenceCore rc = ref.core(c);
            boolean same = fired.equals(ref.fired(c));
            for (int j = 0; j < rc.neurons() && same; j++) {
                same = chip.u(k, j) == rc.u(j) && chip.v(k, j) == rc.v(j);
            }
            if (!same) {
                fail("seed %d tick %d core %s: chip fired %s, reference %s (compare u, v per neuron)",
                        seed, t, image.cores().get(c).id(), fired, ref.fired(c));
            }
        }
    }

    private static List<ReferenceNetwork.Out> outputs(Chip chip) {
        List<ReferenceNetwork.Out> out = new ArrayList<>();
        for (OutputSpike s : chip.outputSpikes()) {
            out.add(new ReferenceNetwork.Out(s.port(), s.line(), s.tick()));
        }
        return out;
    }
}
