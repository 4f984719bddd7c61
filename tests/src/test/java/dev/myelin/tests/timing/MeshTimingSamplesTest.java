package dev.myelin.tests.timing;

import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.OutputSpike;
import dev.myelin.chip.timing.MeshNetwork;
import dev.myelin.chip.timing.TimingMode;
import dev.myelin.chip.timing.TimingSummary;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.tests.conformance.RandomTrueNorthNetworks;
import dev.myelin.tests.golden.TrueNorthGoldenCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden cases and random multi-core networks through the mesh in both timing modes: the
 * spikes and counters equal direct delivery's (with a 1 ms tick nothing is late), and the cycle
 * estimate is never below the simple one on these samples. Run with {@code -Dmyelin.print} to see
 * the per-sample times quoted in docs/architecture.md.
 */
class MeshTimingSamplesTest {
    private record Outcome(List<OutputSpike> spikes, CounterSet counters, TimingSummary timing) {
    }

    private static Outcome run(NetworkImage img, MeshNetwork.Factory mesh, int ticks, Consumer<Chip> inputs) {
        ChipOptions o = ChipOptions.defaults().withThreads(2);
        try (Chip chip = Chip.load(img, mesh == null ? o : o.withNetwork(mesh))) {
            inputs.accept(chip);
            chip.run(ticks);
            return new Outcome(chip.outputSpikes(), chip.counters(), mesh == null ? null : mesh.network().summary());
        }
    }

    private static void compareModes(String name, NetworkImage img, int ticks, Consumer<Chip> inputs) {
        Outcome direct = run(img, null, ticks, inputs);
        MeshNetwork.Factory cycle = MeshNetwork.factory(TimingMode.CYCLE);
        MeshNetwork.Factory simple = MeshNetwork.factory(TimingMode.SIMPLE);
        Outcome c = run(img, cycle, ticks, inputs);
        Outcome s = run(img, simple, ticks, inputs);
        for (Outcome o : List.of(c, s)) {
            assertThat(o.spikes()).as(name).isEqualTo(direct.spikes());
            assertThat(o.counters()).as(name).isEqualTo(direct.counters());
        }
        TimingSummary ct = c.timing();
        TimingSummary st = s.timing();
        // the cycle run computes the simple estimate of each tick too, from the same counts
        assertThat(ct.totalSimpleNs()).isEqualTo(st.totalNs());
        assertThat(ct.totalNs()).as(name).isGreaterThanOrEqualTo(st.totalNs());
        assertThat(ct.late()).isZero();
        if (System.getProperty("myelin.print") != null) {
            System.out.printf(Locale.ROOT, "%s: cycle mean %.1f ns max %.1f ns (%s); simple mean %.1f ns max %.1f ns;"
                            + " cycle/simple %.2f; stalls %d; messages %d, hops %d%n", name, ct.meanNs(), ct.maxNs(),
                    ct.maxCritical(), st.meanNs(), st.maxNs(), ct.totalNs() / st.totalNs(), ct.stalls(),
                    cycle.network().traffic().messages(), cycle.network().traffic().hopTotal());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"c1_single_core_modes", "c5_tonic_pytruenorth_example"})
    void goldenCasesGiveTheSameSpikesThroughTheMesh(String name) {
        TrueNorthGoldenCase g = new TrueNorthGoldenCase(name);
        compareModes(name, g.image, g.ticks, chip -> {
            for (TrueNorthGoldenCase.Input in : g.inputs) {
                chip.inject("in", g.line(in), in.tick());
            }
        });
    }

    @Test
    void randomNetworksGiveTheSameSpikesThroughTheMesh() {
        for (long seed = 1; seed <= 3; seed++) {
            NetworkImage img = new RandomTrueNorthNetworks(seed).network(4, 4, 64, 64);
            long inputSeed = seed;
            compareModes("random 4x4 cores seed " + seed, img, 30, chip -> {
                SplittableRandom r = new SplittableRandom(inputSeed);
                for (int t = 0; t < 30; t++) {
                    for (int line = 0; line < 16; line++) {
                        if (r.nextInt(3) == 0) {
                            chip.inject("in", line, t);
                        }
                    }
                }
            });
        }
    }
}
