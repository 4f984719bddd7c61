package dev.myelin.tests.golden;

import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.LoihiNeurons;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Port;
import dev.myelin.isa.model.PortEntry;
import dev.myelin.isa.model.SparseRows;
import dev.myelin.isa.model.Symbol;
import dev.myelin.isa.model.SynapseFormat;
import dev.myelin.isa.model.Targets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A golden Loihi case as a Myelin image: one core at (0,0,0) of the {@code loihi} preset, input
 * {@code i} of the case on axon {@code i} (input port "in"), neuron {@code j} on neuron
 * {@code j} (output port "out"), one axon type whose format carries the case's
 * num_weight_bits, weight_exp and the sign mode Lava derives from the weights.
 */
public final class LoihiGoldenImages {
    public static final CoreId CORE = new CoreId(0, 0, 0);

    private LoihiGoldenImages() {
    }

    /** Lava's determine_sign_mode: excitatory if all weights &gt;= 0, inhibitory if all &lt;= 0, else mixed. */
    public static int signMode(int[][] weights) {
        int min = Arrays.stream(weights).flatMapToInt(Arrays::stream).min().orElse(0);
        int max = Arrays.stream(weights).flatMapToInt(Arrays::stream).max().orElse(0);
        if (min >= 0) {
            return SynapseFormat.EXCITATORY;
        }
        return max <= 0 ? SynapseFormat.INHIBITORY : SynapseFormat.MIXED;
    }

    public static SynapseFormat format(LoihiGoldenCase c) {
        return new SynapseFormat(c.numWeightBits(), c.weightExp(), signMode(c.weights()));
    }

    public static CoreImage core(LoihiGoldenCase c) {
        int n = c.neurons();
        int[] same = new int[n];
        LoihiNeurons p = new LoihiNeurons(n, LoihiNeurons.DECAY_LAVA, fill(n, c.du()), fill(n, c.dv()),
                fill(n, c.vth()), c.biasMant().clone(), c.biasExp().clone(), same.clone(), same.clone());
        int axons = c.inputs();
        int[] rowStart = new int[axons + 1];
        List<int[]> entries = new ArrayList<>();
        for (int a = 0; a < axons; a++) {
            for (int j = 0; j < n; j++) {
                if (c.weights()[j][a] != 0) {
                    entries.add(new int[] {j, c.weights()[j][a]});
                }
            }
            rowStart[a + 1] = entries.size();
        }
        SparseRows rows = new SparseRows(axons, rowStart, entries.stream().mapToInt(e -> e[0]).toArray(),
                entries.stream().mapToInt(e -> e[1]).toArray());
        return new CoreImage(CORE, new int[axons], p, rows, List.of(format(c)), Targets.none(n), new byte[0]);
    }

    public static NetworkImage image(LoihiGoldenCase c) {
        Architecture arch = Presets.require("loihi");
        List<PortEntry> in = new ArrayList<>();
        for (int a = 0; a < c.inputs(); a++) {
            in.add(new PortEntry(CORE, a));
        }
        List<PortEntry> out = new ArrayList<>();
        for (int j = 0; j < c.neurons(); j++) {
            out.add(new PortEntry(CORE, j));
        }
        return new NetworkImage(arch, 0, List.of(core(c)), List.of(new Port("in", in)),
                List.of(new Port("out", out)), List.<Symbol>of());
    }

    private static int[] fill(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }
}
