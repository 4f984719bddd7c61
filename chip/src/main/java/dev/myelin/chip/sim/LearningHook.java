package dev.myelin.chip.sim;

/**
 * Called once per tick after spikes were routed (the last phase of a tick). The learning
 * issue will implement plasticity here; until then {@link #NONE} does nothing.
 */
@FunctionalInterface
public interface LearningHook {
    LearningHook NONE = (tick, chip) -> { };

    /** @param chip read the tick's fired neurons with {@link Chip#firedCount} and {@link Chip#fired} */
    void afterTick(long tick, Chip chip);
}
