/** The myelin compile command. */
package dev.myelin.compiler.cli;
