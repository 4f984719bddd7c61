package dev.myelin.cli;

import dev.myelin.chip.run.RunOptions;
import dev.myelin.chip.run.RunResult;
import dev.myelin.chip.run.RunSession;
import dev.myelin.chip.run.StopFlag;
import dev.myelin.chip.energy.Component;
import dev.myelin.chip.energy.EnergyParam;
import dev.myelin.chip.energy.Units;
import dev.myelin.chip.trace.EnergyReport;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The short human summary printed after {@code myelin run} and {@code myelin demo}. */
final class Summary {
    /** The profile parameter whose note explains a component priced at 0 (a value the source lacks or folds). */
    static final Map<Component, EnergyParam> NOTE_OF = Map.of(Component.SYNAPSE, EnergyParam.SYNAPSE_DENSE_PJ,
            Component.NEURON, EnergyParam.SOMA_ACCESS_PJ, Component.NETWORK, EnergyParam.AXON_OUT_PJ,
            Component.LEARNING, EnergyParam.LEARNING_PJ, Component.STATIC, EnergyParam.STATIC_CORE_MW);

    private Summary() {
    }

    static void print(RunResult r, PrintWriter out) {
        out.printf(Locale.ROOT, "%s: %d ticks%s in %.2f s wall clock%n", r.network(), r.ticks(),
                r.partial() ? " of " + r.ticksRequested() + " (PARTIAL: stopped by the user)" : "", r.wallSeconds());
        out.println("Spikes per population:");
        for (int p = 0; p < r.populations().size(); p++) {
            out.printf(Locale.ROOT, "  %-20s %d%n", r.populations().get(p), r.populationSpikes()[p]);
        }
        if (r.otherSpikes() > 0) {
            out.printf(Locale.ROOT, "  %-20s %d%n", "(unnamed)", r.otherSpikes());
            out.println("    unnamed: neurons in no population of the symbol table, e.g. the compiler's fan-out copies");
        }
        energy(r.energy(), r.samples(), out);
        out.printf(Locale.ROOT, "Traffic: %d messages, %d hops, busiest link %s%n", r.messages(), r.hops(),
                r.busiestLink() == null ? "none (no message left its router)"
                        : r.busiestLink() + " (" + r.busiestLinkPackets() + " packets)");
        out.println(r.meshLine());
        out.printf(Locale.ROOT, "Timing: tick latency mean %s, max %s (modelled)%n",
                Units.time(r.meanTickNs()), Units.time(r.maxTickNs()));
        out.printf(Locale.ROOT, "Clocks: model %s (%d ticks x dt %s), chip %s (%s ticks), wall %s%n",
                Units.time(r.modelNs()), r.ticks(), Units.time(r.ticks() == 0 ? 0 : r.modelNs() / r.ticks()),
                Units.time(r.chipNs()), r.pacing().id(), Units.time(r.wallSeconds() * 1e9));
        out.printf(Locale.ROOT, "Speed: real-time factor %s (model time / wall time); the chip's %s (model time / "
                + "chip time)%n", factor(r.realTimeFactor()), factor(r.chipRealTimeFactor()));
        if (r.phases() != null) {
            out.printf(Locale.ROOT, "Phases (host time per tick): %s; total %s us%n", r.phases().summary(),
                    dev.myelin.chip.sim.PhaseClock.format(r.phases().totalMicrosPerTick()));
        }
        if (!r.files().isEmpty()) {
            out.println("Written:");
            for (Path f : r.files()) {
                out.println("  " + f);
            }
        }
        out.flush();
    }

    /** The energy block: label, each component (with the profile's note when priced at 0), total, per inference. */
    static void energy(EnergyReport e, long samples, PrintWriter out) {
        out.println("Energy (modelled, profile " + e.profile().name() + ": " + e.profile().label() + "):");
        for (Component c : Component.all()) {
            EnergyParam p = NOTE_OF.get(c);
            // explain a 0 that comes from the price, not from an idle component
            String note = p != null && e.get(c) == 0 && e.profile().get(p) == 0 ? e.profile().notes().get(p) : null;
            out.printf(Locale.ROOT, "  %-10s %12s%s%n", c.key(), Units.energy(e.get(c)),
                    note == null ? "" : "   (" + note + ")");
        }
        out.printf(Locale.ROOT, "  %-10s %12s   (%s dynamic; static power %s)%n", "total", Units.energy(e.totalPj()),
                Units.energy(e.dynamicPj()), Units.power(e.staticMw()));
        out.printf(Locale.ROOT, "  per inference %s over %d sample%s%n", Units.energy(e.perInferencePj()),
                samples, samples == 1 ? "" : "s");
    }

    /** {@code 12.3x}, or n/a; above 1 the run is faster than the network's own time. */
    private static String factor(double f) {
        return Double.isFinite(f) ? Units.number(f) + "x" : "n/a";
    }
}
