package dev.myelin.chip.noc;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Uncontended messages counted in the mesh's own tally, in separate tallies added to it in
 * random order, and read at random points in between, against counting each message on its
 * own by walking its XY path link by link: every link count, counter and histogram (each
 * value's count, min, max, sum) must be equal, on random meshes of one or several chips,
 * with latencies counted densely and, with very slow chip links, in the sparse fallback.
 */
class UncontendedTallyTest {
    /** The reference: each record counted link by link along {@link Mesh#pathLinks}. */
    private static final class Reference {
        final long[] links;
        final ExactHistogram hops = new ExactHistogram();
        final ExactHistogram latency = new ExactHistogram();
        long messages;
        long hopTotal;
        long eastWest;
        long northSouth;
        long crossings;

        Reference(MeshConfig cfg) {
            links = new long[cfg.routers() * Mesh.DIRECTIONS];
        }

        void record(Mesh mesh, MeshConfig cfg, int src, int dst, int count, int[] path) {
            int n = mesh.pathLinks(src, dst, path);
            for (int i = 0; i < n; i++) {
                int l = path[i];
                links[l] += count;
                if (l % Mesh.DIRECTIONS <= Mesh.WEST) {
                    eastWest += count;
                } else {
                    northSouth += count;
                }
                int r = l / Mesh.DIRECTIONS;
                if (cfg.crossesChip(r % cfg.width(), r / cfg.width(), l % Mesh.DIRECTIONS)) {
                    crossings += count;
                }
            }
            messages += count;
            hopTotal += (long) n * count;
            hops.record(n, count);
            latency.record((int) cfg.zeroLoadCycles(src / cfg.coresPerRouter(), dst / cfg.coresPerRouter()), count);
        }
    }

    @Test
    void talliesAddedInAnyOrderCountWhatEachMessageCounts() {
        SplittableRandom rnd = new SplittableRandom(23);
        int sparse = 0;
        for (int trial = 0; trial < 120; trial++) {
            int w = 1 + rnd.nextInt(12);
            int h = 1 + rnd.nextInt(12);
            int perRouter = 1 + rnd.nextInt(3);
            // one trial in four has chip links so slow that latencies leave the dense range
            int chipLink = trial % 4 == 3 ? 30_000 + rnd.nextInt(10_000) : rnd.nextInt(30);
            MeshConfig cfg = new MeshConfig(w, h, perRouter, 1 + rnd.nextInt(4), 1 + rnd.nextInt(4),
                    1 + rnd.nextInt(3), 1 + rnd.nextInt(3), chipLink, rnd.nextInt(3), rnd.nextInt(3), 4,
                    rnd.nextInt(5), rnd.nextInt(5));
            Mesh mesh = new Mesh(cfg);
            List<UncontendedTally> tallies = new ArrayList<>();
            for (int k = rnd.nextInt(4); k >= 0; k--) {
                tallies.add(mesh.newTally());
            }
            if (tallies.get(0).latencyCounts == null) {
                sparse++;
            }
            Reference ref = new Reference(cfg);
            int[] path = new int[w + h];
            TrafficStats s = null;
            for (int batch = 1 + rnd.nextInt(3); batch > 0; batch--) {
                for (int m = rnd.nextInt(300); m > 0; m--) {
                    int src = rnd.nextInt(cfg.cores());
                    int dst = rnd.nextInt(cfg.cores());
                    // a zero count now and then: the histograms' min and max must still see it
                    int count = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(5);
                    ref.record(mesh, cfg, src, dst, count, path);
                    int to = rnd.nextInt(tallies.size() + 1);
                    if (to == tallies.size()) {
                        mesh.recordUncontended(src, dst, count);
                    } else {
                        tallies.get(to).record(src, dst, count);
                    }
                    if (rnd.nextInt(50) == 0) {
                        mesh.addUncontended(tallies.get(rnd.nextInt(tallies.size())));
                    }
                }
                for (UncontendedTally t : tallies) {
                    mesh.addUncontended(t);
                    assertThat(t.isEmpty()).isTrue();
                }
                s = mesh.stats();
            }
            String at = "trial " + trial;
            assertThat(s.linkPackets()).as(at).isEqualTo(ref.links);
            assertThat(List.of(s.messages(), s.injected(), s.ejected(), s.hopTotal(), s.hopsEastWest(),
                    s.hopsNorthSouth(), s.chipLinkCrossings()))
                    .as(at)
                    .isEqualTo(List.of(ref.messages, ref.messages, ref.messages, ref.hopTotal, ref.eastWest,
                            ref.northSouth, ref.crossings));
            same(s.hops(), ref.hops, at + " hops");
            same(s.packetLatency(), ref.latency, at + " packet latency");
            same(s.networkLatency(), ref.latency, at + " network latency");
            // the tallies are clear: a second reading adds nothing
            assertThat(mesh.stats().messages()).as(at).isEqualTo(ref.messages);
        }
        assertThat(sparse).isPositive();
    }

    private static void same(ExactHistogram got, ExactHistogram want, String at) {
        assertThat(got.count()).as(at).isEqualTo(want.count());
        assertThat(got.sum()).as(at).isEqualTo(want.sum());
        assertThat(got.min()).as(at).isEqualTo(want.min());
        assertThat(got.max()).as(at).isEqualTo(want.max());
        assertThat(got.summary()).as(at).isEqualTo(want.summary());
        for (int v = 0; v <= want.max(); v++) {
            assertThat(got.countOf(v)).as(at + " value %d", v).isEqualTo(want.countOf(v));
        }
    }

    @Test
    void aMeshTakesOnlyItsOwnTallies() {
        MeshConfig cfg = MeshConfig.single(4, 4, 1, 1, 1, 4);
        Mesh a = new Mesh(cfg);
        Mesh b = new Mesh(cfg);
        assertThatThrownBy(() -> a.addUncontended(b.newTally())).isInstanceOf(IllegalArgumentException.class);
    }
}
