package dev.myelin.tests.golden;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.OutputSpike;
import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.model.NetworkImage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lava's golden Loihi traces through the public path: image (built from cases.json, and
 * assembled from a hand-written listing), .nbin bytes, decoded image, chip, with u, v and
 * spikes compared after every tick.
 *
 * <p>Time convention. Lava step t (1-based) is chip tick t - 1 (0-based), and u, v after a
 * chip tick are Lava's end-of-step values. The Lava source emits raster column c at step c + 1,
 * i.e. in chip tick c; the synaptic hop adds one tick (Lava's Dense buffers its output for one
 * step), so the input axon must be active in tick c + 1: the test injects raster column c on
 * input-port line i for tick c + 1. A chip spike in tick k is Lava's spike at step k + 1.
 */
class LoihiGoldenChipTest {
    @Test
    void everyGoldenCaseReproducesThroughTheBinaryAndTheChip() {
        List<LoihiGoldenCase> cases = LoihiGoldenCase.load();
        assertThat(cases).isNotEmpty();
        for (LoihiGoldenCase c : cases) {
            NetworkImage decoded = NbinCodec.decode(NbinCodec.encode(LoihiGoldenImages.image(c)));
            for (int threads : new int[] {1, 2}) {
                try (Chip chip = Chip.load(decoded, ChipOptions.defaults().withThreads(threads))) {
                    check(c, chip);
                }
            }
        }
    }

    @Test
    void handWrittenListingsAssembleToTheSameBinaryAndReproduceTheTraces() throws IOException {
        for (LoihiGoldenCase c : LoihiGoldenCase.load()) {
            String file = c.name() + ".nasm";
            String text;
            try (InputStream in = LoihiGoldenChipTest.class.getResourceAsStream("/golden/loihi/" + file)) {
                assertThat(in).as("listing " + file).isNotNull();
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            byte[] fromListing = NbinCodec.encode(Assembler.assemble(file, text));
            assertThat(fromListing).as(file).isEqualTo(NbinCodec.encode(LoihiGoldenImages.image(c)));
            try (Chip chip = Chip.load(NbinCodec.decode(fromListing), ChipOptions.defaults())) {
                check(c, chip);
            }
        }
    }

    private static void check(LoihiGoldenCase c, Chip chip) {
        int core = chip.layout().indexOf(LoihiGoldenImages.CORE);
        for (int i = 0; i < c.inputs(); i++) {
            for (int col = 0; col < c.steps() - 1; col++) {
                if (c.raster()[i][col] != 0) {
                    chip.inject("in", i, col + 1);
                }
            }
        }
        for (int t = 1; t <= c.steps(); t++) {
            chip.step();
            boolean[] fired = new boolean[c.neurons()];
            for (int k = 0; k < chip.firedCount(core); k++) {
                fired[chip.fired(core, k)] = true;
            }
            for (int j = 0; j < c.neurons(); j++) {
                String at = c.name() + " step " + t + " (tick " + (t - 1) + ") neuron " + j;
                assertThat(chip.u(core, j)).as(at + " u").isEqualTo(c.u()[t - 1][j]);
                assertThat(chip.v(core, j)).as(at + " v").isEqualTo(c.v()[t - 1][j]);
                assertThat(fired[j]).as(at + " spike").isEqualTo(c.spiked()[t - 1][j]);
            }
        }
        List<List<Integer>> steps = new ArrayList<>();
        for (int j = 0; j < c.neurons(); j++) {
            steps.add(new ArrayList<>());
        }
        for (OutputSpike s : chip.outputSpikes()) {
            steps.get(s.line()).add((int) s.tick() + 1);
        }
        assertThat(steps).as(c.name() + " output-port spike steps").isEqualTo(c.spikeSteps());
    }
}
