package dev.myelin.chip.noc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExactHistogramTest {
    @Test
    void summaryOfOneToHundredIsExact() {
        ExactHistogram h = new ExactHistogram();
        for (int v = 100; v >= 1; v--) {
            h.record(v);
        }
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.min()).isEqualTo(1);
        assertThat(h.max()).isEqualTo(100);
        assertThat(h.mean()).isEqualTo(50.5);
        // nearest rank: ceil(0.99 * 100) = 99th smallest
        assertThat(h.percentile(99)).isEqualTo(99);
        assertThat(h.percentile(50)).isEqualTo(50);
        assertThat(h.percentile(100)).isEqualTo(100);
    }

    @Test
    void valuesPastTheDenseRangeAreCountedExactlyToo() {
        ExactHistogram h = new ExactHistogram();
        int big = ExactHistogram.DENSE_LIMIT + 5;
        h.record(7);
        h.record(big);
        h.record(big);
        h.record(Integer.MAX_VALUE);
        assertThat(h.countOf(big)).isEqualTo(2);
        assertThat(h.max()).isEqualTo(Integer.MAX_VALUE);
        // nearest rank: ceil(0.5 * 4) = 2nd smallest, ceil(0.99 * 4) = 4th
        assertThat(h.percentile(50)).isEqualTo(big);
        assertThat(h.percentile(99)).isEqualTo(Integer.MAX_VALUE);
        assertThat(h.sum()).isEqualTo(7L + 2L * big + Integer.MAX_VALUE);
        ExactHistogram copy = new ExactHistogram();
        copy.add(h);
        assertThat(copy.percentile(50)).isEqualTo(big);
        assertThat(copy.count()).isEqualTo(4);
    }

    @Test
    void addMergesCountsAndExtremes() {
        ExactHistogram a = new ExactHistogram();
        ExactHistogram b = new ExactHistogram();
        a.record(3);
        b.record(1000);
        b.record(3);
        a.add(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.countOf(3)).isEqualTo(2);
        assertThat(a.max()).isEqualTo(1000);
        assertThat(a.sum()).isEqualTo(1006);
        a.reset();
        assertThat(a.count()).isZero();
        assertThat(a.summary()).isEqualTo("min=0 mean=0.00 max=0 p99=0 (n=0)");
    }
}
