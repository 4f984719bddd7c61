/**
 * The run session: the public API that drives a whole run the same way for Java users, tests,
 * benchmarks and the command line. {@link dev.myelin.chip.run.RunSession#run} takes a loaded
 * network ({@link dev.myelin.isa.spi.CompiledNetwork}) and {@link dev.myelin.chip.run.RunOptions},
 * checks every output before tick 0, runs the tick loop (stoppable through a
 * {@link dev.myelin.chip.run.StopFlag}), prices the counts and writes the requested files;
 * {@link dev.myelin.chip.run.RunResult} holds what the run produced.
 */
package dev.myelin.chip.run;
