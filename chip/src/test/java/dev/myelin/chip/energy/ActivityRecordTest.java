package dev.myelin.chip.energy;

import dev.myelin.isa.model.CoreId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record keeps, from the cores a tick opens alone, exactly what sweeping every core's row
 * every tick gives: per-core totals, sums per pricing class, the busiest cores' latencies.
 */
class ActivityRecordTest {
    @Test
    void incrementalFiguresEqualAFullSweepEveryTick() {
        Random r = new Random(7);
        List<CoreInfo> cores = new ArrayList<>();
        for (int c = 0; c < 70; c++) {
            cores.add(new CoreInfo(new CoreId(c % 9, c / 9, 0), c % 3 == 0, 16, 16));
        }
        Pricing p = new Pricing(Profiles.loihiCalibrated(), cores, 70, 70, 1, 0);
        ActivityRecord rec = new ActivityRecord(cores, p);
        int k = Activity.COUNT;
        long[] rows = new long[70 * k];
        long[] totals = new long[70 * k];
        boolean[] sparse = new boolean[70];
        for (int c = 0; c < 70; c++) {
            sparse[c] = cores.get(c).sparse();
        }
        long[] run = new long[ActivityRecord.CLASSES];
        for (int t = 0; t < 300; t++) {
            rec.begin();
            // tick 0 sets every row; later ticks change a few cores (sometimes none)
            int changed = t == 0 ? 70 : r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(5);
            for (int i = 0; i < changed; i++) {
                int c = t == 0 ? i : r.nextInt(70);
                rec.open(c);
                for (int a = 0; a < k; a++) {
                    long v = r.nextInt(3) == 0 ? 0 : r.nextInt(50);
                    rows[c * k + a] = v;
                    rec.rows()[c * k + a] = v;
                }
            }
            rec.addHops(t, 2L * t, 1);
            rec.end();
            for (int i = 0; i < rows.length; i++) {
                totals[i] += rows[i];
            }
            long[] sums = ActivityRecord.classSums(rows, sparse);
            for (int i = 0; i < sums.length; i++) {
                run[i] += sums[i];
            }
            assertThat(rec.tickClassSums()).containsExactly(sums);
            assertThat(p.simpleLatencyNs(rec)).isEqualTo(p.simpleLatencyNs(rows));
            double[] swept = new double[Component.COUNT];
            double[] kept = new double[Component.COUNT];
            p.addDynamic(rows, swept);
            p.addDynamic(rec, kept);
            assertThat(kept).containsExactly(swept);
            if (t % 37 == 0) {
                assertThat(rec.coreTotals()).containsExactly(totals);
            }
        }
        assertThat(rec.coreTotals()).containsExactly(totals);
        for (Activity a : Activity.all()) {
            assertThat(rec.runSum(a)).isEqualTo(run[a.ordinal()]);
        }
        assertThat(rec.ticks()).isEqualTo(300);
        assertThat(rec.runHopsEastWest()).isEqualTo(299L * 300 / 2);
        assertThat(rec.runChipLinkCrossings()).isEqualTo(300);
    }

    @Test
    void puttingWholeRowsGivesWhatOpeningAndWritingGives() {
        // the same random ticks written both ways; half the rows put are the core's row of the
        // tick before (the record's shortcut), some cores twice in a tick (the second is ignored)
        Random r = new Random(11);
        List<CoreInfo> cores = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            cores.add(new CoreInfo(new CoreId(c % 7, c / 7, 0), c % 4 == 1, 16, 16));
        }
        Pricing p = new Pricing(Profiles.loihiCalibrated(), cores, 40, 40, 1, 0);
        ActivityRecord opened = new ActivityRecord(cores, p);
        ActivityRecord put = new ActivityRecord(cores, p);
        int k = Activity.COUNT;
        long[] row = new long[k];
        for (int t = 0; t < 400; t++) {
            opened.begin();
            put.begin();
            int changed = r.nextInt(6) == 0 ? 0 : 1 + r.nextInt(40);
            for (int i = 0; i < changed; i++) {
                int c = r.nextInt(40);
                boolean same = r.nextBoolean();
                for (int a = 0; a < k; a++) {
                    row[a] = same ? put.get(c, Activity.all().get(a)) : r.nextInt(3) == 0 ? 0 : r.nextInt(50);
                }
                boolean first = !opened.isOpen(c);
                assertThat(put.isOpen(c)).isEqualTo(!first);
                assertThat(put.put(c, row)).isEqualTo(first);
                if (opened.open(c)) {
                    System.arraycopy(row, 0, opened.rows(), c * k, k);
                }
                assertThat(put.isOpen(c)).isTrue();
            }
            opened.addHops(t, 1, 0);
            put.addHops(t, 1, 0);
            opened.end();
            put.end();
            assertThat(put.rows()).containsExactly(opened.rows());
            assertThat(put.tickClassSums()).containsExactly(opened.tickClassSums());
            assertThat(put.maxGenerationNs()).isEqualTo(opened.maxGenerationNs());
            assertThat(put.maxReceiveNs()).isEqualTo(opened.maxReceiveNs());
            if (t % 23 == 0) {
                assertThat(put.coreTotals()).containsExactly(opened.coreTotals());
            }
        }
        assertThat(put.coreTotals()).containsExactly(opened.coreTotals());
        for (Activity a : Activity.all()) {
            assertThat(put.runSum(a)).isEqualTo(opened.runSum(a));
        }
    }

    @Test
    void openingACoreTwiceInATickKeepsWhatWasWritten() {
        List<CoreInfo> cores = List.of(new CoreInfo(new CoreId(0, 0, 0), false, 4, 4));
        ActivityRecord rec = new ActivityRecord(cores, null);
        rec.begin();
        assertThat(rec.open(0)).isTrue();
        rec.rows()[Activity.SPIKES.at(0)] = 3;
        assertThat(rec.open(0)).isFalse();
        rec.end();
        rec.begin();
        rec.end();
        assertThat(rec.get(0, Activity.SPIKES)).isEqualTo(3);
        assertThat(rec.runSum(Activity.SPIKES)).isEqualTo(6);
        assertThat(rec.coreTotals()[Activity.SPIKES.at(0)]).isEqualTo(6);
    }
}
