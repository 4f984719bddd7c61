/** The network IR: populations, inputs, projections (expanded to primitive CSR arrays), probes and mapping hints, plus the Java builder API. */
package dev.myelin.compiler.ir;
