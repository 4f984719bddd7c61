package dev.myelin.chip.energy;

import dev.myelin.isa.diag.DidYouMean;
import dev.myelin.isa.diag.LocatedYaml;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.TextFiles;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads user energy profiles.
 *
 * <pre>
 * name: my-loihi                # required
 * extends: loihi-calibrated     # optional: start from a shipped profile
 * label: Loihi, my measurements
 * source: lab notebook 2026-03
 * synapse:
 *   denseEventPj: 30.0
 * static:
 *   coreMw: 0.5
 * sync:                         # routers in use: barrier ns (linear between points)
 *   1: 600
 *   4: 1400
 * </pre>
 *
 * Keys are the {@link EnergyParam} keys split at the dot. Without {@code extends} every
 * parameter must be given. Every error names file:line:col.
 */
public final class ProfileYaml {
    /** Largest profile accepted, checked before reading. */
    public static final long MAX_BYTES = 1 << 20;

    private ProfileYaml() {
    }

    public static EnergyProfile load(Path file) {
        return parse(file.toString(), TextFiles.readUtf8(file, MAX_BYTES, "energy profile"));
    }

    public static EnergyProfile parse(String file, String text) {
        Node root = compose(file, text);
        if (!(root instanceof MappingNode map)) {
            throw new MyelinInputException(where(file, root) + ": an energy profile must be a YAML mapping");
        }
        String name = null;
        EnergyProfile base = null;
        for (NodeTuple t : map.getValue()) {
            String key = scalar(file, t.getKeyNode());
            if (key.equals("name")) {
                name = scalar(file, t.getValueNode());
            } else if (key.equals("extends")) {
                String b = scalar(file, t.getValueNode());
                base = Profiles.byName(b).orElseThrow(() -> new MyelinInputException(where(file, t.getValueNode())
                        + ": field extends = " + b + " is not a shipped profile (" + String.join(", ", Profiles.names())
                        + ")"));
            }
        }
        if (name == null || name.isBlank()) {
            throw new MyelinInputException(where(file, root) + ": field name is missing (the profile's id)");
        }
        EnergyProfile.Builder b = new EnergyProfile.Builder(name);
        if (base != null) {
            b.from(base).label(name + " (from " + base.name() + ")").source(base.source());
        }
        for (NodeTuple t : map.getValue()) {
            String key = scalar(file, t.getKeyNode());
            switch (key) {
                case "name", "extends" -> { }
                case "label" -> b.label(scalar(file, t.getValueNode()));
                case "source" -> b.source(scalar(file, t.getValueNode()));
                case "sync" -> b.sync(sync(file, t.getValueNode()));
                default -> group(file, b, key, t);
            }
        }
        for (EnergyParam p : EnergyParam.all()) {
            if (!b.isSet(p)) {
                throw new MyelinInputException(where(file, root) + ": field " + p.key() + " is missing ("
                        + p.help() + ", " + p.unit() + "; or start from a shipped profile with 'extends:')");
            }
        }
        return b.build();
    }

    private static void group(String file, EnergyProfile.Builder b, String key, NodeTuple t) {
        if (!(t.getValueNode() instanceof MappingNode group)) {
            apply(file, b, key, t.getKeyNode(), t.getValueNode());
            return;
        }
        for (NodeTuple g : group.getValue()) {
            apply(file, b, key + "." + scalar(file, g.getKeyNode()), g.getKeyNode(), g.getValueNode());
        }
    }

    private static void apply(String file, EnergyProfile.Builder b, String key, Node keyNode, Node valueNode) {
        List<String> known = new ArrayList<>(List.of("name", "extends", "label", "source", "sync"));
        EnergyParam.all().forEach(p -> known.add(p.key()));
        EnergyParam p = EnergyParam.byKey(key).orElseThrow(() -> new MyelinInputException(where(file, keyNode)
                + ": unknown field " + key + DidYouMean.suggest(key, known)));
        b.set(p, number(file, key, valueNode, p.unit()));
    }

    private static SyncTable sync(String file, Node n) {
        if (!(n instanceof MappingNode m) || m.getValue().isEmpty()) {
            throw new MyelinInputException(where(file, n) + ": field sync must map routers in use to ns, e.g. '1: 600'");
        }
        int[] routers = new int[m.getValue().size()];
        double[] ns = new double[routers.length];
        for (int i = 0; i < routers.length; i++) {
            NodeTuple t = m.getValue().get(i);
            String r = scalar(file, t.getKeyNode());
            try {
                routers[i] = Integer.parseInt(r);
            } catch (NumberFormatException e) {
                routers[i] = -1;
            }
            if (routers[i] < 1 || (i > 0 && routers[i] <= routers[i - 1])) {
                throw new MyelinInputException(where(file, t.getKeyNode()) + ": sync key " + r
                        + " must be a router count >= 1, larger than the previous key");
            }
            ns[i] = number(file, "sync." + r, t.getValueNode(), "ns");
        }
        return new SyncTable(routers, ns);
    }

    private static double number(String file, String key, Node n, String unit) {
        String raw = scalar(file, n);
        double v;
        try {
            v = Double.parseDouble(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new MyelinInputException(where(file, n) + ": field " + key + " = " + raw + " is not a number ("
                    + unit + ")");
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new MyelinInputException(where(file, n) + ": field " + key + " = " + raw
                    + " must be a finite number >= 0 (" + unit + ")");
        }
        return v;
    }

    private static Node compose(String file, String text) {
        return LocatedYaml.compose(file, text, "energy profile", MAX_BYTES, 10);
    }

    private static String scalar(String file, Node n) {
        return LocatedYaml.scalar(file, n);
    }

    private static String where(String file, Node n) {
        return LocatedYaml.where(file, n);
    }

    /** The profile as YAML that {@link #parse} reads back to an equal profile, with units. */
    public static String toYaml(EnergyProfile p) {
        StringBuilder sb = new StringBuilder();
        sb.append("name: ").append(p.name()).append('\n');
        sb.append("label: \"").append(p.label().replace("\"", "'")).append("\"\n");
        sb.append("source: \"").append(p.source().replace("\"", "'")).append("\"\n");
        String group = "";
        for (EnergyParam e : EnergyParam.all()) {
            int dot = e.key().indexOf('.');
            String g = e.key().substring(0, dot);
            if (!g.equals(group)) {
                group = g;
                sb.append(g).append(":\n");
            }
            String line = "  " + e.key().substring(dot + 1) + ": " + p.get(e);
            String note = p.notes().get(e);
            sb.append(String.format(Locale.ROOT, "%-34s # [%s] %s%s%n", line, e.unit(), e.help(),
                    note == null ? "" : "; " + note));
        }
        sb.append("sync:                              # routers in use: barrier ns\n");
        int[] r = p.sync().routers();
        double[] ns = p.sync().ns();
        for (int i = 0; i < r.length; i++) {
            sb.append("  ").append(r[i]).append(": ").append(ns[i]).append('\n');
        }
        return sb.toString();
    }
}
