/** Plain, slow, readable reference models of the datapaths, written from ../shared/reference, for conformance tests. */
package dev.myelin.tests.reference;
