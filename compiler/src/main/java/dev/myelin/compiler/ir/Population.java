package dev.myelin.compiler.ir;

/**
 * A population of identical neurons.
 *
 * @param shape  its shape ({@code [size]} when given by size; rows-major for 2-D)
 * @param where  where it was declared (file:line:col, or "population NAME" from the builder)
 */
public record Population(String name, int size, int[] shape, NeuronModel model, String where) {
}
