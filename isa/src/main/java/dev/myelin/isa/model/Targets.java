package dev.myelin.isa.model;

/**
 * Where each neuron's spikes go. Neuron {@code j} has targets {@code start[j] <= k < start[j+1]};
 * target {@code k} is axon {@code axon[k]} of the core at relative router offset
 * ({@code dx[k]}, {@code dy[k]}) and slot {@code slot[k]}, active {@code delay[k]} ticks after
 * the spike (1 .. delaySlots-1). TrueNorth neurons have at most one target. A neuron may also
 * (or only) feed an output port.
 */
public record Targets(int[] start, int[] dx, int[] dy, int[] slot, int[] axon, int[] delay) {
    public Targets {
        if (start.length == 0 || start[0] != 0) {
            throw new IllegalArgumentException("targets: start must begin at 0");
        }
        int m = start[start.length - 1];
        for (int[] a : new int[][] {dx, dy, slot, axon, delay}) {
            Arrays2.requireLength("target field", a, m);
        }
        for (int j = 0; j + 1 < start.length; j++) {
            if (start[j + 1] < start[j]) {
                throw new IllegalArgumentException("targets: start decreases at neuron " + j);
            }
        }
    }

    /** No targets for n neurons. */
    public static Targets none(int n) {
        return new Targets(new int[n + 1], new int[0], new int[0], new int[0], new int[0], new int[0]);
    }

    public int neurons() {
        return start.length - 1;
    }

    public int count() {
        return start[start.length - 1];
    }

    public int countOf(int neuron) {
        return start[neuron + 1] - start[neuron];
    }
}
