/** The .nbin layout: one descriptor per binary structure (bit diagram, field offsets and widths, checks). */
package dev.myelin.isa.format;
