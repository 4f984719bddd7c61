package dev.myelin.compiler.source;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.InputDelivery;
import dev.myelin.compiler.ir.InputSource;
import dev.myelin.compiler.ir.MappingHints;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Population;
import dev.myelin.compiler.ir.Receptor;
import dev.myelin.compiler.ir.SynapseEncoding;
import dev.myelin.compiler.ir.Probe;
import dev.myelin.compiler.ir.Projection;
import dev.myelin.isa.diag.DidYouMean;
import dev.myelin.isa.diag.LocatedYaml;
import dev.myelin.isa.io.TextFiles;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import dev.myelin.isa.model.NetworkImage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a network description (YAML, docs/language.md) into the {@link Network} IR. Every
 * problem goes to the {@link Diagnostics} with file:line:col; reading continues so one run
 * reports all the errors it can. Cross-references (names of populations, inputs) are checked
 * by the validate pass, except where reading needs them (a weight's unit depends on the
 * post population's model).
 */
public final class NetworkReader {
    /** Largest description accepted, checked before reading. */
    public static final long MAX_BYTES = 16L << 20;

    static final Set<String> TOP = Set.of("name", "arch", "dt", "seed", "populations", "inputs", "projections",
            "probes", "mapping");

    private NetworkReader() {
    }

    /**
     * Reads {@code file}; the returned network is null only when the file could not be parsed at all.
     * A file that cannot be read at all (missing, a directory, too large, not UTF-8) is thrown at once.
     */
    public static Network read(Path file, Diagnostics d) {
        String text = TextFiles.readUtf8(file, MAX_BYTES, "network description");
        Path dir = file.getParent() == null ? Path.of("") : file.getParent();
        return parse(file.toString(), text, dir, d);
    }

    /** Parses description text; data files are resolved against {@code dir}. */
    public static Network parse(String file, String text, Path dir, Diagnostics d) {
        Node root = compose(file, text, d);
        if (root == null) {
            return null;
        }
        YMap top = YMap.open(file, root, d, "the network description", TOP);
        if (top == null) {
            return null;
        }
        String name = top.text("name", "network", true);
        String arch = top.text("arch", "truenorth", true);
        String archWhere = top.where("arch");
        double dt = top.quantity("dt", Units.Dimension.TIME, 1.0, true);
        if (top.has("dt") && !(dt > 0)) {
            top.error("dt", "'dt' must be positive");
            dt = 1.0;
        } else if (NetworkImage.checkDt(dt) != null) {
            // the binary carries dt; keep it within what a .nbin may hold
            top.error("dt", "'dt': " + NetworkImage.checkDt(dt));
            dt = 1.0;
        }
        // the seed of every per-neuron distribution written without its own
        long seed = top.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, 0, false);
        Map<String, Population> pops = new LinkedHashMap<>();
        for (Node n : top.list("populations", true)) {
            Population p = population(file, n, dir, seed, d);
            if (p != null) {
                if (pops.containsKey(p.name())) {
                    d.error(p.where(), "population '" + p.name() + "' is declared twice");
                } else {
                    pops.put(p.name(), p);
                }
            }
        }
        List<InputSource> inputs = new ArrayList<>();
        for (Node n : top.list("inputs", false)) {
            InputSource s = InputReader.input(file, n, dir, pops, d);
            if (s != null) {
                inputs.add(s);
            }
        }
        List<Projection> projections = new ArrayList<>();
        for (Node n : top.list("projections", false)) {
            Projection p = ProjectionReader.projection(file, n, dir, dt, pops, d);
            if (p != null) {
                projections.add(p);
            }
        }
        List<Probe> probes = new ArrayList<>();
        for (Node n : top.list("probes", false)) {
            Probe p = probe(file, n, d);
            if (p != null) {
                probes.add(p);
            }
        }
        MappingHints hints = top.has("mapping") ? mapping(file, top.get("mapping"), d) : MappingHints.none();
        return new Network(name, arch, archWhere, dt, List.copyOf(pops.values()), inputs, projections, probes, hints);
    }

    static Node compose(String file, String text, Diagnostics d) {
        try {
            return LocatedYaml.compose(file, text, "network description", MAX_BYTES, 50);
        } catch (LocatedYaml.SyntaxError e) {
            d.error(e.where(), e.problem());
            return null;
        }
    }

    static final Set<String> POP_KEYS = Set.of("name", "size", "shape", "model", "params", "receptors");
    static final List<String> MODELS = List.of("lif", "cuba_lif", "if", "loihi_lif", "truenorth");

    static Population population(String file, Node n, Path dir, long seed, Diagnostics d) {
        YMap y = YMap.open(file, n, d, "a population", POP_KEYS);
        if (y == null) {
            return null;
        }
        String name = y.text("name", null, true);
        int size;
        int[] shape;
        if (y.has("shape")) {
            shape = y.intList("shape", 1, 1 << 24, true);
            long s = 1;
            for (int x : shape) {
                s = Math.min(s, 1L << 27) * x; // capped: three dimensions of 2^24 cannot overflow
            }
            if (shape.length == 0 || shape.length > 3 || s > (1 << 26)) {
                y.error("shape", "'shape' must have 1 to 3 dimensions and at most " + (1 << 26) + " neurons");
                return null;
            }
            size = (int) s;
            if (y.has("size") && y.integer("size", 1, 1 << 26, size, false) != size) {
                y.error("size", "'size' disagrees with 'shape' (" + size + " neurons)");
            }
        } else {
            size = (int) y.integer("size", 1, 1 << 26, 1, true);
            shape = new int[] {size};
        }
        String model = y.choice("model", MODELS, null, true);
        List<Receptor> receptors = y.has("receptors") ? receptors(file, y, model, d) : List.of();
        ModelReader.Read m = model == null || name == null ? null
                : ModelReader.model(model, file, y.get("params"), y.where(), name, seed, dir, y.has("receptors"), d);
        if (m == null || m.model() == null || receptors == null) {
            return null;
        }
        NeuronModel mm = m.model();
        if (!receptors.isEmpty()) { // the soma's current is the first receptor's
            double tau0 = receptors.get(0).tauSynMs();
            mm = mm.with(k -> k.equals("tau_syn") ? tau0 : m.model().param(k));
        }
        return new Population(name, size, shape, mm, y.where(), y.keyWhere(""), m.perNeuron(), receptors);
    }

    /** The scalar keys of a mapping, in order. */
    static Set<String> keysOf(MappingNode m) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                keys.add(k.getValue());
            }
        }
        return keys;
    }

    /** Most receptors (compartments) per neuron. */
    static final int MAX_RECEPTORS = 8;

    /** {@code receptors: {exc: 5 ms, inh: 10 ms}}: names and tau_syn, the soma's own first; null after an error. */
    static List<Receptor> receptors(String file, YMap y, String model, Diagnostics d) {
        if (model != null && !model.equals("cuba_lif")) {
            y.error("receptors", "'receptors' are synaptic currents of model cuba_lif (this population uses "
                    + model + ")");
            return null;
        }
        if (!(y.get("receptors") instanceof MappingNode m) || m.getValue().isEmpty()
                || m.getValue().size() > MAX_RECEPTORS) {
            y.error("receptors", "'receptors' must map 1 to " + MAX_RECEPTORS + " names to their tau_syn"
                    + " (receptors: {exc: 5 ms, inh: 10 ms})");
            return null;
        }
        Set<String> names = keysOf(m);
        YMap r = YMap.open(file, m, d, "the receptors", names);
        if (r == null) {
            return null;
        }
        List<Receptor> out = new ArrayList<>();
        for (String n : names) {
            double tau = r.quantity(n, Units.Dimension.TIME, 0, true);
            if (!(tau > 0)) {
                r.error(n, "receptor '" + n + "': tau_syn must be positive");
                return null;
            }
            out.add(new Receptor(n, tau));
        }
        return out;
    }

    static final Set<String> PROBE_KEYS = Set.of("population", "record", "indices");

    static Probe probe(String file, Node n, Diagnostics d) {
        YMap y = YMap.open(file, n, d, "a probe", PROBE_KEYS);
        if (y == null) {
            return null;
        }
        String pop = y.text("population", null, true);
        boolean spikes = !y.has("record");
        boolean v = false;
        boolean u = false;
        for (Node r : y.list("record", false)) {
            String s = r instanceof ScalarNode sc ? sc.getValue() : "";
            switch (s) {
                case "spikes" -> spikes = true;
                case "v" -> v = true;
                case "u" -> u = true;
                default -> d.error(YMap.where(file, r), "'record' entries are spikes, v or u, not '" + s + "'");
            }
        }
        int[] idx = y.has("indices") ? y.intList("indices", 0, Integer.MAX_VALUE, false) : null;
        return pop == null ? null : new Probe(pop, spikes, v, u, idx, y.where(), y.keyWhere(""));
    }

    static final Set<String> MAPPING_KEYS = Set.of("neurons_per_core", "pin", "inputs", "synapse_encoding");
    static final Set<String> PIN_KEYS = Set.of("population", "slice", "cores");

    static MappingHints mapping(String file, Node n, Diagnostics d) {
        YMap y = YMap.open(file, n, d, "mapping", MAPPING_KEYS);
        if (y == null) {
            return MappingHints.none();
        }
        Map<String, Integer> per = new LinkedHashMap<>();
        Map<String, String> perWhere = new LinkedHashMap<>();
        int dflt = 0;
        Node npc = y.get("neurons_per_core");
        if (npc instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode ks)) {
                    d.error(YMap.where(file, t.getKeyNode()), "'neurons_per_core' keys are population names");
                    continue;
                }
                String k = ks.getValue();
                perWhere.put(k, YMap.where(file, ks));
                String v = t.getValueNode() instanceof ScalarNode s ? s.getValue() : "";
                try {
                    int x = Integer.parseInt(v);
                    if (x < 1) {
                        throw new NumberFormatException();
                    }
                    per.put(k, x);
                } catch (NumberFormatException e) {
                    d.error(YMap.where(file, t.getValueNode()), "'neurons_per_core' of '" + k
                            + "' must be a positive integer");
                }
            }
        } else if (npc != null) {
            dflt = (int) y.integer("neurons_per_core", 1, 1 << 20, 0, false);
        }
        Map<String, SynapseEncoding> encoding = new LinkedHashMap<>();
        SynapseEncoding defaultEncoding = SynapseEncoding.AUTO;
        if (y.get("synapse_encoding") instanceof MappingNode m) {
            YMap e = YMap.open(file, m, d, "'synapse_encoding'", keysOf(m));
            for (String k : e == null ? Set.<String>of() : keysOf(m)) {
                String v = e.choice(k, SynapseEncoding.ids(), null, true);
                if (v != null) {
                    encoding.put(k, SynapseEncoding.of(v));
                }
            }
        } else if (y.has("synapse_encoding")) {
            defaultEncoding = SynapseEncoding.of(y.choice("synapse_encoding", SynapseEncoding.ids(), "auto", false));
        }
        List<MappingHints.Pin> pins = new ArrayList<>();
        for (Node p : y.list("pin", false)) {
            YMap py = YMap.open(file, p, d, "a pin", PIN_KEYS);
            if (py == null) {
                continue;
            }
            String pop = py.text("population", null, true);
            int[] slice = py.has("slice") ? py.intList("slice", 0, 1 << 26, false) : new int[] {0, -1};
            if (slice.length != 2) {
                py.error("slice", "'slice' is [from, to): two integers");
                continue;
            }
            List<int[]> cores = new ArrayList<>();
            for (Node c : py.list("cores", true)) {
                int[] xy = c instanceof SequenceNode sq ? sq.getValue().stream().mapToInt(v -> parseIntOr(v, -1))
                        .toArray() : new int[0];
                if ((xy.length != 2 && xy.length != 3) || java.util.Arrays.stream(xy).anyMatch(v -> v < 0)) {
                    d.error(YMap.where(file, c), "a pinned core is [x, y] or [x, y, slot] with non-negative integers");
                } else {
                    cores.add(xy.length == 2 ? new int[] {xy[0], xy[1], 0} : xy);
                }
            }
            if (pop != null) {
                // a bad core stops the compiler after reading, so later passes see core i where cores.i is
                pins.add(new MappingHints.Pin(pop, slice[0], slice[1], cores, py.where(), py.keyWhere("")));
            }
        }
        InputDelivery all = InputDelivery.AXONS;
        Map<String, InputDelivery> each = new LinkedHashMap<>();
        Map<String, String> eachWhere = new LinkedHashMap<>();
        Node inputs = y.get("inputs");
        if (inputs instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode ks)) {
                    d.error(YMap.where(file, t.getKeyNode()), "'inputs' keys are input names");
                    continue;
                }
                InputDelivery v = delivery(file, t.getValueNode(), d);
                if (v != null) {
                    each.put(ks.getValue(), v);
                    eachWhere.put(ks.getValue(), YMap.where(file, ks));
                }
            }
        } else if (inputs != null) {
            InputDelivery v = delivery(file, inputs, d);
            all = v == null ? all : v;
        }
        return new MappingHints(per, dflt, pins, perWhere, all, each, eachWhere, encoding, defaultEncoding);
    }

    private static InputDelivery delivery(String file, Node n, Diagnostics d) {
        String v = n instanceof ScalarNode s ? s.getValue() : "";
        InputDelivery x = v.contains("-") ? null : InputDelivery.byId(v).orElse(null);
        if (x == null) {
            d.error(YMap.where(file, n), "'inputs' is axons or on_chip (or a map from input names to them), not '"
                    + v + "'" + DidYouMean.suggest(v, InputDelivery.ids()));
        }
        return x;
    }

    static int parseIntOr(Node n, int fallback) {
        try {
            return n instanceof ScalarNode s ? Integer.parseInt(s.getValue()) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
