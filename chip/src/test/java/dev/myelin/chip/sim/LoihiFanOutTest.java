package dev.myelin.chip.sim;

import dev.myelin.chip.core.Counter;
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
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Loihi neuron with three targets (fan-out through its axon list), on its own core and two
 * others, with delays 1, 5 and 63, through the tick engine. Values derived by hand.
 */
class LoihiFanOutTest {
    private static final CoreId A = new CoreId(0, 0, 0);
    private static final CoreId B = new CoreId(0, 0, 1);
    private static final CoreId C = new CoreId(1, 0, 0);

    /**
     * Core A: neuron 0 is the source (threshold 0, du = dv = 4095: fires in the tick its input
     * arrives and nothing after); neuron 1 listens on axon 1 (weight 10). Core B neuron 0 listens
     * on axon 0 (weight -20), core C neuron 0 on axon 3 (weight 7, weightExp 1: a_in = 14).
     */
    private static NetworkImage image() {
        LoihiNeurons a = listeners(2);
        a.du()[0] = 4095;
        a.dv()[0] = 4095;
        a.vth()[0] = 0;
        Targets fanOut = new Targets(new int[] {0, 3, 3}, new int[] {0, 0, 1}, new int[] {0, 0, 0},
                new int[] {0, 1, 0}, new int[] {1, 0, 3}, new int[] {1, 5, 63});
        SynapseFormat mixed = new SynapseFormat(8, 0, SynapseFormat.MIXED);
        CoreImage coreA = new CoreImage(A, new int[2], a, rows(2, new int[][] {{0, 255}, {1, 10}}),
                List.of(mixed), fanOut, new byte[0]);
        CoreImage coreB = new CoreImage(B, new int[1], listeners(1), rows(1, new int[][] {{0, -20}}),
                List.of(mixed), Targets.none(1), new byte[0]);
        CoreImage coreC = new CoreImage(C, new int[4], listeners(1), rows(4, new int[][] {{}, {}, {}, {0, 7}}),
                List.of(new SynapseFormat(8, 1, SynapseFormat.EXCITATORY)), Targets.none(1), new byte[0]);
        return new NetworkImage(Presets.require("loihi"), 0, List.of(coreA, coreB, coreC),
                List.of(new Port("in", List.of(new PortEntry(A, 0)))), List.of(), List.of());
    }

    /** Neurons that hold their input: du = 0 (u keeps 4095/4096), dv = 4095, never fire. */
    private static LoihiNeurons listeners(int n) {
        LoihiNeurons p = LoihiNeurons.zeros(n);
        for (int j = 0; j < n; j++) {
            p.dv()[j] = 4095;
            p.vth()[j] = (1 << 17) - 1;
        }
        return p;
    }

    /** Row {@code a} lists (neuron, weight) pairs flattened; an empty row has no synapse. */
    private static SparseRows rows(int axons, int[][] row) {
        int[] start = new int[axons + 1];
        int total = 0;
        for (int a = 0; a < axons; a++) {
            total += row[a].length / 2;
            start[a + 1] = total;
        }
        int[] post = new int[total];
        int[] weight = new int[total];
        int k = 0;
        for (int[] r : row) {
            for (int i = 0; i < r.length; i += 2, k++) {
                post[k] = r[i];
                weight[k] = r[i + 1];
            }
        }
        return new SparseRows(axons, start, post, weight);
    }

    @Test
    void oneSpikeReachesEveryTargetAfterItsOwnDelay() {
        try (Chip chip = Chip.load(image(), ChipOptions.defaults())) {
            int a = chip.layout().indexOf(A);
            int b = chip.layout().indexOf(B);
            int c = chip.layout().indexOf(C);
            chip.inject("in", 0, 0);
            chip.step();                                          // tick 0: u = 255 << 6 = 16320 > 0: fires
            assertThat(chip.firedCount(a)).isEqualTo(1);
            assertThat(chip.lastTickCounters().total(Counter.SPIKES_OUT)).isEqualTo(3);
            chip.step();                                          // tick 1: delay 1 on the same core
            assertThat(chip.u(a, 1)).isEqualTo(640);              // 10 << 6
            assertThat(chip.firedCount(a)).isZero();              // source: u cleared, v = 0
            chip.step();                                          // tick 2: 640 * 4095 / 4096 = 639.84
            assertThat(chip.u(a, 1)).isEqualTo(639);
            chip.run(2);                                          // ticks 3, 4
            assertThat(chip.u(b, 0)).isZero();
            chip.step();                                          // tick 5: delay 5 to core B
            assertThat(chip.u(b, 0)).isEqualTo(-1280);            // -20 << 6
            chip.step();                                          // tick 6: toward zero: -1279.69 -> -1279
            assertThat(chip.u(b, 0)).isEqualTo(-1279);
            chip.run(56);                                         // ticks 7 .. 62
            assertThat(chip.u(c, 0)).isZero();
            chip.step();                                          // tick 63: delay 63 to core C
            assertThat(chip.u(c, 0)).isEqualTo(896);              // (7 << 1) << 6
            assertThat(chip.v(c, 0)).isEqualTo(896);              // v = trunc0(0) + 896
        }
    }
}
