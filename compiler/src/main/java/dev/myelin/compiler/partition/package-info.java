/** Partitioning populations into core-sized slices that respect every architecture limit. */
package dev.myelin.compiler.partition;
