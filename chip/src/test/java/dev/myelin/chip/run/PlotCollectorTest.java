package dev.myelin.chip.run;

import dev.myelin.chip.testing.RunSample;
import dev.myelin.chip.plot.PlotData;
import dev.myelin.chip.plot.TickWindow;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Symbol;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the pictures get from a run of {@link RunSample}, derived by hand: src[0] (leak +1,
 * alpha 10) holds (t + 1) mod 10 after tick t and fires in ticks 9, 19, 29; src[1] (leak +2,
 * alpha 11) climbs 2, 4, .., 10 and fires in ticks 5, 11, 17, 23, 29 (12 >= 11), back to 0.
 */
class PlotCollectorTest {
    private static PlotData run(NetworkImage image, TickWindow window, long ticks) {
        try (Chip chip = Chip.load(image, ChipOptions.defaults())) {
            ProbeSet probes = new ProbeSet(chip, List.of("src"), List.of());
            PopulationMap names = new PopulationMap(chip.image(), chip.layout());
            PlotCollector pc = new PlotCollector(chip, names, probes, window, ticks);
            for (long t = 0; t < ticks; t++) {
                chip.step();
                for (int c = 0; c < chip.layout().cores(); c++) {
                    for (int k = 0; k < chip.firedCount(c); k++) {
                        pc.spike(t, c, chip.fired(c, k));
                    }
                }
                pc.probeTick(t);
                probes.tick();
            }
            return pc.data("sample", chip.image().dtMs(), ticks, new double[1], new long[4],
                    new dev.myelin.chip.noc.MeshConfig(1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1), new double[0]);
        }
    }

    @Test
    void aWindowKeepsOnlyItsTicksOfSpikesAndPotentials() {
        PlotData d = run(RunSample.image(), new TickWindow(5, 19), 30);
        // raster: src[1] (row 1) in 5, 11, 17 and src[0] (row 0) in 9, 19; not 23 or 29
        assertThat(d.rasterTick()).containsExactly(5, 9, 11, 17, 19);
        assertThat(d.rasterRow()).containsExactly(1, 0, 1, 1, 0);
        assertThat(d.window()).isEqualTo(new TickWindow(5, 19));
        assertThat(d.probed()).isEqualTo(2);
        PlotData.Trace a = d.traces().get(0);
        PlotData.Trace b = d.traces().get(1);
        assertThat(a.label()).isEqualTo("src[0]");
        assertThat(a.firstTick()).isEqualTo(5);
        assertThat(a.v()).containsExactly(6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0);
        assertThat(a.spikeTicks()).containsExactly(9, 19);
        assertThat(a.threshold()).isEqualTo(10);
        assertThat(a.thresholdSpread()).isZero();
        assertThat(b.v()).containsExactly(0, 2, 4, 6, 8, 10, 0, 2, 4, 6, 8, 10, 0, 2, 4);
        assertThat(b.spikeTicks()).containsExactly(5, 11, 17);
        assertThat(b.threshold()).isEqualTo(11);
        // a hand-made binary has no voltage scale: the pictures stay in LSB
        assertThat(a.scale()).isNull();
        assertThat(a.unit()).isEqualTo("LSB");
    }

    @Test
    void withoutAWindowTheRasterHasTheWholeRunAndTracesTheirFirstTicks() {
        PlotData d = run(RunSample.image(), null, 30);
        assertThat(d.rasterTick()).containsExactly(5, 9, 11, 17, 19, 23, 29, 29);
        assertThat(d.traces().get(0).v()).hasSize(30).startsWith(1, 2, 3);
        assertThat(d.traces().get(0).spikeTicks()).containsExactly(9, 19, 29);
    }

    @Test
    void theBinarysScaleAndDtReachThePictures() {
        NetworkImage plain = RunSample.image();
        Symbol.Scale scale = new Symbol.Scale(0.5, -70);
        List<Symbol> symbols = plain.symbols().stream()
                .map(s -> s.population().equals("src") ? s.withScale(scale) : s).toList();
        NetworkImage image = new NetworkImage(plain.arch(), plain.flags(), plain.cores(), plain.inputs(),
                plain.outputs(), symbols, 0.5);
        PlotData d = run(image, new TickWindow(9, 9), 30);
        PlotData.Trace a = d.traces().get(0);
        assertThat(d.dtMs()).isEqualTo(0.5);
        assertThat(a.scale()).isEqualTo(scale);
        // threshold 10 LSB = -70 + 10 x 0.5 = -65 mV; after the spike of tick 9, v = 0 LSB = -70 mV
        assertThat(a.value(a.threshold())).isEqualTo(-65);
        assertThat(a.v()).containsExactly(0);
        assertThat(a.value(a.v()[0])).isEqualTo(-70);
        assertThat(a.spikeTicks()).containsExactly(9);
    }
}
