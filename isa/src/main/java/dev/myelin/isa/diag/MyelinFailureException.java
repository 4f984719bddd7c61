package dev.myelin.isa.diag;

/**
 * A failure while running that is no bug of the tool: an output that cannot be written because
 * the disk is full or the device fails. Carries a one-line message naming the file; the command
 * line prints it and exits with code 1, never a stack trace.
 */
public class MyelinFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MyelinFailureException(String message) {
        super(message, null, false, false);
    }
}
