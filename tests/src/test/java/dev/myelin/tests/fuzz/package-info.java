/**
 * Seeded mutation fuzzing of every YAML and data-file reader and of the .nbin loader: bad input
 * ends in a located user error, never a crash, and a binary the loader accepts round-trips.
 */
package dev.myelin.tests.fuzz;
