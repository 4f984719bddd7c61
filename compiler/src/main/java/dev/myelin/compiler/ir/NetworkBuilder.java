package dev.myelin.compiler.ir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java builder API: produces the same {@link Network} IR as a YAML description.
 * Quantities are plain doubles in the language's base units (ms, mV, nA, MOhm, Hz).
 *
 * <pre>
 * Network n = NetworkBuilder.network("demo").arch("truenorth").dtMs(1)
 *     .poisson("noise", 64, 20, 1)
 *     .population("exc", 100, new NeuronModel.If(10, 0, 0, 0))
 *     .perNeuron("exc", "v_thresh", new ParamSpec.Uniform(8, 12, 5))
 *     .project("noise", "exc", new Connector.AllToAll(true), new WeightSpec.Constant(2), 1)
 *     .probeSpikes("exc")
 *     .build();
 * </pre>
 * Nothing is checked here: the compiler's validate pass checks builder-made and YAML-made
 * networks alike.
 */
public final class NetworkBuilder {
    private final String name;
    private String arch = "truenorth";
    private double dtMs = 1.0;
    private final List<Population> populations = new ArrayList<>();
    private final List<InputSource> inputs = new ArrayList<>();
    private final List<Projection> projections = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();
    private final Map<String, Integer> perCore = new LinkedHashMap<>();
    private int defaultPerCore;
    private final List<MappingHints.Pin> pins = new ArrayList<>();
    private InputDelivery allInputs = InputDelivery.AXONS;
    private final Map<String, InputDelivery> inputDelivery = new LinkedHashMap<>();
    private SynapseEncoding allEncoding = SynapseEncoding.AUTO;
    private final Map<String, SynapseEncoding> encoding = new LinkedHashMap<>();

    private NetworkBuilder(String name) {
        this.name = name;
    }

    public static NetworkBuilder network(String name) {
        return new NetworkBuilder(name);
    }

    public NetworkBuilder arch(String presetOrFile) {
        this.arch = presetOrFile;
        return this;
    }

    public NetworkBuilder dtMs(double dt) {
        this.dtMs = dt;
        return this;
    }

    public NetworkBuilder population(String pop, int size, NeuronModel model) {
        populations.add(new Population(pop, size, new int[] {size}, model, "population '" + pop + "'"));
        return this;
    }

    public NetworkBuilder population(String pop, int rows, int cols, NeuronModel model) {
        populations.add(new Population(pop, rows * cols, new int[] {rows, cols}, model, "population '" + pop + "'"));
        return this;
    }

    /**
     * Gives parameter {@code param} (a name of {@link NeuronModel#paramNames()}, e.g. "v_thresh")
     * of population {@code pop} one value per neuron: {@link ParamSpec.Values}, or a seeded
     * {@link ParamSpec.Uniform} or {@link ParamSpec.Normal}. The model's own value of that
     * parameter is then unused. Call after {@link #population}.
     */
    public NetworkBuilder perNeuron(String pop, String param, ParamSpec values) {
        int i = populationIndex(pop, "perNeuron");
        Population p = populations.get(i);
        Map<String, ParamSpec> per = new LinkedHashMap<>(p.perNeuron());
        per.put(param, values);
        populations.set(i, new Population(p.name(), p.size(), p.shape(), p.model(), p.where(), p.keyWhere(), per,
                p.receptors()));
        return this;
    }

    /**
     * Gives population {@code pop} (a cuba_lif on Loihi) named receptors, each a synaptic
     * current with its own tau_syn in ms, the soma's own first, as {@code receptors: {exc: 5 ms,
     * inh: 10 ms}} does (docs/language.md, "Receptors"). Projections onto it must then name one
     * ({@link #project(String, String, Connector, WeightSpec, int, boolean, String)}). Call after
     * {@link #population}.
     */
    public NetworkBuilder receptors(String pop, Receptor... receptors) {
        int i = populationIndex(pop, "receptors");
        Population p = populations.get(i);
        populations.set(i, new Population(p.name(), p.size(), p.shape(), p.model(), p.where(), p.keyWhere(),
                p.perNeuron(), List.of(receptors)));
        return this;
    }

    private int populationIndex(String pop, String what) {
        for (int i = 0; i < populations.size(); i++) {
            if (populations.get(i).name().equals(pop)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no population '" + pop + "' declared before " + what);
    }

    /** A population of the given shape (1 to 3 dimensions; [channels, rows, columns] for 3). */
    public NetworkBuilder population(String pop, int[] shape, NeuronModel model) {
        int size = 1;
        for (int x : shape) {
            size *= x;
        }
        populations.add(new Population(pop, size, shape.clone(), model, "population '" + pop + "'"));
        return this;
    }

    public NetworkBuilder poisson(String in, int size, double rateHz, long seed) {
        inputs.add(new InputSource.Poisson(in, new int[] {size}, size, rateHz, seed, "input '" + in + "'"));
        return this;
    }

    public NetworkBuilder spikes(String in, int size, int[] tick, int[] index) {
        inputs.add(new InputSource.SpikeArray(in, new int[] {size}, size, tick.clone(), index.clone(), "input '" + in + "'"));
        return this;
    }

    public NetworkBuilder current(String in, String target, double amplitude) {
        inputs.add(new InputSource.Current(in, target, amplitude, "input '" + in + "'"));
        return this;
    }

    public NetworkBuilder project(String pre, String post, Connector c, WeightSpec w, int delayTicks) {
        return project(pre, post, c, w, delayTicks, false);
    }

    public NetworkBuilder project(String pre, String post, Connector c, WeightSpec w, int delayTicks,
                                  boolean inhibitory) {
        return project(pre, post, c, w, delayTicks, inhibitory, null);
    }

    /**
     * A projection adding into receptor {@code receptor} of {@code post} (one given by
     * {@link #receptors}), or into its only current when null ({@code receptor: inh}).
     */
    public NetworkBuilder project(String pre, String post, Connector c, WeightSpec w, int delayTicks,
                                  boolean inhibitory, String receptor) {
        String n = pre + "->" + post;
        projections.add(new Projection(n, pre, post, c, w, delayTicks, inhibitory, null, null,
                "projection '" + n + "'", Map.of(), null, receptor));
        return this;
    }

    /** A projection with raw Loihi weight exponent and bit count. */
    public NetworkBuilder projectRaw(String pre, String post, Connector c, WeightSpec w, int delayTicks,
                                     int weightExp, int numWeightBits) {
        String n = pre + "->" + post;
        projections.add(new Projection(n, pre, post, c, w, delayTicks, false, weightExp, numWeightBits,
                "projection '" + n + "'"));
        return this;
    }

    public NetworkBuilder probe(String pop, boolean spikes, boolean v, boolean u, int[] indices) {
        probes.add(new Probe(pop, spikes, v, u, indices, "probe '" + pop + "'"));
        return this;
    }

    public NetworkBuilder probeSpikes(String pop) {
        return probe(pop, true, false, false, null);
    }

    public NetworkBuilder neuronsPerCore(String pop, int n) {
        perCore.put(pop, n);
        return this;
    }

    public NetworkBuilder neuronsPerCore(int n) {
        defaultPerCore = n;
        return this;
    }

    public NetworkBuilder pin(String pop, int from, int to, List<int[]> cores) {
        pins.add(new MappingHints.Pin(pop, from, to, cores, "pin '" + pop + "'"));
        return this;
    }

    /** How every spiking input not named by {@link #inputDelivery(String, InputDelivery)} reaches the chip. */
    public NetworkBuilder inputDelivery(InputDelivery all) {
        this.allInputs = all;
        return this;
    }

    /** How spiking input {@code in} reaches the chip (docs/language.md, "Inputs on the chip"). */
    public NetworkBuilder inputDelivery(String in, InputDelivery d) {
        inputDelivery.put(in, d);
        return this;
    }

    /** The synapse encoding of the Loihi cores of populations not named by {@link #synapseEncoding(String, SynapseEncoding)}. */
    public NetworkBuilder synapseEncoding(SynapseEncoding all) {
        this.allEncoding = all;
        return this;
    }

    /** The synapse encoding of the Loihi cores of population {@code pop} ({@code mapping.synapse_encoding}). */
    public NetworkBuilder synapseEncoding(String pop, SynapseEncoding e) {
        encoding.put(pop, e);
        return this;
    }

    public Network build() {
        Map<String, String> where = new LinkedHashMap<>();
        inputDelivery.keySet().forEach(k -> where.put(k, "mapping inputs '" + k + "'"));
        return new Network(name, arch, "network '" + name + "'", dtMs, populations, inputs, projections, probes,
                new MappingHints(perCore, defaultPerCore, pins, Map.of(), allInputs, inputDelivery, where, encoding,
                        allEncoding));
    }
}
