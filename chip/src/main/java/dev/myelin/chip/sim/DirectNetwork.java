package dev.myelin.chip.sim;

/**
 * The ideal network: every spike reaches its target axon exactly {@code delay} ticks after it
 * was fired, never late. Deliveries go out in source core order, then packet order; the result
 * does not depend on that order (a delay buffer slot is a set).
 */
public final class DirectNetwork implements SpikeNetwork {
    public static final Factory FACTORY = layout -> new DirectNetwork();

    @Override
    public void route(long tick, EmittedSpikes spikes, DeliverySink sink) {
        for (int c = spikes.nextSender(0); c < spikes.cores(); c = spikes.nextSender(c + 1)) {
            int n = spikes.packets(c);
            for (int k = 0; k < n; k++) {
                sink.deliver(spikes.targetCore(c, k), spikes.targetAxon(c, k), tick + spikes.delay(c, k));
            }
        }
    }
}
