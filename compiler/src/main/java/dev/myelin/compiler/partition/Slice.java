package dev.myelin.compiler.partition;

/** Neurons {@code from .. to-1} of population {@code pop} (index into the network's populations), on one core. */
public record Slice(int pop, int from, int to) {
    public int size() {
        return to - from;
    }
}
