package dev.myelin.compiler.ir;

/** What to record from a population; {@code indices == null} means every neuron. */
public record Probe(String population, boolean spikes, boolean v, boolean u, int[] indices, String where) {
}
