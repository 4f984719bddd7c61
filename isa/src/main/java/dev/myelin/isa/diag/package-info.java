/** Diagnostics shared by every module: the typed user-error exception and source locations. */
package dev.myelin.isa.diag;
