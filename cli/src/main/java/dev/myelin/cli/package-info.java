/**
 * The {@code myelin} command line: the entry point ({@link dev.myelin.cli.Main}) and every
 * subcommand. The only module that depends on all the others: it compiles descriptions with the
 * compiler and hands the result to the chip's run session, so neither knows the other.
 */
package dev.myelin.cli;
