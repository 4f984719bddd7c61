package dev.myelin.compiler.ir;

import java.util.List;
import java.util.Map;

/**
 * The user's mapping hints.
 *
 * @param neuronsPerCore   per population cap on neurons per core (absent: the architecture's limit)
 * @param defaultPerCore   cap for populations not listed, 0 for none
 * @param pins             populations or slices pinned to cores
 */
public record MappingHints(Map<String, Integer> neuronsPerCore, int defaultPerCore, List<Pin> pins) {
    public MappingHints {
        neuronsPerCore = Map.copyOf(neuronsPerCore);
        pins = List.copyOf(pins);
    }

    public static MappingHints none() {
        return new MappingHints(Map.of(), 0, List.of());
    }

    /**
     * Neurons {@code from .. to-1} of {@code population} go to {@code cores} (x, y, slot triples),
     * one core per slice, in order.
     */
    public record Pin(String population, int from, int to, List<int[]> cores, String where) {
        public Pin {
            cores = List.copyOf(cores);
        }
    }
}
