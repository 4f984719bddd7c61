package dev.myelin.chip.sim;

import dev.myelin.chip.core.AxonDelayBuffer;
import dev.myelin.chip.core.NeuronArray;
import dev.myelin.chip.learn.Learning;
import dev.myelin.chip.neuron.CoreRandom;
import dev.myelin.chip.neuron.NeuronArrays;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.ImageValidator;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.Targets;

import java.util.List;

/**
 * Load-time work: validates the whole image with the codec's rules ({@link ImageValidator}: value
 * ranges, targets landing on used cores and axons, ports, symbols), resolves targets and output
 * lines to core indices, then builds each core's runtime.
 */
final class ImageLinker {
    private final NetworkImage image;
    private final ChipLayout layout;
    private final Architecture arch;

    ImageLinker(NetworkImage image, ChipLayout layout) {
        this.image = image;
        this.layout = layout;
        this.arch = image.arch();
    }

    CoreRuntime[] link(long seed, CoreRandom.Factory random) {
        ImageValidator.validate(image);
        int[][][] out = outputLines();
        CoreRuntime[] cores = new CoreRuntime[layout.cores()];
        for (int c = 0; c < cores.length; c++) {
            CoreImage ci = image.cores().get(c);
            NeuronArray neurons = NeuronArrays.createValidated(ci, arch, random.create(seed, ci.id()));
            if (ci.learning().length > 0) {
                neurons = Learning.wrap(neurons, ci, random.create(seed ^ Learning.SEED_SALT, ci.id()));
            }
            AxonDelayBuffer delay = new AxonDelayBuffer(ci.axonCount(), arch.delaySlots());
            cores[c] = link(c, ci, neurons, delay, out[c]);
        }
        return cores;
    }

    private CoreRuntime link(int c, CoreImage ci, NeuronArray neurons, AxonDelayBuffer delay, int[][] out) {
        Targets t = ci.targets();
        int m = t.count();
        long[] target = new long[m];
        int x = ci.id().x();
        int y = ci.id().y();
        int[] dx = t.dx();
        int[] dy = t.dy();
        int[] slot = t.slot();
        int[] axon = t.axon();
        int[] delayOf = t.delay();
        for (int k = 0; k < m; k++) {
            // the validator checked it lands on a used core and axon (< 65,536), delay < 256
            int core = layout.indexOf(x + dx[k], y + dy[k], slot[k]);
            target[k] = CoreRuntime.pack(core, axon[k], delayOf[k]);
        }
        return new CoreRuntime(c, neurons, delay, t.start().clone(), target, out[0], out[1], out[2],
                rowSynapses(ci));
    }

    /** Synapses in each axon's row: the lookups one spike on that axon causes. */
    static int[] rowSynapses(CoreImage ci) {
        int[] n = new int[ci.axonCount()];
        if (ci.synapses() instanceof Crossbar x) {
            int w = x.wordsPerRow();
            long[] bits = x.bits();
            for (int a = 0; a < Math.min(n.length, x.axons()); a++) {
                int row = 0;
                for (int i = 0; i < w; i++) {
                    row += Long.bitCount(bits[a * w + i]);
                }
                n[a] = row;
            }
        } else if (ci.synapses() instanceof SparseRows s) {
            for (int a = 0; a < Math.min(n.length, s.axons()); a++) {
                n[a] = s.rowLength(a);
            }
        }
        return n;
    }

    /**
     * The output-port lines fed by each neuron, per core as {start, port, line} (compressed by
     * neuron: lines of neuron j at [start[j], start[j+1])), in one pass over the port entries.
     */
    private int[][][] outputLines() {
        int cores = layout.cores();
        int[][] start = new int[cores][];
        for (int c = 0; c < cores; c++) {
            start[c] = new int[layout.neurons(c) + 1];
        }
        List<Port> ports = image.outputs();
        for (Port p : ports) {
            for (PortEntry e : p.entries()) {
                start[layout.indexOf(e.core())][e.index() + 1]++;
            }
        }
        int[][][] out = new int[cores][][];
        int[][] fill = new int[cores][];
        for (int c = 0; c < cores; c++) {
            int[] s = start[c];
            for (int j = 0; j + 1 < s.length; j++) {
                s[j + 1] += s[j];
            }
            fill[c] = s.clone();
            out[c] = new int[][] {s, new int[s[s.length - 1]], new int[s[s.length - 1]]};
        }
        for (int p = 0; p < ports.size(); p++) {
            List<PortEntry> entries = ports.get(p).entries();
            for (int i = 0; i < entries.size(); i++) {
                PortEntry e = entries.get(i);
                int c = layout.indexOf(e.core());
                int o = fill[c][e.index()]++;
                out[c][1][o] = p;
                out[c][2][o] = i;
            }
        }
        return out;
    }
}
