package dev.myelin.chip.sim;

/**
 * Called once per tick after spikes were routed (the last phase of a tick), on the engine
 * thread: a place for a caller's own per-tick work. The chip's learning engine does not use it:
 * it runs inside each learning core's step ({@link dev.myelin.chip.learn.LearningCore}).
 */
@FunctionalInterface
public interface LearningHook {
    LearningHook NONE = (tick, chip) -> { };

    /** @param chip read the tick's fired neurons with {@link Chip#firedCount} and {@link Chip#fired} */
    void afterTick(long tick, Chip chip);
}
