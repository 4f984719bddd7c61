package dev.myelin.cli;

/**
 * A subcommand of {@code myelin}: a picocli {@code @Command} class listed in
 * {@link Main#commands()}. {@link #order()} sorts the help listing.
 */
public interface MyelinCommand {
    /** Position in {@code --help}: lower first. */
    default int order() {
        return 100;
    }
}
