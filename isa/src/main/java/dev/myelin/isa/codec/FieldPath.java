package dev.myelin.isa.codec;

/**
 * Where the reader or writer is inside a structure, as a stack of names with optional
 * indices ({@code neuron[3].target[0]}). Pushing and re-indexing cost no allocation; text
 * is built only for a hex-dump label or an error message.
 */
final class FieldPath {
    private static final int MAX_DEPTH = 8;
    private final String[] names = new String[MAX_DEPTH];
    private final long[] indices = new long[MAX_DEPTH];
    private int depth;

    void push(String name) {
        push(name, -1);
    }

    void push(String name, long index) {
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("field path deeper than " + MAX_DEPTH);
        }
        names[depth] = name;
        indices[depth] = index;
        depth++;
    }

    /** Sets the index of the innermost name. */
    void index(long index) {
        indices[depth - 1] = index;
    }

    void pop() {
        depth--;
    }

    void clear() {
        depth = 0;
    }

    /** The path with {@code leaf} appended (leaf may be null). */
    String render(String leaf) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                s.append('.');
            }
            s.append(names[i]);
            if (indices[i] >= 0) {
                s.append('[').append(indices[i]).append(']');
            }
        }
        if (leaf != null) {
            if (depth > 0) {
                s.append('.');
            }
            s.append(leaf);
        }
        return s.toString();
    }
}
