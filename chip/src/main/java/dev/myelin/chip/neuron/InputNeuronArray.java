package dev.myelin.chip.neuron;

import dev.myelin.chip.core.NeuronArray;
import dev.myelin.isa.model.CoreImage;

/**
 * The neurons of an input core (docs/isa.md, datapath bit 5): input neuron {@code a} fires in
 * every tick its axon {@code a} is active and sends to its targets like any neuron. It has no
 * synapses, no potential and no parameters: reading its axon is no synaptic event, and a firing
 * input neuron is the one updated neuron of its tick (SANA-FE's rule: a neuron that spikes is
 * updated); the others are idle. The core is always quiescent, so a tick with no axon due skips it.
 */
final class InputNeuronArray implements NeuronArray {
    private final int n;
    private final long[] pending;
    private int lastFired;

    InputNeuronArray(CoreImage core) {
        this.n = core.neuronCount();
        this.pending = new long[(n + 63) >>> 6];
    }

    @Override
    public int neurons() {
        return n;
    }

    @Override
    public long integrate(long[] activeAxons, int words) {
        int w = Math.min(words, pending.length);
        System.arraycopy(activeAxons, 0, pending, 0, w);
        return 0;
    }

    @Override
    public int update(long tick, int[] fired) {
        int count = 0;
        for (int w = 0; w < pending.length; w++) {
            long bits = pending[w];
            pending[w] = 0;
            while (bits != 0) {
                int j = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (j < n) {
                    fired[count++] = j;
                }
            }
        }
        lastFired = count;
        return count;
    }

    @Override
    public int lastActiveUpdates() {
        return lastFired;
    }

    @Override
    public int restingUpdates() {
        return 0;
    }

    @Override
    public boolean quiescent() {
        return true;
    }

    @Override
    public int v(int j) {
        return 0;
    }

    @Override
    public int u(int j) {
        return 0;
    }
}
