package dev.myelin.chip.dist;

import dev.myelin.isa.arch.ArchParam;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Targets;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A driven load on a 2 x 2-chip board for the partitioned-run measurements, after the single
 * chip's {@code TrueNorthLoad}: a block of {@code side x side} cores in the corner of each chip,
 * 25 %-dense crossbars with balanced +1/-1 weights, every neuron leaking +1 per tick towards
 * alpha = 50 (about one spike per 50 ticks), one target per neuron: a third on its own core, a
 * third on a core of its chip's block, a third on any used core of the board. Delays are
 * {@code 1 + j mod 15} ticks, raised to {@code crossMinDelay} on a target across chips, so the
 * smallest delay between partitions is {@code crossMinDelay}.
 */
public final class BoardLoad {
    private BoardLoad() {
    }

    /** {@code base} made a 2 x 2-chip board with {@code delaySlots} slots. */
    public static Architecture board(Architecture base, int delaySlots) {
        return base.toBuilder().set(ArchParam.NAME, base.name() + "-2x2").set(ArchParam.CHIPS_X, 2)
                .set(ArchParam.CHIPS_Y, 2).set(ArchParam.DELAY_SLOTS, delaySlots).build("measurement board");
    }

    public static NetworkImage image(Architecture a, int side, int crossMinDelay, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int axons = a.axons();
        int neurons = a.neurons();
        List<CoreId> ids = new ArrayList<>();
        for (int y = 0; y < 2 * a.routersY(); y++) {
            for (int x = 0; x < 2 * a.routersX(); x++) {
                if (x % a.routersX() < side && y % a.routersY() < side) {
                    ids.add(new CoreId(x, y, 0));
                }
            }
        }
        int[] types = new int[axons];
        for (int i = 0; i < axons; i++) {
            types[i] = i % 4;
        }
        List<CoreImage> cores = new ArrayList<>();
        for (CoreId id : ids) {
            Crossbar xb = Crossbar.empty(axons, neurons);
            long[] bits = xb.bits();
            for (int i = 0; i < bits.length; i++) {
                bits[i] = r.nextLong() & r.nextLong();
            }
            if (neurons % 64 != 0) {
                xb = Crossbar.empty(axons, neurons);
                for (int ax = 0; ax < axons; ax++) {
                    for (int j = 0; j < neurons; j++) {
                        if (r.nextInt(4) == 0) {
                            xb.set(ax, j);
                        }
                    }
                }
            }
            TrueNorthNeurons p = TrueNorthNeurons.zeros(neurons);
            int[] start = new int[neurons + 1];
            int[] tdx = new int[neurons];
            int[] tdy = new int[neurons];
            int[] tax = new int[neurons];
            int[] td = new int[neurons];
            int chip = chip(a, id.x(), id.y());
            for (int j = 0; j < neurons; j++) {
                p.weights()[4 * j] = 1;
                p.weights()[4 * j + 1] = -1;
                p.weights()[4 * j + 2] = 1;
                p.weights()[4 * j + 3] = -1;
                p.leak()[j] = 1;
                p.alpha()[j] = 50;
                p.beta()[j] = 50;
                p.kappa()[j] = 1;
                p.v0()[j] = r.nextInt(50);
                start[j + 1] = j + 1;
                CoreId to = switch (j % 3) {
                    case 0 -> id;
                    case 1 -> new CoreId(id.x() - id.x() % a.routersX() + r.nextInt(side),
                            id.y() - id.y() % a.routersY() + r.nextInt(side), 0);
                    default -> ids.get(r.nextInt(ids.size()));
                };
                tdx[j] = to.x() - id.x();
                tdy[j] = to.y() - id.y();
                tax[j] = j % axons;
                int d = 1 + j % 15;
                td[j] = Math.min(a.maxDelay(), chip(a, to.x(), to.y()) != chip ? Math.max(crossMinDelay, d) : d);
            }
            cores.add(new CoreImage(id, types.clone(), p, xb, List.of(), new Targets(start, tdx, tdy,
                    new int[neurons], tax, td), new byte[0]));
        }
        return new NetworkImage(a, 0, cores, List.of(), List.of(), List.of());
    }

    private static int chip(Architecture a, int x, int y) {
        return y / a.routersY() * 2 + x / a.routersX();
    }
}
