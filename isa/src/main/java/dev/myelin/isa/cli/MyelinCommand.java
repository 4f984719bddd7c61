package dev.myelin.isa.cli;

/**
 * A subcommand of {@code myelin}. Implementations are picocli {@code @Command} classes
 * registered in {@code META-INF/services/dev.myelin.isa.cli.MyelinCommand} of the module that
 * owns them, so the isa module holds the launcher without depending on the others.
 * {@link #order()} sorts the help listing.
 */
public interface MyelinCommand {
    /** Position in {@code --help}: lower first. */
    default int order() {
        return 100;
    }
}
