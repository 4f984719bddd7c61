/** Seeded mutation fuzzing of every YAML and data-file reader: bad input ends in a located user error, never a crash. */
package dev.myelin.tests.fuzz;
