/** File helpers shared by every module (atomic output). */
package dev.myelin.isa.io;
