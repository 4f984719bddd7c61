/** Compiler diagnostics: errors with source locations, collected so one run reports several. */
package dev.myelin.compiler.diag;
