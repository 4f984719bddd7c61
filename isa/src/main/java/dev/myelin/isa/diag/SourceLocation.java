package dev.myelin.isa.diag;

/** A 1-based line and column in a named text file, printed as {@code file:line:col}. */
public record SourceLocation(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
