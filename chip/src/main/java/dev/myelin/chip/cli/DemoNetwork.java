package dev.myelin.chip.cli;

import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.model.Targets;
import dev.myelin.isa.model.TrueNorthNeurons;
import dev.myelin.isa.spi.CompiledNetwork;
import dev.myelin.isa.spi.ProbeRequest;
import dev.myelin.isa.spi.Stimulus;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo's fallback network, built by hand for the {@code tiny} preset (2 x 2 routers of
 * 16 x 16 TrueNorth cores) when no description compiler is on the class path: 16 Poisson
 * inputs (100 Hz) -> "hidden" (16, core (0,0)) -> "mid" (16, core (1,0)) -> "out" (8, split
 * over cores (1,1) and (0,1)), so traffic crosses east-west and north-south links.
 */
final class DemoNetwork {
    static final int N = 16;

    private DemoNetwork() {
    }

    static CompiledNetwork build() {
        CoreId a = new CoreId(0, 0, 0);
        CoreId b = new CoreId(1, 0, 0);
        CoreId c = new CoreId(1, 1, 0);
        CoreId d = new CoreId(0, 1, 0);
        List<CoreImage> cores = new ArrayList<>();
        // hidden: neuron j listens to inputs j and j+1 (weight 2, threshold 3, leak -1), sends to mid j one hop east
        cores.add(layer(a, N, N, j -> new int[] {j, (j + 1) % N}, 2, 3, j -> new int[] {1, 0, j}));
        // mid: neuron j listens to hidden j-1 and j (threshold 2: one spike fires it); 0..7 go one hop south to out core (1,1), 8..15 one hop west of it
        cores.add(layer(b, N, N, j -> new int[] {j, (j + N - 1) % N}, 2, 2,
                j -> j < 8 ? new int[] {0, 1, j} : new int[] {-1, 1, j - 8}));
        // out: neuron k of each half sums two mid neurons
        cores.add(layer(c, 8, 4, k -> new int[] {2 * k, 2 * k + 1}, 2, 3, k -> null));
        cores.add(layer(d, 8, 4, k -> new int[] {2 * k, 2 * k + 1}, 2, 3, k -> null));
        cores.sort(java.util.Comparator.comparing(CoreImage::id));
        List<PortEntry> in = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            in.add(new PortEntry(a, i));
        }
        List<PortEntry> out = new ArrayList<>();
        for (CoreId o : List.of(c, d)) {
            for (int k = 0; k < 4; k++) {
                out.add(new PortEntry(o, k));
            }
        }
        List<Symbol> symbols = List.of(
                new Symbol("hidden", N, List.of(new Symbol.Range(a, 0, N, 0))),
                new Symbol("mid", N, List.of(new Symbol.Range(b, 0, N, 0))),
                new Symbol("out", 8, List.of(new Symbol.Range(c, 0, 4, 0), new Symbol.Range(d, 0, 4, 4))));
        NetworkImage image = new NetworkImage(Presets.require("tiny"), 0, cores, List.of(new Port("in", in)),
                List.of(new Port("out", out)), symbols);
        return new CompiledNetwork(image, List.of(new Stimulus.Poisson("in", N, 100, 1.0, 42)),
                List.of(new ProbeRequest("mid", false, true, false, new int[] {0, 1}),
                        new ProbeRequest("out", false, true, false, new int[] {0, 4})),
                "hand-built demo network (no description compiler on the class path)");
    }

    private interface Rows {
        int[] of(int neuron);
    }

    /** One core: neuron j connects to axons rows.of(j) (type 0), weight w, threshold alpha, leak -1; one target each. */
    private static CoreImage layer(CoreId id, int axons, int neurons, Rows inputs, int w, int alpha, Rows target) {
        TrueNorthNeurons p = TrueNorthNeurons.zeros(neurons);
        Crossbar xb = Crossbar.empty(axons, neurons);
        int[] start = new int[neurons + 1];
        List<int[]> t = new ArrayList<>();
        for (int j = 0; j < neurons; j++) {
            p.weights()[4 * j] = w;
            p.alpha()[j] = alpha;
            p.leak()[j] = -1;
            for (int ax : inputs.of(j)) {
                xb.set(ax, j);
            }
            int[] dst = target.of(j);
            if (dst != null) {
                t.add(dst);
            }
            start[j + 1] = t.size();
        }
        int m = t.size();
        int[] dx = new int[m];
        int[] dy = new int[m];
        int[] axon = new int[m];
        int[] delay = new int[m];
        for (int k = 0; k < m; k++) {
            dx[k] = t.get(k)[0];
            dy[k] = t.get(k)[1];
            axon[k] = t.get(k)[2];
            delay[k] = 1;
        }
        return new CoreImage(id, new int[axons], p, xb, List.of(), new Targets(start, dx, dy, new int[m], axon, delay),
                new byte[0]);
    }
}
