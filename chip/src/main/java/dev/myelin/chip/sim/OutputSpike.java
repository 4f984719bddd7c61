package dev.myelin.chip.sim;

/** One spike on line {@code line} of output port {@code port} in tick {@code tick}. */
public record OutputSpike(String port, int line, long tick) {
}
