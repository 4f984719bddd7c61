package dev.myelin.isa.diag;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * YAML read as a node tree that keeps every node's position, so each error can name
 * {@code file:line:col}. The one place that configures the YAML parser for every
 * description Myelin reads (architectures, energy profiles, networks): duplicate keys
 * rejected, aliases bounded (no "billion laughs"), nesting bounded ({@link #MAX_DEPTH}, so a
 * document of 10000 '[' cannot overflow the stack of the composer or of a reader walking the
 * tree), input size bounded.
 */
public final class LocatedYaml {
    /** Deepest nesting of mappings and sequences accepted; descriptions need fewer than 10 levels. */
    public static final int MAX_DEPTH = 64;

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
        StreamReader reader = null;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(maxAliases).setCodePointLimit((int) maxChars).build();
            reader = new StreamReader(settings, text);
            Composer c = new Composer(settings, new DepthBound(file, new ParserImpl(settings, reader)));
            if (!c.hasNext()) {
                throw new SyntaxError(file + ":1:1", "empty " + what);
            }
            Node root = c.next();
            rejectDuplicateKeys(file, root);
            return root;
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
            String loc = m == null ? file : file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
            throw new SyntaxError(loc, "YAML syntax error: " + firstLine(e.getProblem()));
        } catch (YamlEngineException e) {
            // unmarked (too many aliases, a non-printable character): where the reader had got to
            String loc = reader == null ? file : file + ":" + (reader.getLine() + 1) + ":" + (reader.getColumn() + 1);
            throw new SyntaxError(loc, "YAML error: " + firstLine(e.getMessage()));
        }
    }

    /**
     * Fails at the second occurrence of a key in any mapping of the tree: the composer keeps both
     * entries, and a reader taking the last one would silently ignore the first. Iterative, so a
     * tree of many nodes costs one pass and no stack; aliased collections are visited once.
     */
    private static void rejectDuplicateKeys(String file, Node root) {
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>();
        java.util.Set<Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) {
                continue;
            }
            if (n instanceof MappingNode m) {
                java.util.Map<String, Node> keys = new java.util.HashMap<>();
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k) {
                        Node first = keys.putIfAbsent(k.getValue(), k);
                        if (first != null) {
                            throw new SyntaxError(at(file, k), "key '" + dev.myelin.isa.io.TextFiles.printable(k.getValue())
                                    + "' is given twice in one mapping (first at " + at(file, first) + ")");
                        }
                    } else {
                        todo.push(t.getKeyNode());
                    }
                    todo.push(t.getValueNode());
                }
            } else if (n instanceof SequenceNode s) {
                for (Node x : s.getValue()) {
                    todo.push(x);
                }
            }
        }
    }

    private static String at(String file, Node n) {
        return n.getStartMark().map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse(file);
    }

    /** Passes the parser's events through, failing at the first collection nested deeper than {@link #MAX_DEPTH}. */
    private static final class DepthBound implements Parser {
        private final String file;
        private final Parser inner;
        private int depth;

        DepthBound(String file, Parser inner) {
            this.file = file;
            this.inner = inner;
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return inner.checkEvent(id);
        }

        @Override
        public Event peekEvent() {
            return inner.peekEvent();
        }

        @Override
        public boolean hasNext() {
            return inner.hasNext();
        }

        @Override
        public Event next() {
            Event e = inner.next();
            switch (e.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_DEPTH) {
                        String loc = e.getStartMark().map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
                                .orElse(file);
                        throw new SyntaxError(loc, "YAML nested deeper than " + MAX_DEPTH + " levels");
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                default -> {
                }
            }
            return e;
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
