package dev.myelin.isa.arch;

import dev.myelin.isa.diag.DidYouMean;
import dev.myelin.isa.diag.LocatedYaml;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.TextFiles;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes architecture descriptions in YAML.
 *
 * <pre>
 * extends: truenorth        # optional: start from a preset, then override
 * name: tn-small
 * mesh:
 *   routersX: 8
 *   routersY: 8
 * core:
 *   neurons: 128
 * </pre>
 *
 * Keys are the {@link ArchParam} keys split at the dot. Without {@code extends} every
 * parameter must be given. Every error names file:line:col, the field, its value and the
 * allowed range; a rule between fields is located at the first of them the file sets, or at
 * {@code extends} when they all come from the preset.
 */
public final class ArchYaml {
    /** Largest description accepted, checked before reading. */
    public static final long MAX_BYTES = 1 << 20;

    private ArchYaml() {
    }

    /** Loads a preset by name, or a YAML file when {@code nameOrFile} names one. */
    public static Architecture resolve(String nameOrFile) {
        if (Presets.byName(nameOrFile).isPresent()) {
            return Presets.require(nameOrFile);
        }
        Path p;
        try {
            p = Path.of(nameOrFile);
        } catch (InvalidPathException e) {
            throw new MyelinInputException("unknown architecture '" + TextFiles.printable(nameOrFile)
                    + "': not a preset (" + String.join(", ", Presets.names()) + ") and not a usable file name ("
                    + e.getReason() + ")");
        }
        if (Files.exists(p)) {
            return load(p);
        }
        throw new MyelinInputException("unknown architecture '" + TextFiles.printable(nameOrFile) + "': not a preset ("
                + String.join(", ", Presets.names()) + ") and not a file");
    }

    /** Reads an architecture file: a regular file of at most {@link #MAX_BYTES} ({@link TextFiles#readUtf8}). */
    public static Architecture load(Path file) {
        return parse(file.toString(), TextFiles.readUtf8(file, MAX_BYTES, "architecture file"));
    }

    public static Architecture parse(String fileName, String text) {
        Node root = compose(fileName, text);
        if (!(root instanceof MappingNode map)) {
            throw new MyelinInputException(where(fileName, root) + ": an architecture must be a YAML mapping");
        }
        Architecture.Builder b = null;
        Node extendsNode = null;
        for (NodeTuple t : map.getValue()) {
            if ("extends".equals(scalar(fileName, t.getKeyNode()))) {
                String base = scalar(fileName, t.getValueNode());
                extendsNode = t.getValueNode();
                b = Presets.byName(base).orElseThrow(() -> new MyelinInputException(where(fileName, t.getValueNode())
                        + ": field extends = " + base + " is not a preset ("
                        + String.join(", ", Presets.names()) + ")")).toBuilder();
            }
        }
        if (b == null) {
            b = Architecture.builder();
        }
        Map<ArchParam, Node> set = new EnumMap<>(ArchParam.class);
        for (NodeTuple t : map.getValue()) {
            String key = scalar(fileName, t.getKeyNode());
            if ("extends".equals(key)) {
                continue;
            }
            if (t.getValueNode() instanceof MappingNode group) {
                for (NodeTuple g : group.getValue()) {
                    String leaf = scalar(fileName, g.getKeyNode());
                    set.put(apply(fileName, b, key + "." + leaf, g.getKeyNode(), g.getValueNode()), g.getValueNode());
                }
            } else {
                set.put(apply(fileName, b, key, t.getKeyNode(), t.getValueNode()), t.getValueNode());
            }
        }
        for (ArchParam p : ArchParam.all()) {
            if (b.get(p) == null) {
                throw new MyelinInputException(where(fileName, root) + ": field " + p.key()
                        + " is missing (" + p.help() + "; or start from a preset with 'extends:')");
            }
        }
        try {
            return b.build(fileName);
        } catch (Architecture.RuleBroken e) {
            // a rule between fields: at the first of its fields this file sets, else at the preset they came from
            Node at = e.fields().stream().map(set::get).filter(Objects::nonNull).findFirst()
                    .orElse(extendsNode != null ? extendsNode : root);
            throw new MyelinInputException(where(fileName, at) + ": " + e.rule());
        }
    }

    /** Sets one field from its node; the parameter set. */
    private static ArchParam apply(String file, Architecture.Builder b, String key, Node keyNode, Node valueNode) {
        ArchParam p = ArchParam.byKey(key).orElseThrow(() -> new MyelinInputException(where(file, keyNode)
                + ": unknown field " + key + DidYouMean.suggest(key,
                ArchParam.all().stream().map(ArchParam::key).toList())));
        String raw = scalar(file, valueNode);
        Object v;
        try {
            v = switch (p.kind()) {
                case INT -> Long.parseLong(raw.replace("_", ""));
                case REAL -> Double.parseDouble(raw.replace("_", ""));
                case TEXT, CHOICE -> raw;
            };
        } catch (NumberFormatException e) {
            throw new MyelinInputException(where(file, valueNode) + ": field " + key + " = " + raw
                    + " is not " + (p.kind() == ArchParam.Kind.INT ? "an integer" : "a number")
                    + " (allowed " + p.rangeText() + (p.unit().isEmpty() ? "" : " " + p.unit()) + ")");
        }
        String problem = Architecture.Builder.checkValue(p, v);
        if (problem != null) {
            throw new MyelinInputException(where(file, valueNode) + ": field " + key + " = " + raw + " " + problem
                    + (p.unit().isEmpty() ? "" : " " + p.unit()));
        }
        b.setRaw(p, v);
        return p;
    }

    private static Node compose(String fileName, String text) {
        return LocatedYaml.compose(fileName, text, "architecture description", MAX_BYTES, 10);
    }

    private static String scalar(String file, Node n) {
        return LocatedYaml.scalar(file, n);
    }

    static String where(String file, Node n) {
        return LocatedYaml.where(file, n);
    }

    /**
     * The architecture as YAML that {@link #parse} reads back to an equal architecture,
     * commented with unit and help on every line.
     */
    public static String toYaml(Architecture a) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Myelin architecture '").append(a.name()).append("', fully resolved\n");
        sb.append(String.format(Locale.ROOT, "# %d x %d routers x %d chips x %d cores per router = %d cores, %d neurons%n",
                a.routersX(), a.routersY(), a.chipsX() * a.chipsY(), a.coresPerRouter(), a.totalCores(),
                a.totalNeurons()));
        String group = "";
        List<ArchParam> params = new ArrayList<>(ArchParam.all());
        for (ArchParam p : params) {
            String indent = "";
            if (!p.group().isEmpty()) {
                if (!p.group().equals(group)) {
                    group = p.group();
                    sb.append(group).append(":\n");
                }
                indent = "  ";
            }
            String line = indent + p.leaf() + ": " + a.format(p);
            String unit = p.unit().isEmpty() ? "" : "[" + p.unit() + "] ";
            sb.append(String.format(Locale.ROOT, "%-36s # %s%s%n", line, unit, p.help()));
        }
        return sb.toString();
    }
}
