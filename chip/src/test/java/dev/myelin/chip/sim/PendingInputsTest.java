package dev.myelin.chip.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PendingInputsTest {

    @Test
    void drainsEntriesInTickOrderKeepingTheirCoreAndAxon() {
        for (long seed = 0; seed < 20; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            PendingInputs q = new PendingInputs();
            List<long[]> added = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                long t = r.nextInt(50);
                int c = r.nextInt(8);
                int a = r.nextInt(256);
                q.add(t, c, a);
                added.add(new long[] {t, c, a});
            }
            List<long[]> drained = new ArrayList<>();
            for (long t = 0; t < 50; t++) {
                while (q.hasDue(t)) {
                    drained.add(new long[] {t, q.headCore(), q.headAxon()});
                    q.removeHead();
                }
            }
            assertThat(q.size()).isZero();
            assertThat(drained).hasSize(added.size());
            added.sort(PendingInputsTest::compare);
            drained.sort(PendingInputsTest::compare);
            for (int i = 0; i < added.size(); i++) {
                assertThat(drained.get(i)).containsExactly(added.get(i));
            }
        }
    }

    private static int compare(long[] x, long[] y) {
        for (int i = 0; i < 3; i++) {
            int c = Long.compare(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
