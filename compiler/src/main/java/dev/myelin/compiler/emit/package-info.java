/** Emitting the network image with its symbol table and I/O ports. */
package dev.myelin.compiler.emit;
