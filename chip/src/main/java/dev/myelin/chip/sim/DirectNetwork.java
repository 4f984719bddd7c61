package dev.myelin.chip.sim;

/**
 * The ideal network: every spike reaches its target axon exactly {@code delay} ticks after it
 * was fired, never late. Deliveries go out in source core order, then packet order; the result
 * does not depend on that order (a delay buffer slot is a set). On a board of several chips a
 * spike that crosses a chip boundary goes over the {@link ChipLinks} and reaches its target's
 * delay buffer in the tick before it is due.
 */
public final class DirectNetwork implements SpikeNetwork {
    public static final Factory FACTORY = layout -> new DirectNetwork(ChipLinks.of(layout));

    private final ChipLinks links;

    private DirectNetwork(ChipLinks links) {
        this.links = links;
    }

    @Override
    public void route(long tick, EmittedSpikes spikes, DeliverySink sink) {
        for (int c = spikes.nextSender(0); c < spikes.cores(); c = spikes.nextSender(c + 1)) {
            int n = spikes.packets(c);
            for (int k = 0; k < n; k++) {
                int to = spikes.targetCore(c, k);
                int axon = spikes.targetAxon(c, k);
                int delay = spikes.delay(c, k);
                if (links == null || !links.hold(c, to, axon, tick, delay)) {
                    sink.deliver(to, axon, tick + delay);
                }
            }
        }
        if (links != null) {
            links.release(tick + 1, sink);
        }
    }
}
