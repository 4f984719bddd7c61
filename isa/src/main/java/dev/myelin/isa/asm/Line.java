package dev.myelin.isa.asm;

import dev.myelin.isa.diag.MyelinInputException;

import java.util.List;

/**
 * A cursor over the tokens of one listing line. Every {@code expect} method either returns
 * the typed value or throws a located error naming what was expected, so the parser reads
 * like the grammar.
 */
final class Line {
    private final String file;
    private final int lineNo;
    private final List<Token> tokens;
    private final int endCol;
    private int pos;

    Line(String file, int lineNo, List<Token> tokens, int endCol) {
        this.file = file;
        this.lineNo = lineNo;
        this.tokens = tokens;
        this.endCol = endCol;
    }

    int lineNo() {
        return lineNo;
    }

    boolean atEnd() {
        return pos >= tokens.size();
    }

    Token peek() {
        return atEnd() ? null : tokens.get(pos);
    }

    boolean peekIs(String s) {
        return !atEnd() && tokens.get(pos).is(s);
    }

    boolean peekArrow() {
        return !atEnd() && tokens.get(pos).kind() == Token.Kind.ARROW;
    }

    Token next() {
        return tokens.get(pos++);
    }

    /** Column of the next token, or just past the end of the line. */
    int col() {
        return atEnd() ? endCol : tokens.get(pos).col();
    }

    MyelinInputException error(int col, String message) {
        return ListingException.at(file, lineNo, col, message);
    }

    MyelinInputException error(Token t, String message) {
        return error(t.col(), message);
    }

    /** An error at the next token ("expected X, found Y"). */
    MyelinInputException expected(String what) {
        return error(col(), "expected " + what + ", found " + (atEnd() ? "end of line" : peek().describe()));
    }

    void expectEnd() {
        if (!atEnd()) {
            throw error(col(), "unexpected " + peek().describe() + " at end of line");
        }
    }

    void expectPunct(String p) {
        if (!peekIs(p) || peek().kind() != Token.Kind.PUNCT) {
            throw expected("'" + p + "'");
        }
        pos++;
    }

    /** Consumes {@code p} when it is next. */
    boolean accept(String p) {
        if (peekIs(p)) {
            pos++;
            return true;
        }
        return false;
    }

    Token expectAtom(String what) {
        if (atEnd() || peek().kind() != Token.Kind.ATOM) {
            throw expected(what);
        }
        return next();
    }

    /** A word or a quoted string. */
    String expectName(String what) {
        if (!atEnd() && peek().kind() == Token.Kind.STRING) {
            return next().text();
        }
        Token t = expectAtom(what);
        return t.text();
    }

    /** An integer in [min, max]; {@code what} names the field in messages. */
    long expectLong(String what, long min, long max) {
        Token t = expectAtom(what);
        return Numbers.checkRange(this, t, what, Numbers.parseLong(this, t, what), min, max);
    }

    int expectInt(String what, long min, long max) {
        return (int) expectLong(what, min, max);
    }

    /** {@code key}, an optional {@code =}, then an integer in range: {@code axon 5} or {@code axon=5}. */
    int expectField(String key, long min, long max) {
        Token k = expectAtom("'" + key + "'");
        if (!k.text().equals(key)) {
            throw error(k, "expected '" + key + "', found " + k.describe());
        }
        accept("=");
        return expectInt(key, min, max);
    }

    /** {@code X Y SLOT} after a keyword: three integers checked against the board. */
    int[] expectCoords(dev.myelin.isa.arch.Architecture arch) {
        int x = expectInt("core x", 0, arch.meshWidth() - 1);
        int y = expectInt("core y", 0, arch.meshHeight() - 1);
        int s = expectInt("core slot", 0, arch.coresPerRouter() - 1);
        return new int[] {x, y, s};
    }
}
