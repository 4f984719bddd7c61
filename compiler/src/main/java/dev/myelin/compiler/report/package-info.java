/** The mapping report, as text and as JSON. */
package dev.myelin.compiler.report;
