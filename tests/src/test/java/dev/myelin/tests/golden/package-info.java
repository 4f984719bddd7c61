/** Readers of the golden traces in the test resources golden/ (see its README) and the conventions that map them onto Myelin. */
package dev.myelin.tests.golden;
