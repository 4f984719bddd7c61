package dev.myelin.isa.diag;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * YAML read as a node tree that keeps every node's position, so each error can name
 * {@code file:line:col}. The one place that configures the YAML parser for every
 * description Myelin reads (architectures, energy profiles, networks): duplicate keys
 * rejected, aliases bounded (no "billion laughs"), input size bounded.
 */
public final class LocatedYaml {
    private LocatedYaml() {
    }

    /**
     * Parses the first document of {@code text}.
     *
     * @param what      what the document is, for the "empty ..." message
     * @param maxChars  code points accepted
     * @param maxAliases aliases accepted for collections
     * @throws SyntaxError {@code file:line:col: YAML syntax error: ...}, or {@code file:1:1: empty <what>}
     */
    public static Node compose(String file, String text, String what, long maxChars, int maxAliases) {
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(maxAliases).setCodePointLimit((int) maxChars).build();
            Composer c = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            if (!c.hasNext()) {
                throw new SyntaxError(file + ":1:1", "empty " + what);
            }
            return c.next();
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
            String loc = m == null ? file : file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
            throw new SyntaxError(loc, "YAML syntax error: " + firstLine(e.getProblem()));
        } catch (YamlEngineException e) {
            throw new SyntaxError(file, "YAML error: " + firstLine(e.getMessage()));
        }
    }

    /** {@code file:line:col} of a node (1-based), or just the file when the node has no mark. */
    public static String where(String file, Node n) {
        return n.getStartMark().map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse(file);
    }

    /** A scalar's text, or a located error when the node is a mapping or a sequence. */
    public static String scalar(String file, Node n) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new MyelinInputException(where(file, n) + ": expected a plain value here");
    }

    /** A document that is not YAML (or is empty): where, and what is wrong, also separately. */
    public static final class SyntaxError extends MyelinInputException {
        private static final long serialVersionUID = 1L;
        private final String where;
        private final String problem;

        SyntaxError(String where, String problem) {
            super(where + ": " + problem);
            this.where = where;
            this.problem = problem;
        }

        /** {@code file:line:col}, or the file alone. */
        public String where() {
            return where;
        }

        public String problem() {
            return problem;
        }
    }

    private static String firstLine(String s) {
        return s == null ? "malformed input" : s.lines().findFirst().orElse("");
    }
}
