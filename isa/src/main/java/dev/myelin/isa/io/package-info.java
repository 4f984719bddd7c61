/** File helpers shared by every module: atomic output, and bounded reading of regular files only. */
package dev.myelin.isa.io;
