package dev.myelin.tests.bench;

import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.isa.model.Targets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A busy Loihi chip for benchmarks: 16 cores (4 routers x 4 slots) of 1,024 compartments and
 * 1,024 axons, each axon 64 random synapses (two axon types: mixed 8-bit exponent 0 with
 * weights -200..55, and excitatory 6-bit exponent -1 with weights 0..199), each neuron one
 * target (axon j of a random core, delay 1..4). Leaky neurons (du 1024, dv 256, threshold
 * 400 << 6): with the benchmark's input about a fifth of them fire each tick, about 200k
 * synaptic events per tick (measured with seed 3).
 */
final class LoihiBenchNetwork {
    static final int CORES = 16;
    static final int SIZE = 1024;
    static final int FAN_OUT = 64;

    private LoihiBenchNetwork() {
    }

    static NetworkImage image(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<CoreId> ids = new ArrayList<>();
        for (int i = 0; i < CORES; i++) {
            ids.add(new CoreId(i / 4, 0, i % 4));
        }
        List<CoreImage> cores = new ArrayList<>();
        for (CoreId id : ids) {
            cores.add(core(r, id, ids));
        }
        List<PortEntry> in = new ArrayList<>();
        for (int line = 0; line < 64; line++) {
            in.add(new PortEntry(ids.get(line % CORES), r.nextInt(SIZE)));
        }
        return new NetworkImage(Presets.require("loihi"), 0, cores, List.of(new Port("in", in)), List.of(),
                List.of());
    }

    private static CoreImage core(SplittableRandom r, CoreId id, List<CoreId> ids) {
        LoihiNeurons p = LoihiNeurons.zeros(SIZE);
        Arrays.fill(p.du(), 1024);
        Arrays.fill(p.dv(), 256);
        Arrays.fill(p.vth(), 400);
        int[] types = new int[SIZE];
        int[] start = new int[SIZE + 1];
        int[] post = new int[SIZE * FAN_OUT];
        int[] weight = new int[SIZE * FAN_OUT];
        for (int a = 0; a < SIZE; a++) {
            types[a] = a & 1;
            for (int k = a * FAN_OUT; k < (a + 1) * FAN_OUT; k++) {
                post[k] = r.nextInt(SIZE);
                weight[k] = types[a] == 0 ? r.nextInt(256) - 200 : r.nextInt(200);
            }
            start[a + 1] = (a + 1) * FAN_OUT;
        }
        int[] tStart = new int[SIZE + 1];
        int[] dx = new int[SIZE];
        int[] slot = new int[SIZE];
        int[] axon = new int[SIZE];
        int[] delay = new int[SIZE];
        for (int j = 0; j < SIZE; j++) {
            CoreId to = ids.get(r.nextInt(ids.size()));
            dx[j] = to.x() - id.x();
            slot[j] = to.slot();
            axon[j] = j;
            delay[j] = 1 + r.nextInt(4);
            tStart[j + 1] = j + 1;
        }
        return new CoreImage(id, types, p, new SparseRows(SIZE, start, post, weight),
                List.of(new SynapseFormat(8, 0, SynapseFormat.MIXED),
                        new SynapseFormat(6, -1, SynapseFormat.EXCITATORY)),
                new Targets(tStart, dx, new int[SIZE], slot, axon, delay), new byte[0]);
    }
}
