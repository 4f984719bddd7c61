/** Conformance: the chip's datapaths against the reference models and the golden traces, tick by tick. */
package dev.myelin.tests.conformance;
