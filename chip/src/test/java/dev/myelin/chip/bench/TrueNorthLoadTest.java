package dev.myelin.chip.bench;

import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.Crossbar;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Targets;
import dev.myelin.isa.model.TrueNorthNeurons;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole-chip benchmark load has the shape its class comment promises. */
class TrueNorthLoadTest {
    @Test
    void everyCoreIsUsedAQuarterOfTheCrossbarIsSetAndEveryAxonHasOneSource() {
        NetworkImage img = TrueNorthLoad.full(7);
        assertThat(img.cores()).hasSize(4096);
        long synapses = 0;
        // sources[core][axon]: how many neurons of the chip target that axon
        int[][] sources = new int[4096][256];
        int[] hopClass = new int[3];
        for (CoreImage ci : img.cores()) {
            Crossbar xb = (Crossbar) ci.synapses();
            assertThat(xb.axons()).isEqualTo(256);
            assertThat(xb.neurons()).isEqualTo(256);
            synapses += Arrays.stream(xb.bits()).map(Long::bitCount).sum();
            Targets t = ci.targets();
            assertThat(t.count()).isEqualTo(256);
            for (int j = 0; j < 256; j++) {
                int x = ci.id().x() + t.dx()[j];
                int y = ci.id().y() + t.dy()[j];
                assertThat(x).isBetween(0, 63);
                assertThat(y).isBetween(0, 63);
                assertThat(t.axon()[j]).isEqualTo(j);
                assertThat(t.delay()[j]).isEqualTo(1 + j % 15);
                sources[y * 64 + x][j]++;
                int hops = Math.abs(t.dx()[j]) + Math.abs(t.dy()[j]);
                hopClass[hops == 0 ? 0 : hops <= 6 ? 1 : 2]++;
            }
            TrueNorthNeurons p = (TrueNorthNeurons) ci.neurons();
            assertThat(p.leak()).containsOnly(1);
            assertThat(Arrays.stream(p.v0()).allMatch(v -> v >= 0 && v < TrueNorthLoad.ALPHA)).isTrue();
        }
        // 4096 x 65536 bits, each set with probability 1/4: mean 67,108,864, sigma about 7,000
        assertThat(synapses).isBetween(67_108_864L - 50_000, 67_108_864L + 50_000);
        for (int[] core : sources) {
            assertThat(core).containsOnly(1);
        }
        // a third of the neurons stay on their core; the far third rarely lands within 6 hops
        assertThat(hopClass[0]).isGreaterThanOrEqualTo(4096 * 86);
        assertThat(hopClass[2]).isGreaterThan(4096 * 80);
    }

    @Test
    void aCornerOfTheMeshKeepsItsTargetsInsideAndEveryAxonHasOneSource() {
        int side = 5;
        NetworkImage img = TrueNorthLoad.full(7, side);
        assertThat(img.cores()).hasSize(side * side);
        int[][] sources = new int[side * side][256];
        for (CoreImage ci : img.cores()) {
            assertThat(ci.id().x()).isBetween(0, side - 1);
            assertThat(ci.id().y()).isBetween(0, side - 1);
            Targets t = ci.targets();
            for (int j = 0; j < 256; j++) {
                int x = ci.id().x() + t.dx()[j];
                int y = ci.id().y() + t.dy()[j];
                assertThat(x).isBetween(0, side - 1);
                assertThat(y).isBetween(0, side - 1);
                sources[y * side + x][j]++;
            }
        }
        for (int[] core : sources) {
            assertThat(core).containsOnly(1);
        }
        // the whole mesh is the load of full(seed): the same image
        assertThat(TrueNorthLoad.full(3, TrueNorthLoad.MESH).cores().get(100).targets().dx())
                .isEqualTo(TrueNorthLoad.full(3).cores().get(100).targets().dx());
        assertThat(TrueNorthLoad.idle(3, 2).cores()).hasSize(4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrueNorthLoad.full(1, 65))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("mesh side 65 is out of range [1, 64]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrueNorthLoad.full(1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameSeedGivesTheSameChipAndTheIdleChipHasNoDrive() {
        CoreImage a = TrueNorthLoad.full(3).cores().get(100);
        CoreImage b = TrueNorthLoad.full(3).cores().get(100);
        assertThat(((Crossbar) a.synapses()).bits()).isEqualTo(((Crossbar) b.synapses()).bits());
        assertThat(a.targets().dx()).isEqualTo(b.targets().dx());
        CoreImage idle = TrueNorthLoad.idle(3).cores().get(100);
        assertThat(idle.id()).isEqualTo(new CoreId(36, 1, 0));
        assertThat(((TrueNorthNeurons) idle.neurons()).leak()).containsOnly(0);
        assertThat(((Crossbar) idle.synapses()).bits()).isEqualTo(((Crossbar) a.synapses()).bits());
    }
}
