package dev.myelin.chip.sim;

/** Receives output-port spikes as they happen: in tick order, then core, then neuron order. */
@FunctionalInterface
public interface OutputListener {
    void spike(String port, int line, long tick);
}
