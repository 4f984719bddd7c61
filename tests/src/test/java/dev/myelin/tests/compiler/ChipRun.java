package dev.myelin.tests.compiler;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.chip.sim.OutputSpike;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.spi.CompiledNetwork;
import dev.myelin.isa.spi.Stimulus;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** Runs a compiled network on the chip, through the .nbin encoding, and collects output spikes as "tick:neuron". */
final class ChipRun {
    private ChipRun() {
    }

    static Map<String, TreeSet<Long>> run(CompiledNetwork cn, int ticks, int threads) {
        var image = NbinCodec.decode(NbinCodec.encode(cn.image()));
        Map<String, TreeSet<Long>> out = new HashMap<>();
        try (Chip chip = Chip.load(image, ChipOptions.defaults().withThreads(threads))) {
            int[] lines = new int[1 << 16];
            for (Stimulus s : cn.stimuli()) {
                if (lines.length < s.lines()) {
                    lines = new int[s.lines()];
                }
                for (int t = 0; t < ticks; t++) {
                    int n = s.activeLines(t, lines);
                    for (int k = 0; k < n; k++) {
                        chip.inject(s.port(), lines[k], t);
                    }
                }
            }
            chip.run(ticks);
            Map<String, Port> ports = new HashMap<>();
            image.outputs().forEach(p -> ports.put(p.name(), p));
            for (OutputSpike s : chip.outputSpikes()) {
                int neuron = populationIndex(cn, s.port(), s.line());
                out.computeIfAbsent(s.port(), k -> new TreeSet<>()).add(s.tick() << 32 | neuron);
            }
        }
        return out;
    }

    /** The population index of output line {@code line}: the probe's index list, or the line itself. */
    static int populationIndex(CompiledNetwork cn, String pop, int line) {
        for (var p : cn.probes()) {
            if (p.population().equals(pop) && p.spikes()) {
                return p.indices() == null ? line : p.indices()[line];
            }
        }
        throw new IllegalStateException("no spike probe for output port " + pop);
    }
}
