package dev.myelin.tests.compiler;

import dev.myelin.chip.neuron.XorShift32Random;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipOptions;
import dev.myelin.isa.arch.Datapath;
import dev.myelin.isa.asm.Assembler;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Symbol;
import dev.myelin.tests.reference.LoihiReferenceCore;
import dev.myelin.tests.reference.ReferenceNetwork;
import dev.myelin.tests.reference.TrueNorthReferenceCore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Runs a hand-written listing sample: assembles it (through the .nbin encoding), injects its
 * input CSVs (rows {@code tick,index}, optional header, {@code #} comments) and collects the
 * spikes of every population of the symbol table as "tick:index" ({@code tick << 32 | index}),
 * on the chip and on the reference model of its datapath.
 */
final class ListingRun {
    private final NetworkImage image;
    private final Map<String, Path> inputs;

    ListingRun(Path listing, Map<String, Path> inputs) throws IOException {
        this.image = NbinCodec.decode(NbinCodec.encode(
                Assembler.assemble(listing.getFileName().toString(), Files.readString(listing))));
        this.inputs = inputs;
    }

    NetworkImage image() {
        return image;
    }

    Map<String, TreeSet<Long>> onChip(int ticks) throws IOException {
        Map<String, TreeSet<Long>> out = new HashMap<>();
        try (Chip chip = Chip.load(image, ChipOptions.defaults())) {
            forEachInput((port, tickLine) -> chip.inject(port, tickLine[1], tickLine[0]));
            for (int t = 0; t < ticks; t++) {
                chip.step();
                for (int c = 0; c < chip.layout().cores(); c++) {
                    for (int k = 0; k < chip.firedCount(c); k++) {
                        record(out, chip.layout().core(c), chip.fired(c, k), t);
                    }
                }
            }
        }
        return out;
    }

    Map<String, TreeSet<Long>> onReference(int ticks) throws IOException {
        ReferenceNetwork<?> ref = image.arch().datapath() == Datapath.TRUENORTH
                ? new ReferenceNetwork<>(image, c -> new TrueNorthReferenceCore(c, XorShift32Random.forCore(0, c.id())))
                : new ReferenceNetwork<>(image, LoihiReferenceCore::new);
        forEachInput((port, tickLine) -> ref.inject(port, tickLine[1], tickLine[0]));
        Map<String, TreeSet<Long>> out = new HashMap<>();
        for (int t = 0; t < ticks; t++) {
            ref.step();
            for (int c = 0; c < image.cores().size(); c++) {
                for (int j : ref.fired(c)) {
                    record(out, image.cores().get(c).id(), j, t);
                }
            }
        }
        return out;
    }

    /** Calls {@code inject(port, {tick, line})} for every row of every input CSV. */
    private void forEachInput(BiConsumer<String, int[]> inject) throws IOException {
        for (var e : inputs.entrySet()) {
            List<String> rows = Files.readAllLines(e.getValue());
            for (int no = 0; no < rows.size(); no++) {
                String row = rows.get(no).strip();
                if (row.isEmpty() || row.startsWith("#") || (no == 0 && row.equals("tick,index"))) {
                    continue;
                }
                String[] f = row.split(",");
                inject.accept(e.getKey(), new int[] {Integer.parseInt(f[0].strip()), Integer.parseInt(f[1].strip())});
            }
        }
    }

    /** Files neuron {@code neuron} of {@code core} under its population; neurons outside every symbol as "core(x,y,s)". */
    private void record(Map<String, TreeSet<Long>> out, CoreId core, int neuron, long tick) {
        for (Symbol s : image.symbols()) {
            for (Symbol.Range r : s.ranges()) {
                if (r.core().equals(core) && neuron >= r.neuronStart() && neuron < r.neuronStart() + r.count()) {
                    out.computeIfAbsent(s.population(), k -> new TreeSet<>())
                            .add(tick << 32 | (r.popStart() + neuron - r.neuronStart()));
                    return;
                }
            }
        }
        out.computeIfAbsent("core(" + core.x() + "," + core.y() + "," + core.slot() + ")", k -> new TreeSet<>())
                .add(tick << 32 | neuron);
    }
}
