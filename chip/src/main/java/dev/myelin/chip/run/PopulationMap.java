package dev.myelin.chip.run;

import dev.myelin.chip.sim.ChipLayout;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Symbol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Names neurons the way users do: (core index, neuron) to (population, index) from the
 * image's symbols, as flat arrays resolved once. Neurons outside every population (relays,
 * splitters) report as {@code core(x,y,s)} with the neuron number (a label with commas: CSV
 * outputs quote it).
 */
final class PopulationMap {
    private final List<String> names = new ArrayList<>();
    private final int[][] pop;
    private final int[][] idx;
    /** {@code core(x,y,s)} per core, built once: a spike of an unnamed neuron must not build a string. */
    private final String[] coreLabels;
    /** Per core: the population id all its neurons share (-1: all outside every population), or {@link #MIXED}. */
    private final int[] corePopulation;
    /** {@link #corePopulation} of a core whose neurons belong to more than one population. */
    static final int MIXED = -2;

    PopulationMap(NetworkImage image, ChipLayout layout) {
        coreLabels = new String[layout.cores()];
        pop = new int[layout.cores()][];
        idx = new int[layout.cores()][];
        for (int c = 0; c < layout.cores(); c++) {
            pop[c] = new int[layout.neurons(c)];
            idx[c] = new int[layout.neurons(c)];
            Arrays.fill(pop[c], -1);
            coreLabels[c] = "core" + layout.core(c);
        }
        for (Symbol s : image.symbols()) {
            int id = names.size();
            names.add(s.population());
            for (Symbol.Range r : s.ranges()) {
                int c = layout.indexOf(r.core());
                if (c < 0) {
                    continue;
                }
                for (int k = 0; k < r.count() && r.neuronStart() + k < pop[c].length; k++) {
                    pop[c][r.neuronStart() + k] = id;
                    idx[c][r.neuronStart() + k] = r.popStart() + k;
                }
            }
        }
        corePopulation = new int[layout.cores()];
        for (int c = 0; c < layout.cores(); c++) {
            corePopulation[c] = shared(pop[c]);
        }
    }

    private static int shared(int[] pops) {
        for (int p : pops) {
            if (p != pops[0]) {
                return MIXED;
            }
        }
        return pops.length == 0 ? -1 : pops[0];
    }

    /**
     * The population id every neuron of the core has (-1 when none is in a population), or
     * {@link #MIXED}: a run counting spikes per population adds a core's fired count at once.
     */
    int corePopulation(int core) {
        return corePopulation[core];
    }

    /** Population names, by id. */
    List<String> names() {
        return List.copyOf(names);
    }

    /** Population id of a neuron, or -1. */
    int population(int core, int neuron) {
        return pop[core][neuron];
    }

    int index(int core, int neuron) {
        return idx[core][neuron];
    }

    /** The population name, or {@code core(x,y,s)} for neurons outside every population. */
    String label(int core, int neuron) {
        int p = pop[core][neuron];
        return p >= 0 ? names.get(p) : coreLabels[core];
    }

    /** The index within {@link #label}. */
    int labelIndex(int core, int neuron) {
        return pop[core][neuron] >= 0 ? idx[core][neuron] : neuron;
    }
}
