package dev.myelin.chip.run;

import dev.myelin.chip.learn.LearningCore;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipLayout;
import dev.myelin.isa.io.AtomicFiles;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.Targets;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The learned state of a run: the weights of every learning core as CSV ({@code --dump-weights})
 * and the image with its weights replaced by the learned ones ({@code --save-binary}).
 */
public final class LearnedWeights {
    /** The CSV's columns (docs/cli.md, "--dump-weights"). */
    public static final String HEADER = "pre,pre_index,post,post_index,core,axon,plastic,weight,raw_weight,tag";

    private LearnedWeights() {
    }

    /**
     * Writes one row per synapse of every learning core, in core, axon, synapse order: the
     * source (population and index, or input port and line) that drives the axon, the post
     * neuron, and the learned weight (raw units, with the engine's fraction bits), the raw weight
     * the synapse integrates and the tag; when the cores use memristive devices ({@code --device}),
     * a last column {@code g_ns}, the synapse's device conductance in nS. Written atomically.
     */
    public static void writeCsv(Path target, Chip chip) {
        PopulationMap names = new PopulationMap(chip.image(), chip.layout());
        String[][] preLabel = preLabels(chip);
        boolean devices = false;
        for (int c = 0; c < chip.layout().cores(); c++) {
            devices |= chip.learning(c) != null && chip.learning(c).devices() != null;
        }
        boolean withG = devices;
        AtomicFiles.write(target, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(withG ? HEADER + ",g_ns" : HEADER);
            w.write('\n');
            ChipLayout layout = chip.layout();
            for (int c = 0; c < layout.cores(); c++) {
                LearningCore l = chip.learning(c);
                if (l == null) {
                    continue;
                }
                int frac = l.config().weightFrac();
                String core = "\"" + layout.core(c) + "\"";
                for (int a = 0; a < l.axons(); a++) {
                    String pre = preLabel[c][a] == null ? "none,-1" : preLabel[c][a];
                    for (int k = l.rowStart(a); k < l.rowStart(a + 1); k++) {
                        int j = l.post(k);
                        String post = names.label(c, j);
                        w.write(pre + "," + (post.indexOf(',') >= 0 ? "\"" + post + "\"" : post) + ","
                                + names.labelIndex(c, j) + "," + core + "," + a + "," + (l.plastic(a) ? 1 : 0) + ","
                                + new BigDecimal(l.weight(k)).divide(BigDecimal.valueOf(1L << frac)).toPlainString()
                                + "," + l.rawWeight(k) + "," + l.tag(k)
                                + (withG ? "," + (l.devices() == null ? "" : Double.toString(l.devices().conductance(k))) : "")
                                + "\n");
                    }
                }
            }
            w.flush();
        });
    }

    /** Whether any core of the image learns. */
    public static boolean learns(NetworkImage img) {
        return img.cores().stream().anyMatch(c -> c.learning().length > 0);
    }

    /** Every learning core's weights (raw units, with their fraction bits), in {@link #writeCsv}'s row order. */
    public static double[] values(Chip chip) {
        List<Double> out = new ArrayList<>();
        for (int c = 0; c < chip.layout().cores(); c++) {
            LearningCore l = chip.learning(c);
            if (l != null) {
                for (int k = 0; k < l.synapses(); k++) {
                    out.add(l.weight(k) / (double) (1 << l.config().weightFrac()));
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** {@code name,index} of what drives each axon of each learning core (a neuron's target, or an input port line). */
    private static String[][] preLabels(Chip chip) {
        ChipLayout layout = chip.layout();
        PopulationMap names = new PopulationMap(chip.image(), layout);
        String[][] out = new String[layout.cores()][];
        for (int c = 0; c < layout.cores(); c++) {
            if (chip.learning(c) != null) {
                out[c] = new String[chip.learning(c).axons()];
            }
        }
        List<CoreImage> cores = chip.image().cores();
        for (int s = 0; s < cores.size(); s++) {
            CoreImage ci = cores.get(s);
            Targets t = ci.targets();
            for (int j = 0; j < t.neurons(); j++) {
                for (int k = t.start()[j]; k < t.start()[j + 1]; k++) {
                    int c = layout.indexOf(ci.id().x() + t.dx()[k], ci.id().y() + t.dy()[k], t.slot()[k]);
                    if (c >= 0 && out[c] != null && out[c][t.axon()[k]] == null) {
                        String label = names.label(s, j);
                        out[c][t.axon()[k]] = (label.indexOf(',') >= 0 ? "\"" + label + "\"" : label) + ","
                                + names.labelIndex(s, j);
                    }
                }
            }
        }
        for (Port p : chip.image().inputs()) {
            List<PortEntry> entries = p.entries();
            for (int line = 0; line < entries.size(); line++) {
                int c = layout.indexOf(entries.get(line).core());
                if (c >= 0 && out[c] != null && out[c][entries.get(line).index()] == null) {
                    out[c][entries.get(line).index()] = p.name() + "," + line;
                }
            }
        }
        return out;
    }

    /**
     * The chip's image with every learning core's sparse weights replaced by the raw weights its
     * synapses integrate now: a later run of it starts from what this one learned (the fraction
     * bits below the raw weight, the tags and the traces start again at 0). A core that ran with
     * memristive devices keeps its device in the learning section, but not the conductances: the
     * next run programs every device exactly to its saved weight.
     */
    public static NetworkImage learnedImage(Chip chip) {
        NetworkImage img = chip.image();
        List<CoreImage> cores = new ArrayList<>(img.cores());
        for (int c = 0; c < cores.size(); c++) {
            LearningCore l = chip.learning(c);
            if (l == null) {
                continue;
            }
            CoreImage ci = cores.get(c);
            SparseRows s = (SparseRows) ci.synapses();
            int[] weight = new int[s.weight().length];
            for (int k = 0; k < weight.length; k++) {
                weight[k] = l.rawWeight(k);
            }
            // the device the run used (the section's or --device's) stays with the network; its
            // conductances do not: a later run programs each device exactly to the saved weight
            byte[] learning = ci.learning();
            if (l.devices() != null && (!java.util.Objects.equals(l.devices().device(), l.config().device())
                    || !l.readout().equals(l.config().readout()))) {
                learning = dev.myelin.isa.codec.LearningCodec.encode(l.config().withDevice(l.devices().device())
                        .withReadout(l.readout()));
            }
            cores.set(c, new CoreImage(ci.id(), ci.axonType(), ci.neurons(),
                    new SparseRows(s.axons(), s.rowStart(), s.post(), weight), ci.formats(), ci.targets(), learning));
        }
        return new NetworkImage(img.arch(), img.flags(), cores, img.inputs(), img.outputs(), img.symbols(), img.dtMs());
    }
}
