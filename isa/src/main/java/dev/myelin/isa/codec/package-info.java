/** Reads and writes .nbin network binaries (on chronicle-bytes): the only code that touches their bytes. */
package dev.myelin.isa.codec;
