package dev.myelin.tests.golden;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.OutputSpike;
import dev.myelin.chip.sim.Probe;
import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.chip.neuron.XorShift32Random;
import dev.myelin.tests.reference.ReferenceNetwork;
import dev.myelin.tests.reference.TrueNorthReferenceCore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every TrueNorth golden case, bit for bit, through the public interfaces: the case's table
 * becomes an image (directly, or through its text listing: disassembled and assembled again),
 * the image is encoded to .nbin bytes and decoded, the decoded image runs on
 * the chip with the golden inputs injected on the named input port; output spikes and V after
 * every tick of every listed neuron (read by population probes) and which neurons spiked in
 * each tick (seen through the learning hook) must match exactly. Output spikes are compared over
 * the ticks RANC recorded its output bus for ({@link TrueNorthGoldenCase#outputTicks}).
 */
class TrueNorthGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"c1_single_core_modes", "c5_tonic_pytruenorth_example"})
    void goldenCaseReproducedExactlyThroughTheBinary(String name) {
        TrueNorthGoldenCase g = new TrueNorthGoldenCase(name);
        runOnChip(g, NbinCodec.decode(NbinCodec.encode(g.image)));
    }

    /** The same through the text listing: disassemble, assemble, encode, decode, run. */
    @ParameterizedTest
    @ValueSource(strings = {"c1_single_core_modes", "c5_tonic_pytruenorth_example"})
    void goldenCaseReproducedExactlyThroughTheListing(String name) {
        TrueNorthGoldenCase g = new TrueNorthGoldenCase(name);
        String listing = Assembler.disassemble(g.image);
        NetworkImage assembled = Assembler.assemble(name + ".mlst", listing);
        runOnChip(g, NbinCodec.decode(NbinCodec.encode(assembled)));
    }

    private static void runOnChip(TrueNorthGoldenCase g, NetworkImage decoded) {
        String name = g.name;
        for (int threads : new int[] {1, 2}) {
            try (Chip chip = Chip.load(decoded, ChipOptions.defaults().withThreads(threads))) {
                for (TrueNorthGoldenCase.Input in : g.inputs) {
                    chip.inject("in", g.line(in), in.tick());
                }
                Map<String, Probe> probes = new HashMap<>();
                for (TrueNorthGoldenCase.Potential p : g.potentials) {
                    probes.computeIfAbsent(key(p.core(), p.neuron()),
                            k -> chip.probe(TrueNorthGoldenCase.population(p.core()), p.neuron()));
                }
                Set<String> fired = new HashSet<>();
                chip.setLearningHook((tick, c) -> {
                    for (int core = 0; core < c.layout().cores(); core++) {
                        for (int k = 0; k < c.firedCount(core); k++) {
                            fired.add(tick + "@" + key(c.layout().core(core), c.fired(core, k)));
                        }
                    }
                });
                chip.run(g.ticks);

                List<OutputSpike> expected = g.outputs.stream()
                        .map(o -> new OutputSpike("out", (int) o[1], o[0])).toList();
                List<OutputSpike> recorded = chip.outputSpikes().stream()
                        .filter(s -> s.tick() < g.outputTicks).toList();
                assertThat(sortedByTickThenLine(recorded)).as(name).containsExactlyElementsOf(expected);
                for (TrueNorthGoldenCase.Potential p : g.potentials) {
                    String at = p.tick() + "@" + key(p.core(), p.neuron());
                    assertThat(probes.get(key(p.core(), p.neuron())).v((int) p.tick()))
                            .as("%s V after tick %d of core %s neuron %d", name, p.tick(), p.core(), p.neuron())
                            .isEqualTo(p.vEnd());
                    assertThat(fired.contains(at)).as("%s spiked in tick %s", name, at).isEqualTo(p.spiked());
                }
                assertThat(g.potentials.stream().filter(TrueNorthGoldenCase.Potential::spiked).count())
                        .as("the case exercises firing").isPositive();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"c1_single_core_modes", "c5_tonic_pytruenorth_example"})
    void referenceModelReproducesTheGoldenPotentials(String name) {
        TrueNorthGoldenCase g = new TrueNorthGoldenCase(name);
        ReferenceNetwork<TrueNorthReferenceCore> ref = new ReferenceNetwork<>(g.image,
                c -> new TrueNorthReferenceCore(c, XorShift32Random.forCore(0, c.id())));
        for (TrueNorthGoldenCase.Input in : g.inputs) {
            ref.injectRaw(in.core(), in.axon(), in.tick());
        }
        Map<Long, List<TrueNorthGoldenCase.Potential>> byTick = new java.util.TreeMap<>();
        g.potentials.forEach(p -> byTick.computeIfAbsent(p.tick(), k -> new java.util.ArrayList<>()).add(p));
        List<CoreId> cores = g.image.cores().stream().map(c -> c.id()).toList();
        for (long t = 0; t < g.ticks; t++) {
            ref.step();
            for (TrueNorthGoldenCase.Potential p : byTick.getOrDefault(t, List.of())) {
                assertThat(ref.core(cores.indexOf(p.core())).v(p.neuron()))
                        .as("%s V after tick %d of core %s neuron %d", name, t, p.core(), p.neuron())
                        .isEqualTo(p.vEnd());
            }
        }
        assertThat(ref.outputs().stream().filter(o -> o.tick() < g.outputTicks)
                .map(o -> o.tick() + ":" + o.line()).sorted().toList())
                .as(name).containsExactlyElementsOf(g.outputs.stream().map(o -> o[0] + ":" + o[1]).sorted().toList());
    }

    /** The golden file lists spikes by tick, then output index. */
    private static List<OutputSpike> sortedByTickThenLine(List<OutputSpike> s) {
        return s.stream().sorted(java.util.Comparator.comparingLong(OutputSpike::tick)
                .thenComparingInt(OutputSpike::line)).toList();
    }

    private static String key(CoreId core, int neuron) {
        return core + "." + neuron;
    }
}
