package dev.myelin.isa.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding a core by its place: the dense table and the sparse fallback agree with a plain search. */
class CoreGridTest {
    private static CoreImage core(int x, int y, int slot) {
        return new CoreImage(new CoreId(x, y, slot), new int[1], TrueNorthNeurons.zeros(1), Crossbar.empty(1, 1),
                List.of(), new Targets(new int[] {0, 0}, new int[0], new int[0], new int[0], new int[0], new int[0]),
                new byte[0]);
    }

    private static void agreesWithASearch(List<CoreImage> cores, int slots, int x0, int x1, int y0, int y1) {
        CoreGrid g = new CoreGrid(cores, slots);
        for (int x = x0; x <= x1; x++) {
            for (int y = y0; y <= y1; y++) {
                for (int s = -1; s <= slots; s++) {
                    int expected = -1;
                    for (int i = 0; i < cores.size(); i++) {
                        if (cores.get(i).id().equals(new CoreId(x, y, s))) {
                            expected = i;
                        }
                    }
                    assertThat(g.indexOf(x, y, s)).as("(%d,%d,%d)", x, y, s).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void aDenseBlockOfCoresIsFoundAtEveryPlaceAndNothingElse() {
        List<CoreImage> cores = new ArrayList<>();
        for (int y = 3; y < 6; y++) {
            for (int x = 10; x < 14; x++) {
                cores.add(core(x, y, (x + y) % 2));
            }
        }
        agreesWithASearch(cores, 2, 8, 15, 1, 7);
    }

    @Test
    void twoFarCoresUseTheSparseFallbackWithTheSameAnswers() {
        List<CoreImage> cores = List.of(core(0, 0, 0), core(4000, 700, 0), core(4000, 701, 0));
        CoreGrid g = new CoreGrid(cores, 1);
        assertThat(g.indexOf(4000, 700, 0)).isEqualTo(1);
        assertThat(g.indexOf(new CoreId(4000, 701, 0))).isEqualTo(2);
        assertThat(g.indexOf(0, 0, 0)).isZero();
        assertThat(g.indexOf(1, 0, 0)).isEqualTo(-1);
        agreesWithASearch(cores, 1, 3998, 4001, 699, 702);
    }

    @Test
    void anEmptyImageFindsNothingAndTwoCoresInOnePlaceAreRefused() {
        assertThat(new CoreGrid(List.of(), 1).indexOf(0, 0, 0)).isEqualTo(-1);
        assertThatThrownBy(() -> new CoreGrid(List.of(core(1, 1, 0), core(1, 1, 0)), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
