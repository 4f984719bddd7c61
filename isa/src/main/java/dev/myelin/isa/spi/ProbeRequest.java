package dev.myelin.isa.spi;

/**
 * A description's request to record a population: spikes, v and/or u, for all of it
 * ({@code indices == null}) or for the listed population indices.
 */
public record ProbeRequest(String population, boolean spikes, boolean v, boolean u, int[] indices) {
}
