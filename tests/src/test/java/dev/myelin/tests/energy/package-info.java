/** Myelin's counts, energies and latencies against the published formulas of the estimators users compare with. */
package dev.myelin.tests.energy;
