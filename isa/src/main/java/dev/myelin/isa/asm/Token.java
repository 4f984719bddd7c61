package dev.myelin.isa.asm;

/**
 * One token of a listing line, with its 1-based column.
 *
 * @param kind  what sort of token
 * @param text  the token as written (a string's text is already unescaped)
 * @param col   1-based column of its first character
 */
record Token(Kind kind, String text, int col) {
    /** Token sorts. Atoms are words, numbers, bit strings and directives alike; the parser types them. */
    enum Kind {
        /** A run of letters, digits and {@code _ . + -}: {@code .core}, {@code n3}, {@code -12}, {@code 1000_0001}. */
        ATOM,
        /** A double-quoted string. */
        STRING,
        /** One of {@code ( ) , : =}. */
        PUNCT,
        /** {@code ->}. */
        ARROW
    }

    boolean is(String s) {
        return kind != Kind.STRING && text.equals(s);
    }

    /** How the token is named in messages. */
    String describe() {
        return switch (kind) {
            case STRING -> "string \"" + text + "\"";
            case ARROW -> "'->'";
            default -> "'" + text + "'";
        };
    }
}
