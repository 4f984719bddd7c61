/** The text form of a network image: the listing lexer and parser (assembler) and the printer (disassembler). */
package dev.myelin.isa.asm;
