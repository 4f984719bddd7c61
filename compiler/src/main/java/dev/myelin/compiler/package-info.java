/** The compiler driver: a straight line of named passes from a description to a network image and mapping report. */
package dev.myelin.compiler;
