/** End-to-end tests of the compiler: a plain reference simulation of compiled descriptions against the chip, the samples runner, error cases. */
package dev.myelin.tests.compiler;
