package dev.myelin.chip.run;

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
    /** Most neurons probed in one run (values are streamed out every tick, so memory stays bounded). */
    static final int MAX_PROBES = 4096;

    private final List<Probe> probes = new ArrayList<>();
    private final List<String> populations = new ArrayList<>();
    private final List<Integer> indices = new ArrayList<>();
    private RowCsv csv;
    private boolean withU;

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

    /**
     * Streams {@code tick,population,index,v[,u]} rows into {@code file} as the run goes (the
     * file appears, atomically, at {@link #commit}); without a file nothing is kept.
     */
    void streamTo(Path file, boolean withU) {
        this.withU = withU;
        this.csv = file == null ? null : RowCsv.probes(file, withU);
    }

    /** Writes the values each probe recorded since the last call, then lets the probes forget them. */
    void tick() {
        for (int k = 0; k < probes.size(); k++) {
            Probe p = probes.get(k);
            if (csv != null) {
                for (int t = 0; t < p.ticks(); t++) {
                    if (withU) {
                        csv.state(p.firstTick() + t, populations.get(k), indices.get(k), p.v(t), p.u(t));
                    } else {
                        csv.state(p.firstTick() + t, populations.get(k), indices.get(k), p.v(t));
                    }
                }
            }
            p.clear();
        }
    }

    /** Publishes the streamed file, marked partial when the run stopped early. */
    void commit(boolean partial, long ticks) {
        if (csv != null) {
            csv.commit(partial, ticks);
        }
    }

    /** Drops the temporary file of an abandoned run. */
    void abort() {
        if (csv != null) {
            csv.abort();
        }
    }
}
