package dev.myelin.tests.bench;

import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.Targets;
import dev.myelin.isa.model.TrueNorthNeurons;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A mostly idle 64-core chip: cores 0..63 (8 x 8, row by row) form a chain; axon j of each core
 * drives neuron j (weight 1, alpha 1, no leak), which fires into axon j of the next core one tick
 * later; the last core has no targets. A spike injected on line j of port "in" walks the chain
 * for 64 ticks, so with one input every 16 ticks about 4 cores work per tick.
 */
final class SparseChain {
    private SparseChain() {
    }

    static NetworkImage image() {
        int n = 256;
        List<CoreImage> cores = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            CoreId id = new CoreId(i % 8, i / 8, 0);
            TrueNorthNeurons p = TrueNorthNeurons.zeros(n);
            Arrays.fill(p.alpha(), 1);
            Crossbar xb = Crossbar.empty(n, n);
            for (int j = 0; j < n; j++) {
                p.weights()[4 * j] = 1;
                xb.set(j, j);
            }
            boolean last = i == 63;
            int m = last ? 0 : n;
            int[] start = new int[n + 1];
            for (int j = 0; j < n; j++) {
                start[j + 1] = start[j] + (last ? 0 : 1);
            }
            int nx = (i + 1) % 8;
            int ny = (i + 1) / 8;
            int[] dx = new int[m];
            int[] dy = new int[m];
            int[] axon = new int[m];
            int[] delay = new int[m];
            for (int k = 0; k < m; k++) {
                dx[k] = nx - id.x();
                dy[k] = ny - id.y();
                axon[k] = k;
                delay[k] = 1;
            }
            cores.add(new CoreImage(id, new int[n], p, xb, List.of(), new Targets(start, dx, dy, new int[m], axon, delay),
                    new byte[0]));
        }
        List<PortEntry> in = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            in.add(new PortEntry(new CoreId(0, 0, 0), j));
        }
        return new NetworkImage(Presets.require("truenorth"), 0, cores, List.of(new Port("in", in)), List.of(),
                List.of());
    }
}
