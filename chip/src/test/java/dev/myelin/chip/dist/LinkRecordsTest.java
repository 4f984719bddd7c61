package dev.myelin.chip.dist;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkRecordsTest {
    /** Fields survive packing; the order is due tick, target core, axon, source core, source neuron. */
    @Test
    void sortsIntoMergeOrder() {
        // (due, target, axon, srcCore, srcNeuron), listed in the expected order
        int[][] expected = {
            {5, 0, 9, 3, 1}, {5, 1, 0, 7, 2}, {5, 1, 2, 0, 0}, {5, 1, 2, 0, 4}, {5, 1, 2, 6, 0}, {6, 0, 0, 0, 0},
            {6, 16_777_215, 65_535, 16_777_215, 65_535},
        };
        LinkRecords r = new LinkRecords(2);
        for (int i = expected.length - 1; i >= 0; i--) {
            int[] e = expected[(i * 3) % expected.length]; // a scrambled order: 3 and 7 are coprime
            r.add(LinkRecords.first(e[0], e[1]), LinkRecords.second(e[2], e[3], e[4]));
        }
        r.sort(new LinkRecords());
        assertEquals(expected.length, r.size());
        for (int i = 0; i < expected.length; i++) {
            long f = r.first(i);
            long s = r.second(i);
            int[] got = {(int) LinkRecords.dueTick(f), LinkRecords.targetCore(f), LinkRecords.axon(s),
                LinkRecords.sourceCore(s), LinkRecords.sourceNeuron(s)};
            assertEquals(java.util.Arrays.toString(expected[i]), java.util.Arrays.toString(got), "record " + i);
        }
    }

    @Test
    void dropAndMergeKeepsTheTailInOrder() {
        LinkRecords q = new LinkRecords(1);
        for (int due : new int[] {1, 2, 4, 6}) {
            q.add(LinkRecords.first(due, 0), 0);
        }
        LinkRecords more = new LinkRecords(1);
        for (int due : new int[] {3, 4, 5}) {
            more.add(LinkRecords.first(due, 1), 0);
        }
        q.dropAndMerge(2, more, new LinkRecords());
        // dropped 1 and 2; merged: 3, 4 (core 0), 4 (core 1), 5, 6
        long[] want = {LinkRecords.first(3, 1), LinkRecords.first(4, 0), LinkRecords.first(4, 1),
            LinkRecords.first(5, 1), LinkRecords.first(6, 0)};
        assertEquals(want.length, q.size());
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], q.first(i), "record " + i);
        }
    }
}
