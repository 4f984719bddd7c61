package dev.myelin.compiler.lower;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.ir.Connector;
import dev.myelin.compiler.ir.InputSource;
import dev.myelin.compiler.ir.MappingHints;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.ir.NeuronModel;
import dev.myelin.compiler.ir.Population;
import dev.myelin.compiler.ir.Probe;
import dev.myelin.compiler.ir.Projection;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Datapath;
import dev.myelin.isa.diag.DidYouMean;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The validate pass: names are unique and every reference resolves, shapes agree, models
 * are supported by the datapath and delays fit the delay buffer. Reports every problem.
 */
public final class Validate {
    private Validate() {
    }

    /** The sizes of every spiking source (populations, then spiking inputs) by name. */
    /** Synapses one projection may expand to: its rows are indexed by int. */
    static final int MAX_SYNAPSES_PER_PROJECTION = Integer.MAX_VALUE - 8;

    /** Synapses cheap enough to expand (64 MB as ints) before the partitioner reports a misfit. */
    static final int SMALL_EXPANSION = 1 << 24;

    public static int sourceSize(Network n, String name) {
        return n.population(name).map(Population::size)
                .orElseGet(() -> n.input(name).map(InputSource::size).orElse(-1));
    }

    public static void run(Network n, Architecture arch, Diagnostics d) {
        Set<String> names = new HashSet<>();
        List<String> sources = new ArrayList<>();
        for (Population p : n.populations()) {
            checkName(p.name(), p.whereOf("name"), d);
            names.add(p.name());
            sources.add(p.name());
            checkModel(p, arch, d);
            if (arch.datapath() == Datapath.TRUENORTH) {
                checkNoRefractory(p, d);
            }
            if (p.heterogeneous()) {
                PerNeuronCheck.check(p, d);
            }
        }
        for (InputSource s : n.inputs()) {
            checkName(s.name(), s.whereOf("name"), d);
            if (!names.add(s.name())) {
                d.error(s.whereOf("name"), "name '" + s.name() + "' is already used by a population or input");
            }
            if (!(s instanceof InputSource.Current)) {
                sources.add(s.name());
            }
            if (s instanceof InputSource.Current c && n.population(c.target()).isEmpty()) {
                d.error(s.whereOf("target"), "unknown population '" + c.target() + "'"
                        + DidYouMean.suggest(c.target(), popNames(n)));
            }
        }
        for (var e : n.hints().inputDelivery().entrySet()) {
            InputSource in = n.input(e.getKey()).orElse(null);
            if (in == null || in instanceof InputSource.Current) {
                List<String> spiking = n.inputs().stream().filter(s -> !(s instanceof InputSource.Current))
                        .map(InputSource::name).toList();
                d.error(n.hints().inputWhere().getOrDefault(e.getKey(), n.archWhere()), "mapping 'inputs' names '"
                        + e.getKey() + "', which is not a spiking input" + DidYouMean.suggest(e.getKey(), spiking));
            }
        }
        for (Projection p : n.projections()) {
            checkProjection(n, p, arch, sources, d);
        }
        checkPlasticity(n, arch, d);
        for (Probe p : n.probes()) {
            Population pop = n.population(p.population()).orElse(null);
            if (pop == null) {
                d.error(p.whereOf("population"), "unknown population '" + p.population() + "'"
                        + DidYouMean.suggest(p.population(), popNames(n)));
            } else if (p.indices() != null) {
                for (int k = 0; k < p.indices().length; k++) {
                    int i = p.indices()[k];
                    if (i >= pop.size()) {
                        d.error(p.whereOf("indices." + k, "indices"), "probe index " + i + " is outside population '"
                                + pop.name() + "' (size " + pop.size() + ")");
                        break;
                    }
                }
            }
        }
        checkHints(n, arch, d);
        if (!d.hasErrors()) {
            Capacity.check(n, arch, d);
        }
    }

    /** Names become port and symbol names in the image: 1-255 printable ASCII characters, no spaces. */
    private static void checkName(String name, String where, Diagnostics d) {
        if (name.isEmpty() || name.length() > 255 || !name.chars().allMatch(c -> c > ' ' && c < 127)) {
            d.error(where, "name '" + name + "' must be 1-255 printable ASCII characters without spaces");
        }
    }

    private static List<String> popNames(Network n) {
        return n.populations().stream().map(Population::name).toList();
    }

    private static void checkModel(Population p, Architecture arch, Diagnostics d) {
        boolean tn = arch.datapath() == Datapath.TRUENORTH;
        NeuronModel m = p.model();
        boolean ok = tn ? m instanceof NeuronModel.Lif || m instanceof NeuronModel.If
                || m instanceof NeuronModel.TrueNorth
                : !(m instanceof NeuronModel.TrueNorth);
        if (!ok) {
            d.error(p.whereOf("model"),
                    "model " + m.id() + " of population '" + p.name() + "' is not supported by architecture "
                    + arch.name() + " (datapath " + arch.datapath().id() + "); use "
                    + (tn ? "lif, if or truenorth" : "lif, cuba_lif, if or loihi_lif"));
        }
        if (!p.receptors().isEmpty() && (tn || !(m instanceof NeuronModel.CubaLif))) {
            d.error(p.whereOf("receptors"), "population '" + p.name() + "': receptors (one synaptic current each)"
                    + " need model cuba_lif on a loihi datapath, whose multi-compartment neurons hold them"
                    + " (this is model " + m.id() + " on datapath " + arch.datapath().id() + ")");
        }
    }

    /**
     * Plastic projections: a Loihi architecture, raw weights (loihi_lif), one learning configuration
     * per post population (its cores learn by one rule set), a reward projection into the same
     * population from a single line.
     */
    private static void checkPlasticity(Network n, Architecture arch, Diagnostics d) {
        java.util.Map<String, Projection> first = new java.util.HashMap<>();
        for (Projection p : n.projections()) {
            dev.myelin.compiler.ir.Plasticity pl = p.plasticity();
            if (pl == null) {
                continue;
            }
            if (arch.datapath() != dev.myelin.isa.arch.Datapath.LOIHI_CUBA) {
                d.error(pl.where(), "plasticity needs a Loihi architecture (datapath loihi-cuba); " + arch.name()
                        + " has datapath " + arch.datapath().id());
                continue;
            }
            Population post = n.population(p.post()).orElse(null);
            if (post == null) {
                continue;
            }
            if (!(post.model() instanceof dev.myelin.compiler.ir.NeuronModel.LoihiLif)) {
                d.error(pl.where(), "plasticity works on raw weights: the post population '" + post.name()
                        + "' must use model loihi_lif (it uses " + post.model().id() + ")");
                continue;
            }
            Projection f = first.putIfAbsent(p.post(), p);
            if (f != null && !f.plasticity().sameEngine(pl)) {
                d.error(pl.where(), "the plastic projections into '" + p.post() + "' must share one learning"
                        + " configuration (a population's cores learn by one rule set); '" + p.name()
                        + "' differs from '" + f.name() + "' (" + f.plasticity().where() + ")");
            }
            if (pl.reward() != null) {
                Projection r = n.projections().stream().filter(q -> q.name().equals(pl.reward())).findFirst()
                        .orElse(null);
                if (r == null) {
                    d.error(pl.where(), "reward: unknown projection '" + pl.reward() + "'" + DidYouMean.suggest(
                            pl.reward(), n.projections().stream().map(Projection::name).toList()));
                } else if (!r.post().equals(p.post())) {
                    d.error(pl.where(), "reward: projection '" + r.name() + "' goes to '" + r.post()
                            + "', not to '" + p.post() + "'");
                } else if (sourceSize(n, r.pre()) != 1) {
                    d.error(pl.where(), "reward: projection '" + r.name() + "' comes from '" + r.pre()
                            + "' of size " + sourceSize(n, r.pre()) + "; the reward channel is one line");
                } else if (r.plasticity() != null) {
                    d.error(pl.where(), "reward: projection '" + r.name() + "' is itself plastic");
                }
            }
        }
    }

    /**
     * TrueNorth neurons have no refractory state: a refractory period cannot be honoured, and
     * dropping it silently would change the firing, so it is an error naming the ways out.
     */
    private static void checkNoRefractory(Population p, Diagnostics d) {
        if (!p.model().paramNames().contains("refractory")) {
            return;
        }
        double most = p.model().param("refractory");
        var per = p.perNeuron().get("refractory");
        if (per != null && PerNeuronCheck.problem(per, p.size()) == null) {
            for (double r : p.perNeuron().get("refractory").values(p.size())) {
                most = Math.max(most, r);
            }
        }
        if (most > 0) {
            d.error(p.whereOf("params.refractory", "params"), "population '" + p.name() + "': refractory period "
                    + most + " ms cannot be kept on TrueNorth: its neurons have no refractory state. Remove "
                    + "'refractory' to accept that a neuron may fire again in the next tick; compile for loihi, "
                    + "whose neurons count refractory ticks; or approximate it with a one_to_one inhibitory "
                    + "projection from the population onto itself (delay 1), which pushes a neuron below its reset "
                    + "after each spike");
        }
    }

    private static void checkProjection(Network n, Projection p, Architecture arch, List<String> sources,
                                        Diagnostics d) {
        int pre = sourceSize(n, p.pre());
        if (pre < 0 || !sources.contains(p.pre())) {
            d.error(p.whereOf("pre"), "unknown pre '" + p.pre() + "': not a population or spiking input"
                    + DidYouMean.suggest(p.pre(), sources));
            return;
        }
        Population post = n.population(p.post()).orElse(null);
        if (post == null) {
            d.error(p.whereOf("post"),
                    "unknown post population '" + p.post() + "'" + DidYouMean.suggest(p.post(), popNames(n)));
            return;
        }
        // an input neuron on the chip draws its Poisson spike in the tick it fires, so any delay works
        if (n.input(p.pre()).orElse(null) instanceof InputSource.Poisson && !n.onChip(p.pre()) && (p.delayTicks() != 1
                || p.connector() instanceof Connector.FromList l && l.delay().length > 0)) {
            d.error(p.whereOf("delay", "connect.file", "pre"),
                    "projection '" + p.name() + "' from Poisson input '" + p.pre() + "' must have delay 1"
                    + " (Poisson spikes are drawn in the tick they arrive), or an input on the chip"
                    + " (mapping: {inputs: on_chip})");
        }
        if (p.delayTicks() > arch.maxDelay()) {
            d.error(p.whereOf("delay"), "delay " + p.delayTicks() + " ticks exceeds the architecture's maximum "
                    + arch.maxDelay() + " (core.delaySlots = " + arch.delaySlots() + ")");
        }
        String what = "projection '" + p.name() + "'";
        if (p.receptor() != null ? post.receptorIndex(p.receptor()) < 0 : !post.receptors().isEmpty()) {
            d.error(p.whereOf("receptor", "post"), what + ": " + (p.receptor() == null ? "say which receptor of '"
                    + p.post() + "' it adds into" : "'" + p.post() + "' has no receptor '" + p.receptor() + "'")
                    + " (receptors: " + (post.receptors().isEmpty() ? "none" : String.join(", ",
                    post.receptors().stream().map(r -> r.name()).toList())) + ")"
                    + (p.receptor() == null ? "" : DidYouMean.suggest(p.receptor(),
                    post.receptors().stream().map(r -> r.name()).toList())));
        }
        Connector c = p.connector();
        if (c instanceof Connector.OneToOne && pre != post.size()) {
            d.error(p.whereOf("connect"),
                    what + ": one_to_one needs equal sizes, pre has " + pre + ", post has " + post.size());
        } else if (c instanceof Connector.Matrix m && (m.rows() != pre || m.cols() != post.size())) {
            d.error(p.whereOf("connect.file", "connect"),
                    what + ": matrix is " + m.rows() + " x " + m.cols() + ", expected pre x post = "
                    + pre + " x " + post.size());
        } else if (c instanceof Connector.FromList l) {
            checkList(p, l, pre, post.size(), arch, d);
        } else if (c instanceof Connector.Conv2d cv) {
            checkConv(n, p, cv, post, d);
        } else if (c instanceof Connector.Pool2d pl) {
            checkPool(n, p, pl, post, d);
        } else if (c instanceof Connector.Flatten && pre != post.size()) {
            d.error(p.whereOf("connect"),
                    what + ": flatten needs equal sizes, pre has " + pre + ", post has " + post.size());
        }
        checkSynapseCount(p, pre, post.size(), arch, d);
    }

    /**
     * Refuses, before expansion, a generated projection with more synapses than its post neurons
     * can receive: a neuron receives on its core's axons, at most min(core.axons, core.maxFanIn).
     * Expanding all_to_all between two 100000-neuron populations would otherwise exhaust memory.
     * Random connectors are judged by their expected count with a factor 2 of slack, so a
     * feasible draw near the limit is never refused here (the partitioner judges it exactly).
     * Small projections are left to the partitioner, whose message names the core and the excess.
     */
    private static void checkSynapseCount(Projection p, int pre, int post, Architecture arch, Diagnostics d) {
        double count;
        double slack;
        String kind;
        if (p.connector() instanceof Connector.AllToAll) {
            count = (double) pre * post;
            slack = 1;
            kind = "all_to_all";
        } else if (p.connector() instanceof Connector.FixedProbability f) {
            count = (double) pre * (f.block() > 0 ? Math.min(f.block(), post) : post) * Math.min(1, f.p());
            slack = f.p() >= 1 ? 1 : 2;
            kind = "fixed_probability (expected)";
        } else {
            return;
        }
        int perNeuron = Math.min(arch.axons(), arch.maxFanIn());
        double limit = Math.min((double) post * perNeuron * slack, MAX_SYNAPSES_PER_PROJECTION);
        if (count > limit && count > SMALL_EXPANSION) {
            d.error(p.whereOf("connect"),
                    "projection '" + p.name() + "': " + kind + " makes " + String.format("%.0f", count)
                    + " synapses; its " + post + " post neurons can receive at most " + perNeuron
                    + " each (min(core.axons, core.maxFanIn))" + (limit == MAX_SYNAPSES_PER_PROJECTION
                    ? " and one projection at most " + MAX_SYNAPSES_PER_PROJECTION : ""));
        }
    }

    private static void checkList(Projection p, Connector.FromList l, int pre, int post, Architecture arch,
                                  Diagnostics d) {
        for (int k = 0; k < l.pre().length; k++) {
            // at the list's own line and field when it was read from a file
            String row = "projection '" + p.name() + "': list row " + (k + 1) + ": ";
            if (l.pre()[k] >= pre) {
                d.error(l.where(k, 0, p.where()), row + "pre " + l.pre()[k] + " is outside '" + p.pre() + "' (size "
                        + pre + ")");
                return;
            }
            if (l.post()[k] >= post) {
                d.error(l.where(k, 1, p.where()), row + "post " + l.post()[k] + " is outside '" + p.post() + "' (size "
                        + post + ")");
                return;
            }
            if (l.delay().length > 0 && l.delay()[k] > arch.maxDelay()) {
                d.error(l.where(k, 3, p.where()), row + "delay " + l.delay()[k]
                        + " ticks exceeds the architecture's maximum " + arch.maxDelay());
                return;
            }
        }
    }

    /** A population's or input's shape as [channels, h, w]: [h, w] is one channel, a 1-D source one row. */
    static int[] shape3d(Network n, String name) {
        int[] s = n.population(name).map(Population::shape)
                .orElseGet(() -> n.input(name).map(InputSource::shape).orElse(new int[] {sourceSize(n, name)}));
        return s.length == 3 ? s : s.length == 2 ? new int[] {1, s[0], s[1]} : new int[] {1, 1, s[0]};
    }

    private static String shape(int[] s) {
        return s[0] + " x " + s[1] + " x " + s[2];
    }

    /**
     * Whether post neurons numbered [c, oh, ow] fit the post population: its shape as
     * [c, oh, ow] (or [oh, ow] for one channel), or a 1-D population of that many neurons.
     */
    private static boolean fits(Population post, int c, int oh, int ow) {
        int[] s = post.shape();
        if (s.length == 1) {
            return (long) c * oh * ow == post.size();
        }
        int[] o = s.length == 3 ? s : new int[] {1, s[0], s[1]};
        return o[0] == c && o[1] == oh && o[2] == ow;
    }

    private static void checkConv(Network n, Projection p, Connector.Conv2d c, Population post, Diagnostics d) {
        int[] in = shape3d(n, p.pre());
        int oh = c.outH(in[1]);
        int ow = c.outW(in[2]);
        String what = "projection '" + p.name() + "': conv2d";
        if (c.kernel().length != (long) c.outChannels() * c.inChannels() * c.kh() * c.kw()) {
            throw new IllegalStateException("the reader builds kernels of out x in x kh x kw values");
        }
        if (c.inChannels() != in[0]) {
            d.error(p.whereOf("connect.kernel", "connect"), what + " kernel takes " + c.inChannels()
                    + " input channel(s), but pre '" + p.pre() + "' has shape " + shape(in) + " (channels first)");
        } else if (oh < 1 || ow < 1 || !fits(post, c.outChannels(), oh, ow)) {
            d.error(p.whereOf("connect"), what + " of a " + shape(in) + " input with " + c.outChannels()
                    + " output channel(s) of " + c.kh() + " x " + c.kw() + " kernels, stride " + c.strideY() + " x "
                    + c.strideX() + ", padding " + c.padY() + " x " + c.padX() + " gives " + c.outChannels() + " x "
                    + oh + " x " + ow + ", but post '" + post.name() + "' has shape "
                    + java.util.Arrays.toString(post.shape()));
        }
        if (c.bias() != null && c.bias().length != c.outChannels()) {
            d.error(p.whereOf("connect.bias", "connect"), what + " has " + c.bias().length + " bias values for "
                    + c.outChannels() + " output channel(s)");
        }
    }

    private static void checkPool(Network n, Projection p, Connector.Pool2d c, Population post, Diagnostics d) {
        int[] in = shape3d(n, p.pre());
        int oh = c.outH(in[1]);
        int ow = c.outW(in[2]);
        if (oh < 1 || ow < 1 || !fits(post, in[0], oh, ow)) {
            d.error(p.whereOf("connect"), "projection '" + p.name() + "': " + (c.average() ? "avg" : "sum")
                    + "_pool2d of a " + shape(in) + " input with " + c.kh() + " x " + c.kw() + " windows, stride "
                    + c.strideY() + " x " + c.strideX() + ", padding " + c.padY() + " x " + c.padX() + " gives "
                    + in[0] + " x " + oh + " x " + ow + ", but post '" + post.name() + "' has shape "
                    + java.util.Arrays.toString(post.shape()));
        }
    }

    private static void checkHints(Network n, Architecture arch, Diagnostics d) {
        MappingHints h = n.hints();
        for (String pop : h.neuronsPerCore().keySet()) {
            if (n.population(pop).isEmpty()) {
                d.error(h.whereOfPerCore(pop, n.archWhere()), "mapping.neurons_per_core names unknown population '"
                        + pop + "'" + DidYouMean.suggest(pop, popNames(n)));
            }
        }
        for (String pop : h.encoding().keySet()) {
            if (n.population(pop).isEmpty()) {
                d.error(n.archWhere(), "mapping.synapse_encoding names unknown population '" + pop + "'"
                        + DidYouMean.suggest(pop, popNames(n)));
            }
        }
        for (MappingHints.Pin pin : h.pins()) {
            Population p = n.population(pin.population()).orElse(null);
            InputSource in = p != null ? null : n.input(pin.population())
                    .filter(s -> !(s instanceof InputSource.Current)).orElse(null);
            if (p == null && in == null) {
                d.error(pin.whereOf("population"), "unknown population '" + pin.population() + "'"
                        + DidYouMean.suggest(pin.population(), popNames(n)));
                continue;
            }
            if (in != null) {
                // an input on the chip: its input cores go on the listed cores, in order
                if (!n.onChip(in.name())) {
                    d.error(pin.whereOf("population"), "pin names input '" + in.name() + "', which is injected into"
                            + " axons and has no cores; deliver it on the chip (mapping: {inputs: {" + in.name()
                            + ": on_chip}}) or drop the pin");
                }
                if (pin.from() != 0 || pin.to() >= 0) {
                    d.error(pin.whereOf("slice"), "a pin of input '" + in.name() + "' takes no slice: its input"
                            + " cores go on the listed cores in order");
                }
            } else {
                int to = pin.to() < 0 ? p.size() : pin.to();
                if (pin.from() >= to || to > p.size()) {
                    d.error(pin.whereOf("slice"), "pin slice [" + pin.from() + ", " + to
                            + ") is not inside population '" + p.name() + "' (size " + p.size() + ")");
                }
            }
            for (int i = 0; i < pin.cores().size(); i++) {
                int[] c = pin.cores().get(i);
                if (!arch.hasCore(c[0], c[1], c[2])) {
                    d.error(pin.whereOf("cores." + i, "cores"),
                            "pinned core (" + c[0] + "," + c[1] + "," + c[2] + ") is not on architecture "
                            + arch.name() + " (" + arch.meshWidth() + " x " + arch.meshHeight() + " routers, "
                            + arch.coresPerRouter() + " cores each)");
                }
            }
        }
    }
}
