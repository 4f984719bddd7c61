package dev.myelin.isa.diag;

/**
 * A user error: bad input or usage. Carries a one-line message that already names
 * where the problem is (file:line:col, or byte offset, section and field). The
 * command line prints {@link #getMessage()} and exits with code 2, never a stack trace.
 * A broken internal invariant is an {@link IllegalStateException} instead.
 */
public class MyelinInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MyelinInputException(String message) {
        super(message, null, false, false);
    }

    public MyelinInputException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
