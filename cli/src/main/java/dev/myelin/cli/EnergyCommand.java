package dev.myelin.cli;

import dev.myelin.chip.run.RunStats;
import dev.myelin.chip.energy.EnergyProfile;
import dev.myelin.chip.energy.Pricing;
import dev.myelin.chip.energy.Profiles;
import dev.myelin.chip.energy.Units;
import dev.myelin.chip.trace.EnergyReport;
import dev.myelin.chip.trace.Stats;
import dev.myelin.chip.trace.StatsFiles;
import dev.myelin.cli.MyelinCommand;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.OutputPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code myelin energy STATS.json --profile NAME|FILE}: re-price a finished run without re-running it. */
@Command(name = "energy", mixinStandardHelpOptions = true,
        description = {"Re-price a finished run's counters with another energy profile, without re-running it.",
                "Reads the .json twin written by 'myelin run --stats'. Without --profile, lists the shipped profiles."})
public final class EnergyCommand implements Callable<Integer>, MyelinCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "STATS.json", description = "the JSON twin of a run's stats")
    Path statsJson;

    @Option(names = "--profile", paramLabel = "NAME|FILE",
            description = "loihi-davies2018, loihi-calibrated, truenorth, or a YAML profile file")
    String profile;

    @Option(names = "--stats", paramLabel = "FILE", description = "also write the re-priced stats (txt, .json, .config.ini)")
    Path out;

    @Option(names = "--show", description = "print the profile's values, units and sources as YAML")
    boolean show;

    @Spec
    CommandSpec spec;

    @Override
    public int order() {
        return 45;
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (out != null && (statsJson == null || show)) {
            throw new MyelinInputException("--stats " + out + " writes re-priced stats: it needs STATS.json and no --show");
        }
        if (statsJson == null || show) {
            if (profile != null) {
                o.print(dev.myelin.chip.energy.ProfileYaml.toYaml(Profiles.resolve(profile)));
            } else {
                o.println("Shipped energy profiles:");
                for (String n : Profiles.names()) {
                    o.printf(Locale.ROOT, "  %-18s %s%n", n, Profiles.resolve(n).label());
                }
            }
            o.flush();
            return 0;
        }
        if (out != null) {
            OutputPlan plan = new OutputPlan().input("the stats JSON " + statsJson, statsJson)
                    .inputIfFile("--profile " + profile, profile);
            for (Path f : StatsFiles.outputs(out)) {
                plan.output(f.equals(out) ? "--stats " + f : "--stats " + out + "'s twin " + f, f);
            }
            plan.check();
        }
        StatsFiles.Loaded l = StatsFiles.read(statsJson);
        if (!l.missingActivities().isEmpty()) {
            spec.commandLine().getErr().println("myelin energy: warning: " + statsJson + " was written by an earlier "
                    + "version, which did not count " + String.join(", ", l.missingActivities())
                    + ": they are priced as 0");
        }
        EnergyProfile p = Profiles.resolve(profile != null ? profile : l.arch().energyProfile());
        String family = Profiles.familyWarning(p, l.arch());
        if (family != null) {
            spec.commandLine().getErr().println("myelin energy: warning: " + family);
        }
        EnergyReport r = EnergyReport.price(l.counts(), Pricing.forBoard(p, l.counts().cores(), l.arch()));
        print(r, l, o);
        if (out != null) {
            StatsFiles.write(out, repriced(l, r), l.counts(), config(l, p));
            o.println("Written: " + String.join(", ", StatsFiles.outputs(out).stream().map(Path::toString).toList()));
        }
        o.flush();
        return 0;
    }

    private static void print(EnergyReport r, StatsFiles.Loaded l, PrintWriter o) {
        Object was = l.stats().get("energy.profile");
        o.println("Re-priced " + l.counts().ticks() + " ticks (recorded with profile " + was + ")");
        Summary.energy(r, l.counts().samples(), o);
        if (Double.isNaN(r.profileLatencyNs())) {
            o.println("  profile latency: not re-priced (the run was too long to keep per-tick core counts)");
        } else {
            o.println("  profile latency (SANA-FE simple): " + Units.time(r.profileLatencyNs()));
        }
    }

    /** The original statistics with the energy section replaced. */
    private static Stats repriced(StatsFiles.Loaded l, EnergyReport r) {
        Stats s = new Stats();
        Map<String, Object> descriptions = l.descriptions();
        for (var e : l.stats().entrySet()) {
            String k = e.getKey();
            if (k.startsWith("energy.") || k.startsWith("latency.profile")) {
                continue;
            }
            String d = String.valueOf(descriptions.getOrDefault(k, ""));
            Object v = e.getValue();
            if (v instanceof Double || v instanceof Float) {
                s.add(k, ((Number) v).doubleValue(), d);
            } else if (v instanceof Number n) {
                s.add(k, n.longValue(), d);
            } else {
                s.add(k, v == null ? Double.NaN : Double.NaN, d);
            }
        }
        r.addTo(s, l.counts().ticks());
        return s;
    }

    private static Map<String, Map<String, Object>> config(StatsFiles.Loaded l, EnergyProfile p) {
        Map<String, Map<String, Object>> cfg = new LinkedHashMap<>(l.config());
        Map<String, Object> e = RunStats.energyConfig(p);
        e.put("repricedFrom", String.valueOf(l.stats().get("energy.profile")));
        cfg.put("energy", e);
        return cfg;
    }
}
