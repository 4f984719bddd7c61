/** Readers of the golden traces in ../shared/golden and the conventions that map them onto Myelin. */
package dev.myelin.tests.golden;
