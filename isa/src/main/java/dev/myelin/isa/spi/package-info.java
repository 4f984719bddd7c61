/**
 * The contract between a description language and whoever runs its result: the compiler
 * implements {@link dev.myelin.isa.spi.NetworkFrontend}, producing a
 * {@link dev.myelin.isa.spi.CompiledNetwork} (image, stimuli, probe requests, warnings) that the
 * command line hands to the chip's run session; the chip never sees the description language.
 */
package dev.myelin.isa.spi;
