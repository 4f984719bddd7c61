package dev.myelin.chip.sim;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.model.CoreId;

import java.util.Arrays;

/**
 * The chip-to-chip links of a board on the ideal network: a spike whose target core is on
 * another chip travels on a link owned by the receiving chip and comes off it into the target's
 * delay buffer in the routing phase of the tick before it is due (docs/distributed.md). So it is
 * counted at its target ({@code spikes_in}, {@code spikes_merged},
 * {@code synaptic_events_routed}) in the tick before it is due, and it is on the link, not in the
 * delay buffer, while in flight: the same rule a partitioned run follows, so the plain engine and
 * a board split over several JVMs count chip-to-chip traffic alike. A spike due one tick after it
 * was sent comes off the link at once. A board of one chip has no links ({@link #of} gives null).
 *
 * <p>The spikes on the links are held per due tick in a ring of {@code delaySlots} slots (every
 * due tick is within the delay window); the order in which a tick's spikes come off does not
 * change a delay buffer or a count (a slot is a set), so a slot keeps send order.
 */
public final class ChipLinks {
    private final int[] chipOfCore;
    private final int[][] core;
    private final int[][] axon;
    private final int[] held;

    private ChipLinks(int[] chipOfCore, int slots) {
        this.chipOfCore = chipOfCore;
        this.core = new int[slots][];
        this.axon = new int[slots][];
        this.held = new int[slots];
        for (int s = 0; s < slots; s++) {
            core[s] = new int[16];
            axon[s] = new int[16];
        }
    }

    /** The links of the layout's board, or null for a board of one chip. */
    public static ChipLinks of(ChipLayout layout) {
        Architecture a = layout.arch();
        if ((long) a.chipsX() * a.chipsY() <= 1) {
            return null;
        }
        int[] chipOf = new int[layout.cores()];
        for (int c = 0; c < chipOf.length; c++) {
            chipOf[c] = chipOf(a, layout.core(c));
        }
        return new ChipLinks(chipOf, a.delaySlots());
    }

    /** The chip, numbered in row order of the board, that holds core {@code id}. */
    public static int chipOf(Architecture a, CoreId id) {
        return id.y() / a.routersY() * a.chipsX() + id.x() / a.routersX();
    }

    /**
     * Puts a spike from core {@code from} for {@code axon} of core {@code to}, sent in tick
     * {@code tick} with {@code delay}, on its link when it crosses a chip boundary and is due
     * after the next tick; returns false (the caller delivers it at once) otherwise: a spike
     * within a chip, one due in the next tick (it would come off the link in this very tick),
     * or a delay outside the buffer's window (the engine's sink counts it dropped).
     */
    public boolean hold(int from, int to, int axon, long tick, int delay) {
        if (chipOfCore[from] == chipOfCore[to] || delay < 2 || delay >= held.length) {
            return false;
        }
        int s = (int) Math.floorMod(tick + delay, (long) held.length);
        int n = held[s];
        if (n == core[s].length) {
            core[s] = Arrays.copyOf(core[s], 2 * n);
            this.axon[s] = Arrays.copyOf(this.axon[s], 2 * n);
        }
        core[s][n] = to;
        this.axon[s][n] = axon;
        held[s] = n + 1;
        return true;
    }

    /** Delivers the spikes due in tick {@code due} (call in the routing phase of tick {@code due - 1}). */
    public void release(long due, DeliverySink sink) {
        int s = (int) Math.floorMod(due, (long) held.length);
        int n = held[s];
        int[] cs = core[s];
        int[] as = axon[s];
        for (int i = 0; i < n; i++) {
            sink.deliver(cs[i], as[i], due);
        }
        held[s] = 0;
    }
}
