package dev.myelin.compiler.ir;

import java.util.List;
import java.util.Map;

/**
 * The user's mapping hints.
 *
 * @param neuronsPerCore   per population cap on neurons per core (absent: the architecture's limit)
 * @param defaultPerCore   cap for populations not listed, 0 for none
 * @param pins             populations or slices pinned to cores
 * @param perCoreWhere     where each population's {@code neurons_per_core} entry was written (its name)
 * @param inputs           how spiking inputs not listed in {@code inputDelivery} reach the chip
 * @param inputDelivery    per spiking input, how it reaches the chip
 * @param inputWhere       where each {@code inputDelivery} entry was written (its name)
 * @param encoding         per population: the synapse encoding of its Loihi cores (absent: {@code defaultEncoding})
 * @param defaultEncoding  the encoding of populations not listed
 */
public record MappingHints(Map<String, Integer> neuronsPerCore, int defaultPerCore, List<Pin> pins,
                           Map<String, String> perCoreWhere, InputDelivery inputs,
                           Map<String, InputDelivery> inputDelivery, Map<String, String> inputWhere,
                           Map<String, SynapseEncoding> encoding, SynapseEncoding defaultEncoding) {
    public MappingHints {
        neuronsPerCore = Map.copyOf(neuronsPerCore);
        pins = List.copyOf(pins);
        perCoreWhere = Map.copyOf(perCoreWhere);
        java.util.Objects.requireNonNull(inputs, "inputs");
        // insertion order kept: errors about the entries are reported in the order they were written
        inputDelivery = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputDelivery));
        inputWhere = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputWhere));
        encoding = Map.copyOf(encoding);
    }

    public MappingHints(Map<String, Integer> neuronsPerCore, int defaultPerCore, List<Pin> pins,
                        Map<String, String> perCoreWhere) {
        this(neuronsPerCore, defaultPerCore, pins, perCoreWhere, InputDelivery.AXONS, Map.of(), Map.of(), Map.of(),
                SynapseEncoding.AUTO);
    }

    /** The synapse encoding asked for the cores of {@code population}. */
    public SynapseEncoding encodingOf(String population) {
        return encoding.getOrDefault(population, defaultEncoding);
    }

    public MappingHints(Map<String, Integer> neuronsPerCore, int defaultPerCore, List<Pin> pins) {
        this(neuronsPerCore, defaultPerCore, pins, Map.of());
    }

    /** How spiking input {@code name} reaches the chip. */
    public InputDelivery delivery(String name) {
        return inputDelivery.getOrDefault(name, inputs);
    }

    /** The same hints with every spiking input delivered by {@code all} (the command line's {@code --input-delivery}). */
    public MappingHints withInputs(InputDelivery all) {
        return new MappingHints(neuronsPerCore, defaultPerCore, pins, perCoreWhere, all, Map.of(), Map.of(), encoding,
                defaultEncoding);
    }

    public static MappingHints none() {
        return new MappingHints(Map.of(), 0, List.of());
    }

    /** Where the {@code neurons_per_core} entry of {@code population} was written, else {@code fallback}. */
    public String whereOfPerCore(String population, String fallback) {
        return perCoreWhere.getOrDefault(population, fallback);
    }

    /**
     * Neurons {@code from .. to-1} of {@code population} go to {@code cores} (x, y, slot triples),
     * one core per slice, in order; {@code keyWhere} says where its keys and cores were written.
     */
    public record Pin(String population, int from, int to, List<int[]> cores, String where,
                      Map<String, String> keyWhere) {
        public Pin {
            cores = List.copyOf(cores);
            keyWhere = Map.copyOf(keyWhere);
        }

        public Pin(String population, int from, int to, List<int[]> cores, String where) {
            this(population, from, to, cores, where, Map.of());
        }

        /** Where the first written of {@code keys} is (`cores.2`, ...; {@link KeyWhere}), else {@link #where()}. */
        public String whereOf(String... keys) {
            return KeyWhere.first(keyWhere, where, keys);
        }
    }
}
