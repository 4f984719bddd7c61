package dev.myelin.compiler.diag;

import dev.myelin.isa.diag.MyelinInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * Errors and warnings collected by one pass. A pass reports every problem it can find;
 * the compiler stops after a pass that reported errors ({@link #throwIfErrors}).
 * Every message starts with where the problem is: file:line:col, or the element's name.
 */
public final class Diagnostics {
    /** Most errors kept; the rest are counted. */
    public static final int MAX_ERRORS = 50;

    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<java.nio.file.Path> files = new ArrayList<>();
    private int dropped;

    public void error(String where, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(where + ": " + message);
        } else {
            dropped++;
        }
    }

    public void warning(String where, String message) {
        warnings.add(where + ": " + message);
    }

    /** Notes a file the description made the compiler read (a data or architecture file). */
    public void read(java.nio.file.Path file) {
        files.add(file);
    }

    /** The files noted by {@link #read}, in the order read. */
    public List<java.nio.file.Path> files() {
        return List.copyOf(files);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Throws one {@link MyelinInputException} listing every error, one per line, if there are any. */
    public void throwIfErrors() {
        if (errors.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(String.join("\n", errors));
        if (dropped > 0) {
            sb.append("\n... and ").append(dropped).append(" more errors");
        }
        if (errors.size() > 1) {
            sb.append("\n").append(errors.size() + dropped).append(" errors");
        }
        throw new MyelinInputException(sb.toString());
    }
}
