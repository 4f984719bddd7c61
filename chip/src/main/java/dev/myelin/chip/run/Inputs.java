package dev.myelin.chip.run;

import dev.myelin.chip.sim.Chip;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.spi.CompiledNetwork;
import dev.myelin.isa.spi.Stimulus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run's input spikes: the description's generators plus {@code --input PORT=FILE.csv},
 * each bound to its port's (core, axon) lines once, expanded tick by tick. {@code --seed}
 * replaces the description's Poisson seeds (generator k gets seed + k).
 */
final class Inputs {
    private final Chip chip;
    private final List<Stimulus> stimuli = new ArrayList<>();
    private final List<int[]> lineCore = new ArrayList<>();
    private final List<int[]> lineAxon = new ArrayList<>();
    private int[] buf = new int[0];
    /** The cores inputs may enter (a member of a partitioned run), or null for every core. */
    private boolean[] only;

    Inputs(Chip chip, CompiledNetwork net, Map<String, Path> files, Long seed) {
        this.chip = chip;
        int k = 0;
        for (Stimulus s : net.stimuli()) {
            Stimulus use = s;
            if (seed != null && s instanceof Stimulus.Poisson p) {
                use = new Stimulus.Poisson(p.port(), p.lines(), p.rateHz(), p.dtMs(), seed + k, p.generatorLine());
            }
            bind(use, "the description's input on port '" + s.port() + "'");
            k++;
        }
        for (var e : files.entrySet()) {
            Port p = port(e.getKey(), "--input " + e.getKey() + "=" + e.getValue());
            // the file addresses the description's input lines; the port copies each onto its own lines
            Stimulus.SpikeArray given = InputCsv.read(e.getKey(), e.getValue(), p.sourceLines());
            bind(Stimulus.onPortLines(p, given.tick(), given.index()), "--input " + e.getKey());
        }
    }

    private Port port(String name, String where) {
        return chip.image().inputs().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new MyelinInputException(where + ": no input port named '" + name + "' (ports: "
                        + String.join(", ", chip.image().inputs().stream().map(Port::name).toList()) + ")"));
    }

    private void bind(Stimulus s, String where) {
        Port p = port(s.port(), where);
        if (s.lines() > p.entries().size()) {
            throw new MyelinInputException(where + ": drives " + s.lines() + " lines; port '" + p.name()
                    + "' has " + p.entries().size());
        }
        int[] core = new int[p.entries().size()];
        int[] axon = new int[core.length];
        for (int i = 0; i < core.length; i++) {
            core[i] = chip.layout().indexOf(p.entries().get(i).core());
            axon[i] = p.entries().get(i).index();
        }
        stimuli.add(s);
        lineCore.add(core);
        lineAxon.add(axon);
        buf = new int[Math.max(buf.length, s.lines())];
    }

    /** Input ports of the image that no generator or {@code --input} file drives, in port order. */
    List<String> undriven() {
        List<String> idle = new ArrayList<>();
        for (Port p : chip.image().inputs()) {
            if (stimuli.stream().noneMatch(s -> s.port().equals(p.name()))) {
                idle.add(p.name());
            }
        }
        return idle;
    }

    /** From now on, injects only into the cores marked: those a member of a partitioned run owns. */
    void restrictTo(boolean[] owned) {
        this.only = owned;
    }

    /** Injects every input active in tick {@code t}. */
    void inject(long t) {
        for (int k = 0; k < stimuli.size(); k++) {
            int n = stimuli.get(k).activeLines(t, buf);
            int[] core = lineCore.get(k);
            int[] axon = lineAxon.get(k);
            for (int i = 0; i < n; i++) {
                if (only != null && !only[core[buf[i]]]) {
                    continue;
                }
                chip.injectRaw(core[buf[i]], axon[buf[i]], t);
            }
        }
    }
}
