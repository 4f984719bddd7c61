package dev.myelin.chip.sim;

/** Lets tests outside this package choose how {@link Delivery} applies a tick's spikes (a speed choice only). */
public final class DeliveryModes {
    private DeliveryModes() {
    }

    /** Every spike queued, then applied at the flush (as before spikes were applied at once). */
    public static void queueEverySpike() {
        Delivery.directMaxSpikes = -1;
    }

    /** The engine's own choice: a tick of few spikes applies each one as it is handed in. */
    public static void restore() {
        Delivery.directMaxSpikes = Delivery.DIRECT_MAX_SPIKES;
    }
}
