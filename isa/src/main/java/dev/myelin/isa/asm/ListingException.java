package dev.myelin.isa.asm;

import dev.myelin.isa.diag.MyelinInputException;

/** Builds the one-line {@code file:line:col: message} errors of the assembler. */
final class ListingException {
    private ListingException() {
    }

    static MyelinInputException at(String file, int line, int col, String message) {
        return new MyelinInputException(file + ":" + line + ":" + col + ": " + message);
    }
}
