package dev.myelin.chip.cli;

import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.Probe;
import dev.myelin.chip.trace.RowCsv;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.spi.ProbeRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The neurons whose state is recorded every tick: from {@code --probe POP} or
 * {@code --probe POP:i,j} and from the description's probe requests (v or u).
 */
final class ProbeSet {
    /** Most neurons probed in one run (each keeps its trace in memory). */
    static final int MAX_PROBES = 4096;

    private final List<Probe> probes = new ArrayList<>();
    private final List<String> populations = new ArrayList<>();
    private final List<Integer> indices = new ArrayList<>();

    ProbeSet(Chip chip, List<String> specs, List<ProbeRequest> requests) {
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            String pop = colon < 0 ? spec : spec.substring(0, colon);
            int[] idx = colon < 0 ? null : parse(spec, spec.substring(colon + 1));
            add(chip, pop, idx, "--probe " + spec);
        }
        for (ProbeRequest r : requests) {
            if (r.v() || r.u()) {
                add(chip, r.population(), r.indices(), "probe request for " + r.population());
            }
        }
    }

    private static int[] parse(String spec, String list) {
        String[] parts = list.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new MyelinInputException("--probe " + spec + ": '" + parts[i] + "' is not a neuron index "
                        + "(expected POP or POP:i,j,...)");
            }
        }
        return out;
    }

    private void add(Chip chip, String pop, int[] idx, String where) {
        Symbol s = chip.image().symbols().stream().filter(x -> x.population().equals(pop)).findFirst()
                .orElseThrow(() -> new MyelinInputException(where + ": no population named '" + pop + "' (known: "
                        + String.join(", ", chip.image().symbols().stream().map(Symbol::population).toList()) + ")"));
        int n = idx == null ? s.size() : idx.length;
        for (int k = 0; k < n; k++) {
            int i = idx == null ? k : idx[k];
            if (probes.size() >= MAX_PROBES) {
                throw new MyelinInputException(where + ": more than " + MAX_PROBES + " probed neurons");
            }
            if (!contains(pop, i)) {
                probes.add(chip.probe(pop, i));
                populations.add(pop);
                indices.add(i);
            }
        }
    }

    private boolean contains(String pop, int i) {
        for (int k = 0; k < populations.size(); k++) {
            if (populations.get(k).equals(pop) && indices.get(k) == i) {
                return true;
            }
        }
        return false;
    }

    List<Probe> probes() {
        return List.copyOf(probes);
    }

    String population(int k) {
        return populations.get(k);
    }

    int index(int k) {
        return indices.get(k);
    }

    /** Writes {@code tick,population,index,v[,u]} for every probe and tick. */
    void write(Path file, boolean withU, boolean partial, long ticks) {
        RowCsv csv = RowCsv.probes(file, withU);
        try {
            int n = probes.isEmpty() ? 0 : probes.get(0).ticks();
            for (int t = 0; t < n; t++) {
                for (int k = 0; k < probes.size(); k++) {
                    Probe p = probes.get(k);
                    if (withU) {
                        csv.state(p.firstTick() + t, populations.get(k), indices.get(k), p.v(t), p.u(t));
                    } else {
                        csv.state(p.firstTick() + t, populations.get(k), indices.get(k), p.v(t));
                    }
                }
            }
            csv.commit(partial, ticks);
        } finally {
            csv.abort();
        }
    }
}
