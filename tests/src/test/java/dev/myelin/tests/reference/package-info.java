/** Plain, slow, readable reference models of the datapaths, written from docs/reference, for conformance tests. */
package dev.myelin.tests.reference;
