package dev.myelin.tests.golden;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.Probe;
import dev.myelin.compiler.Compiler;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.spi.Stimulus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lava's golden Loihi traces through the description language: each case of cases.json is
 * written as a description (one raw {@code loihi_lif} population per neuron, as bias is a
 * population parameter; a {@code spike_array} input; per population a {@code from_list}
 * projection of raw weights with the case's weight_exp and num_weight_bits), compiled, encoded to .nbin, decoded, run on the chip, and u, v and spikes
 * compared after every tick. Time convention as in {@link LoihiGoldenChipTest}: raster column c
 * is a spike-array entry at tick c + 1 (the source's step plus the synaptic hop).
 */
class LoihiGoldenDescriptionTest {
    @TempDir
    Path dir;

    @Test
    void everyGoldenCaseReproducesThroughACompiledDescription() throws IOException {
        for (LoihiGoldenCase c : LoihiGoldenCase.load()) {
            Path net = describe(c);
            Compiler.Compilation comp = Compiler.compileFile(net, null);
            NetworkImage image = NbinCodec.decode(NbinCodec.encode(comp.emitted().image()));
            try (Chip chip = Chip.load(image, ChipOptions.defaults())) {
                List<Probe> probes = new ArrayList<>();
                for (int j = 0; j < c.neurons(); j++) {
                    probes.add(chip.probe("n" + j, 0));
                }
                int[] active = new int[c.inputs()];
                for (int t = 0; t < c.steps(); t++) {
                    for (Stimulus s : comp.emitted().stimuli()) {
                        int k = s.activeLines(t, active);
                        for (int i = 0; i < k; i++) {
                            chip.inject(s.port(), active[i], t);
                        }
                    }
                    chip.step();
                    for (int j = 0; j < c.neurons(); j++) {
                        String at = c.name() + " step " + (t + 1) + " neuron " + j;
                        assertThat(probes.get(j).u(t)).as(at + " u").isEqualTo(c.u()[t][j]);
                        assertThat(probes.get(j).v(t)).as(at + " v").isEqualTo(c.v()[t][j]);
                        assertThat(fired(chip, image, j)).as(at + " spike").isEqualTo(c.spiked()[t][j]);
                    }
                }
            }
        }
    }

    /** Whether the one element of population "n" + j fired in the last tick (found through the symbol table). */
    private static boolean fired(Chip chip, NetworkImage image, int j) {
        Symbol s = image.symbols().stream().filter(x -> x.population().equals("n" + j)).findFirst().orElseThrow();
        for (Symbol.Range r : s.ranges()) {
            if (r.popStart() == 0 && r.count() > 0) {
                int core = chip.layout().indexOf(r.core());
                int neuron = r.neuronStart();
                for (int k = 0; k < chip.firedCount(core); k++) {
                    if (chip.fired(core, k) == neuron) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Writes the case as net.yaml, spikes.csv and one weights<j>.csv per neuron into a folder of its own. */
    private Path describe(LoihiGoldenCase c) throws IOException {
        Path d = Files.createDirectories(dir.resolve(c.name()));
        StringBuilder spikes = new StringBuilder();
        for (int col = 0; col < c.steps() - 1; col++) {
            for (int i = 0; i < c.inputs(); i++) {
                if (c.raster()[i][col] != 0) {
                    spikes.append(col + 1).append(',').append(i).append('\n');
                }
            }
        }
        Files.writeString(d.resolve("spikes.csv"), spikes.toString());
        StringBuilder y = new StringBuilder();
        y.append("name: ").append(c.name()).append("\narch: loihi\ndt: 1 ms\npopulations:\n");
        for (int j = 0; j < c.neurons(); j++) {
            y.append("  - name: n").append(j).append("\n    size: 1\n    model: loihi_lif\n");
            y.append("    params: {du: ").append(c.du()).append(", dv: ").append(c.dv()).append(", vth: ")
                    .append(c.vth()).append(", bias_mant: ").append(c.biasMant()[j]).append(", bias_exp: ")
                    .append(c.biasExp()[j]).append("}\n");
        }
        y.append("inputs:\n  - name: src\n    type: spike_array\n    size: ").append(c.inputs())
                .append("\n    file: spikes.csv\n");
        y.append("projections:\n");
        for (int j = 0; j < c.neurons(); j++) {
            StringBuilder weights = new StringBuilder();
            for (int i = 0; i < c.inputs(); i++) {
                weights.append(i).append(",0,").append(c.weights()[j][i]).append('\n');
            }
            Files.writeString(d.resolve("weights" + j + ".csv"), weights.toString());
            y.append("  - pre: src\n    post: n").append(j).append("\n    connect: {type: from_list, file: weights")
                    .append(j).append(".csv}\n    weight_exp: ").append(c.weightExp())
                    .append("\n    num_weight_bits: ").append(c.numWeightBits()).append('\n');
        }
        Path net = d.resolve("net.yaml");
        Files.writeString(net, y.toString());
        return net;
    }
}
