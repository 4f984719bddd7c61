/**
 * NIR import: the HDF5 reader ({@link dev.myelin.compiler.nir.NirReader}), the graph model
 * ({@link dev.myelin.compiler.nir.NirGraph}), the lowering of a graph to the IR for a given time step
 * ({@link dev.myelin.compiler.nir.NirImport}) and the floating-point reference simulation of the same
 * discretised graph ({@link dev.myelin.compiler.nir.NirReference}). See docs/nir.md.
 */
package dev.myelin.compiler.nir;
