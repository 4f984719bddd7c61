/** NIR import end to end: the example files compiled, run and checked against the reference; hostile files. */
package dev.myelin.tests.nir;
