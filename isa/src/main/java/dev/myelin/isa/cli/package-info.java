/** The {@code myelin} command line: the entry point and the subcommands owned by the isa module. */
package dev.myelin.isa.cli;
