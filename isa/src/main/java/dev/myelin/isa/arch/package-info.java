/** Architecture descriptions: parameters declared once with units, presets, YAML reading and writing. */
package dev.myelin.isa.arch;
