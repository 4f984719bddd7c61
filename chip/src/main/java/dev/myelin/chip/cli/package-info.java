/** The chip module's subcommands of the {@code myelin} command line. */
package dev.myelin.chip.cli;
