package dev.myelin.chip.sim;

/** Spike networks the engine's tests plug into a chip. */
final class ChipTestNetworks {
    private ChipTestNetworks() {
    }

    /** A network that makes every spike arrive exactly at its due tick: always late by one. */
    static final SpikeNetwork.Factory LATE = layout -> (tick, spikes, sink) -> {
        for (int c = 0; c < spikes.cores(); c++) {
            for (int k = 0; k < spikes.packets(c); k++) {
                long due = tick + spikes.delay(c, k);
                sink.deliver(spikes.targetCore(c, k), spikes.targetAxon(c, k), due, due);
            }
        }
    };
}
