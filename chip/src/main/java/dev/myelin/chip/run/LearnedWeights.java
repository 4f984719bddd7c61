package dev.myelin.chip.run;

import dev.myelin.chip.learn.LearningCore;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipLayout;
import dev.myelin.isa.io.AtomicFiles;
import dev.myelin.isa.learn.DeviceReadout;
import dev.myelin.isa.learn.LearningConfig;
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
     * the synapse integrates and the tag; when a core carries per-synapse delays, a column
     * {@code delay} (ticks; 0 on cores without them); when the cores use memristive devices
     * ({@code --device}), a last column {@code g_ns}, the synapse's device conductance in nS.
     * Written atomically.
     */
    public static void writeCsv(Path target, Chip chip) {
        boolean devices = false;
        for (int c = 0; c < chip.layout().cores(); c++) {
            devices |= chip.learning(c) != null && chip.learning(c).devices() != null;
        }
        writeCsv(target, chip, state(chip), devices);
    }

    /**
     * {@link #writeCsv(Path, Chip)} with every learning core's learned state from {@code state}
     * (indexed by core; the chip gives the synapses' structure and names only): a partitioned
     * run's rank 0 writes it from every member's cores. {@code devices}: whether any core of the
     * whole run has devices (the column {@code g_ns}).
     */
    static void writeCsv(Path target, Chip chip, CoreState[] state, boolean devices) {
        PopulationMap names = new PopulationMap(chip.image(), chip.layout());
        String[][] preLabel = preLabels(chip);
        boolean delays = false;
        for (int c = 0; c < chip.layout().cores(); c++) {
            delays |= chip.learning(c) != null && chip.learning(c).config().delays() != null;
        }
        boolean withG = devices;
        boolean withD = delays;
        AtomicFiles.write(target, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(HEADER + (withD ? ",delay" : "") + (withG ? ",g_ns" : ""));
            w.write('\n');
            ChipLayout layout = chip.layout();
            for (int c = 0; c < layout.cores(); c++) {
                LearningCore l = chip.learning(c);
                if (l == null) {
                    continue;
                }
                CoreState s = state[c];
                int frac = l.config().weightFrac();
                String core = "\"" + layout.core(c) + "\"";
                for (int a = 0; a < l.axons(); a++) {
                    String pre = preLabel[c][a] == null ? "none,-1" : preLabel[c][a];
                    for (int k = l.rowStart(a); k < l.rowStart(a + 1); k++) {
                        int j = l.post(k);
                        String post = names.label(c, j);
                        w.write(pre + "," + (post.indexOf(',') >= 0 ? "\"" + post + "\"" : post) + ","
                                + names.labelIndex(c, j) + "," + core + "," + a + "," + (l.plastic(a) ? 1 : 0) + ","
                                + new BigDecimal(s.weight[k]).divide(BigDecimal.valueOf(1L << frac)).toPlainString()
                                + "," + (s.weight[k] >> frac) + "," + s.tag[k] + (withD ? "," + s.delay(k) : "")
                                + (withG ? "," + (s.conductance == null ? "" : Double.toString(s.conductance[k])) : "")
                                + "\n");
                    }
                }
            }
            w.flush();
        });
    }

    /**
     * The learned state of one learning core, as a partitioned run's member sends it to rank 0:
     * the weights (learning units), tags, per-synapse delays (null without them), device
     * conductances in nS (null without devices) and the learning section the saved image carries.
     */
    record CoreState(int core, int[] weight, int[] tag, int[] delays, double[] conductance, byte[] learning) {
        int delay(int k) {
            return delays == null ? 0 : delays[k];
        }

        /** Core {@code c}'s state now; {@code ci} is its image (the section it started from). */
        static CoreState of(LearningCore l, int c, CoreImage ci) {
            int n = l.synapses();
            int[] w = new int[n];
            int[] tag = new int[n];
            int[] d = l.config().delays() == null && l.delays() == null ? null : new int[n];
            double[] g = l.devices() == null ? null : new double[n];
            for (int k = 0; k < n; k++) {
                w[k] = l.weight(k);
                tag[k] = l.tag(k);
                if (d != null) {
                    d[k] = l.delay(k);
                }
                if (g != null) {
                    g[k] = l.devices().conductance(k);
                }
            }
            // the device the run used (the section's or --device's) stays with the network; its
            // conductances do not: a later run programs each device exactly to the saved weight
            byte[] learning = ci.learning();
            boolean newDevice = l.devices() != null && (!java.util.Objects.equals(l.devices().device(),
                    l.config().device()) || !l.readout().equals(l.config().readout()));
            boolean newDelays = !java.util.Objects.equals(l.delays(), l.config().delays());
            if (newDevice || newDelays) {
                var config = newDevice ? l.config().withDevice(l.devices().device()).withReadout(l.readout())
                        : l.config();
                learning = dev.myelin.isa.codec.LearningCodec.encode(config.withDelays(l.delays()));
            }
            return new CoreState(c, w, tag, d, g, learning);
        }

        void write(java.io.DataOutputStream out) throws java.io.IOException {
            out.writeInt(core);
            out.writeInt(weight.length);
            for (int k = 0; k < weight.length; k++) {
                out.writeInt(weight[k]);
                out.writeInt(tag[k]);
            }
            out.writeBoolean(delays != null);
            if (delays != null) {
                for (int v : delays) {
                    out.writeInt(v);
                }
            }
            out.writeBoolean(conductance != null);
            if (conductance != null) {
                for (double v : conductance) {
                    out.writeLong(Double.doubleToRawLongBits(v));
                }
            }
            out.writeInt(learning.length);
            out.write(learning);
        }

        /** Reads what {@link #write} wrote; {@code synapses} bounds the sizes (the core's synapses in the image). */
        static CoreState read(java.io.DataInputStream in, int cores, java.util.function.IntUnaryOperator synapses)
                throws java.io.IOException {
            int core = in.readInt();
            int n = in.readInt();
            if (core < 0 || core >= cores || n != synapses.applyAsInt(core)) {
                throw new java.io.IOException("learned state of core " + core + " with " + n + " synapses");
            }
            int[] w = new int[n];
            int[] tag = new int[n];
            for (int k = 0; k < n; k++) {
                w[k] = in.readInt();
                tag[k] = in.readInt();
            }
            int[] d = null;
            if (in.readBoolean()) {
                d = new int[n];
                for (int k = 0; k < n; k++) {
                    d[k] = in.readInt();
                }
            }
            double[] g = null;
            if (in.readBoolean()) {
                g = new double[n];
                for (int k = 0; k < n; k++) {
                    g[k] = Double.longBitsToDouble(in.readLong());
                }
            }
            int len = in.readInt();
            if (len < 0 || len > in.available()) {
                throw new java.io.IOException("learning section of " + len + " bytes");
            }
            byte[] learning = in.readNBytes(len);
            return new CoreState(core, w, tag, d, g, learning);
        }
    }

    /** Every learning core's state now, indexed by core (null for the others). */
    static CoreState[] state(Chip chip) {
        return state(chip, null);
    }

    /** The state of every learning core (of {@code owned} ones only, when given), indexed by core. */
    static CoreState[] state(Chip chip, boolean[] owned) {
        CoreState[] out = new CoreState[chip.layout().cores()];
        for (int c = 0; c < out.length; c++) {
            LearningCore l = chip.learning(c);
            if (l != null && (owned == null || owned[c])) {
                out[c] = CoreState.of(l, c, chip.image().cores().get(c));
            }
        }
        return out;
    }

    /** Whether any core of the image learns. */
    public static boolean learns(NetworkImage img) {
        return img.cores().stream().anyMatch(c -> c.learning().length > 0);
    }

    /** Whether a learning section of {@code img} carries a memristive device. */
    public static boolean hasDevice(NetworkImage img) {
        return img.cores().stream().anyMatch(c -> c.learning().length > 0
                && dev.myelin.isa.codec.LearningCodec.decode(c.learning(), c.axonCount()).device() != null);
    }

    /**
     * Why the devices a run would attach cannot be read as asked, checked on the whole image: for
     * each learning core that gets a device ({@code device}, the name of {@code --device}, for every
     * learning core when given, else its section's), its section's readout, read as column currents
     * through an ADC of {@code adcBits} bits when given ({@code --adc-bits}). The first problem,
     * located by core ({@code core (x,y,slot): ...}, as {@link RunSession}'s attaching says it), or
     * null. A partitioned run's launcher asks this before any member starts, and every member
     * before it attaches its own cores' devices, so that a problem on one member's core is one
     * usage error everywhere instead of that member's failure and the others' wait for it.
     */
    public static String readoutProblem(NetworkImage img, String device, Integer adcBits) {
        for (CoreImage ci : img.cores()) {
            if (ci.learning().length == 0) {
                continue;
            }
            LearningConfig config = dev.myelin.isa.codec.LearningCodec.decode(ci.learning(), ci.axonCount());
            if (device == null && config.device() == null) {
                continue;
            }
            DeviceReadout r = adcBits == null ? config.readout() : config.readout().withCurrent(adcBits);
            String problem = r.problem() != null ? "device readout: " + r.problem()
                    : r.current() ? LearningCore.columnReadProblem(config.plastic(),
                            a -> ci.formats().get(ci.axonType()[a]).weightExp()) : null;
            if (problem != null) {
                return "core " + ci.id() + ": " + problem;
            }
        }
        return null;
    }

    /** Every learning core's weights (raw units, with their fraction bits), in {@link #writeCsv}'s row order. */
    public static double[] values(Chip chip) {
        return values(chip, state(chip));
    }

    /** {@link #values(Chip)} with the learned state from {@code state} (indexed by core). */
    static double[] values(Chip chip, CoreState[] state) {
        List<Double> out = new ArrayList<>();
        for (int c = 0; c < chip.layout().cores(); c++) {
            LearningCore l = chip.learning(c);
            if (l != null) {
                for (int k = 0; k < l.synapses(); k++) {
                    out.add(state[c].weight[k] / (double) (1 << l.config().weightFrac()));
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
     * bits below the raw weight, the tags and the traces start again at 0; learned per-synapse
     * delays are kept in the delay group). A core that ran with
     * memristive devices keeps its device in the learning section, but not the conductances: the
     * next run programs every device exactly to its saved weight.
     */
    public static NetworkImage learnedImage(Chip chip) {
        return learnedImage(chip.image(), chip, state(chip));
    }

    /**
     * {@link #learnedImage(Chip)} of {@code img} (the image the run loaded) with the learned state
     * from {@code state} (indexed by core): a partitioned run's rank 0 saves it from every member's cores.
     */
    static NetworkImage learnedImage(NetworkImage img, Chip chip, CoreState[] state) {
        List<CoreImage> cores = new ArrayList<>(img.cores());
        for (int c = 0; c < cores.size(); c++) {
            LearningCore l = chip.learning(c);
            if (l == null) {
                continue;
            }
            CoreImage ci = cores.get(c);
            SparseRows s = (SparseRows) ci.synapses();
            int frac = l.config().weightFrac();
            int[] weight = new int[s.weight().length];
            for (int k = 0; k < weight.length; k++) {
                weight[k] = state[c].weight[k] >> frac;
            }
            cores.set(c, new CoreImage(ci.id(), ci.axonType(), ci.neurons(),
                    new SparseRows(s.axons(), s.rowStart(), s.post(), weight), ci.formats(), ci.targets(),
                    state[c].learning));
        }
        return new NetworkImage(img.arch(), img.flags(), cores, img.inputs(), img.outputs(), img.symbols(), img.dtMs());
    }
}
