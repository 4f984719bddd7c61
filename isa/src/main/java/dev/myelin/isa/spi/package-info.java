/**
 * Service interfaces that let modules meet without depending on each other: the compiler
 * provides a {@link dev.myelin.isa.spi.NetworkFrontend}, the chip's {@code run} command finds it
 * with {@link java.util.ServiceLoader} and never sees the description language.
 */
package dev.myelin.isa.spi;
