package dev.myelin.chip.dist;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Targets;

import java.util.List;

/**
 * Which partition (JVM) runs which chips of a board: a fixed function of the image's board and
 * the partition count K, so every member computes the same plan. Chips are numbered in row
 * order (chip (cx, cy) is number {@code cy * chipsX + cx}); partition r gets the chips
 * numbered {@code floor(r * C / K) .. floor((r + 1) * C / K) - 1} of the C chips: contiguous
 * runs in row order, whole rows of chips when K divides the row count. A core belongs to the
 * partition of its chip; cores are numbered as in the chip's layout (the image's core order).
 */
public final class PartitionPlan {
    private final int partitions;
    private final int chipsX;
    private final int chipsY;
    private final int[] chipOfCore;
    private final int[] ownerOfCore;
    private final int[] firstChip;

    private PartitionPlan(int partitions, int chipsX, int chipsY, int[] chipOfCore, int[] ownerOfCore, int[] firstChip) {
        this.partitions = partitions;
        this.chipsX = chipsX;
        this.chipsY = chipsY;
        this.chipOfCore = chipOfCore;
        this.ownerOfCore = ownerOfCore;
        this.firstChip = firstChip;
    }

    /**
     * The plan for {@code k} partitions of the image's board.
     *
     * @throws MyelinInputException when k is below 1 or above the board's chip count
     */
    public static PartitionPlan of(NetworkImage image, int k) {
        Architecture a = image.arch();
        int chips = a.chipsX() * a.chipsY();
        if (k < 1 || k > chips) {
            throw new MyelinInputException("partitions = " + k + " is out of range [1, " + chips + "]: the board of "
                    + a.chipsX() + " x " + a.chipsY() + " chips is partitioned by whole chips");
        }
        int[] first = new int[k + 1];
        for (int r = 0; r <= k; r++) {
            first[r] = (int) ((long) r * chips / k);
        }
        List<CoreImage> cores = image.cores();
        int[] chipOf = new int[cores.size()];
        int[] owner = new int[cores.size()];
        for (int c = 0; c < chipOf.length; c++) {
            chipOf[c] = chipOf(a, cores.get(c).id());
            owner[c] = ownerOfChip(first, chipOf[c]);
        }
        return new PartitionPlan(k, a.chipsX(), a.chipsY(), chipOf, owner, first);
    }

    static int chipOf(Architecture a, CoreId id) {
        return dev.myelin.chip.sim.ChipLinks.chipOf(a, id);
    }

    private static int ownerOfChip(int[] first, int chip) {
        int r = 0;
        while (first[r + 1] <= chip) {
            r++;
        }
        return r;
    }

    public int partitions() {
        return partitions;
    }

    /** The partition that runs core {@code c} (layout index). */
    public int owner(int c) {
        return ownerOfCore[c];
    }

    /** The chip (row-order number) of core {@code c}. */
    public int chip(int c) {
        return chipOfCore[c];
    }

    public int cores() {
        return ownerOfCore.length;
    }

    /** Per core, whether partition {@code rank} runs it. */
    public boolean[] owned(int rank) {
        boolean[] m = new boolean[ownerOfCore.length];
        for (int c = 0; c < m.length; c++) {
            m[c] = ownerOfCore[c] == rank;
        }
        return m;
    }

    /**
     * The smallest delay, in ticks, of a route from a core of one partition to a core of another
     * (axon delay; a chip-to-chip link adds no whole tick), or {@code maxDelay} when no route
     * crosses partitions: the longest exchange window that keeps results exact.
     */
    public int minCrossDelay(NetworkImage image) {
        int best = image.arch().maxDelay();
        List<CoreImage> cores = image.cores();
        dev.myelin.isa.model.CoreGrid grid = new dev.myelin.isa.model.CoreGrid(cores, image.arch().coresPerRouter());
        for (int c = 0; c < cores.size(); c++) {
            CoreImage ci = cores.get(c);
            Targets t = ci.targets();
            for (int k = 0; k < t.count(); k++) {
                int to = grid.indexOf(ci.id().x() + t.dx()[k], ci.id().y() + t.dy()[k], t.slot()[k]);
                if (to >= 0 && ownerOfCore[to] != ownerOfCore[c]) {
                    best = Math.min(best, t.delay()[k]);
                }
            }
        }
        return best;
    }

    /** One line per partition: its rank and chips, e.g. {@code 0:chips 0-1 (0,0)-(1,0)}; the handshake compares it. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < partitions; r++) {
            if (r > 0) {
                b.append("; ");
            }
            b.append(r).append(": ").append(chipsText(r));
        }
        return b.toString();
    }

    /** The chips of partition {@code r}, e.g. {@code chips 0-1 of 2 x 2}, or {@code no chip}. */
    public String chipsText(int r) {
        int lo = firstChip[r];
        int hi = firstChip[r + 1] - 1;
        if (hi < lo) {
            return "no chip";
        }
        return (lo == hi ? "chip " + lo : "chips " + lo + "-" + hi) + " of " + chipsX + " x " + chipsY;
    }
}
