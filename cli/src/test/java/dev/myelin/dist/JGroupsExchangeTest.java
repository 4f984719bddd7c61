package dev.myelin.dist;

import dev.myelin.chip.dist.LinkRecords;
import dev.myelin.chip.dist.PartitionLostException;
import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two members in one JVM on 127.0.0.1: windows and the gather pass, a handshake mismatch is refused by field, a closed peer is lost. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JGroupsExchangeTest {
    private static List<Member> members(int k) throws Exception {
        List<ServerSocket> held = new ArrayList<>();
        List<Member> m = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            held.add(s);
            m.add(new Member("127.0.0.1", s.getLocalPort()));
        }
        for (ServerSocket s : held) {
            s.close();
        }
        return m;
    }

    @Test
    void windowsTravelAndAMismatchedHandshakeIsRefused() throws Exception {
        List<Member> m = members(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Long> other = pool.submit(() -> {
                try (JGroupsExchange x = JGroupsExchange.join(m, 1, "t1", "version=1;model=ab", 60_000, 10_000)) {
                    LinkRecords[] out = {new LinkRecords(), new LinkRecords()};
                    LinkRecords[] in = {new LinkRecords(), new LinkRecords()};
                    out[0].add(LinkRecords.first(7, 3), LinkRecords.second(5, 9, 11));
                    x.exchange(0, out, in);
                    long first = in[0].size() == 1 ? in[0].first(0) : -1;
                    out[0].clear();
                    x.exchange(1, out, in);
                    x.gather(1, new byte[] {42});
                    return first;
                }
            });
            long got;
            try (JGroupsExchange x = JGroupsExchange.join(m, 0, "t1", "version=1;model=ab", 60_000, 10_000)) {
                LinkRecords[] out = {new LinkRecords(), new LinkRecords()};
                LinkRecords[] in = {new LinkRecords(), new LinkRecords()};
                out[1].add(LinkRecords.first(8, 1), LinkRecords.second(2, 4, 6));
                x.exchange(0, out, in);
                assertEquals(1, in[1].size());
                assertEquals(LinkRecords.first(7, 3), in[1].first(0));
                assertEquals(LinkRecords.second(5, 9, 11), in[1].second(0));
                out[1].clear();
                x.exchange(1, out, in);
                assertEquals(0, in[1].size(), "an empty window is still one message");
                byte[][] parts = x.gather(1, new byte[] {7});
                assertEquals(7, parts[0][0]);
                assertEquals(42, parts[1][0]);
            }
            got = other.get(60, TimeUnit.SECONDS);
            assertEquals(LinkRecords.first(8, 1), got);

            List<Member> m2 = members(2);
            Future<?> peer = pool.submit(() -> {
                try (JGroupsExchange x = JGroupsExchange.join(m2, 1, "t2", "version=1;model=cd", 60_000, 10_000)) {
                    return null;
                } catch (MyelinInputException e) {
                    return null; // this side refuses too
                }
            });
            MyelinInputException e = assertThrows(MyelinInputException.class,
                    () -> JGroupsExchange.join(m2, 0, "t2", "version=1;model=ab", 60_000, 10_000).close());
            assertEquals("handshake with partition 1 (" + m2.get(1) + ") failed: model differs (here ab, there cd)",
                    e.getMessage());
            peer.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPeerThatLeavesIsReportedLost() throws Exception {
        List<Member> m = members(2);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> other = pool.submit(() -> {
                JGroupsExchange.join(m, 1, "t3", "v", 60_000, 10_000).close();
                return null;
            });
            try (JGroupsExchange x = JGroupsExchange.join(m, 0, "t3", "v", 60_000, 10_000)) {
                other.get(60, TimeUnit.SECONDS);
                long start = System.nanoTime();
                LinkRecords[] out = {new LinkRecords(), new LinkRecords()};
                LinkRecords[] in = {new LinkRecords(), new LinkRecords()};
                PartitionLostException e = assertThrows(PartitionLostException.class, () -> x.exchange(4, out, in));
                assertEquals("partition 1 (" + m.get(1) + ") left at tick 4 (left the group)", e.getMessage());
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "detected before the hang timeout");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A peer that stays in the group but sends nothing (frozen) is lost after the hang timeout, not before. */
    @Test
    void aSilentPeerIsLostAfterTheHangTimeout() throws Exception {
        List<Member> m = members(2);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        try {
            Future<?> other = pool.submit(() -> {
                try (JGroupsExchange x = JGroupsExchange.join(m, 1, "t4", "v", 60_000, 1_500)) {
                    done.await(30, TimeUnit.SECONDS); // joined, then silent
                }
                return null;
            });
            try (JGroupsExchange x = JGroupsExchange.join(m, 0, "t4", "v", 60_000, 1_500)) {
                LinkRecords[] out = {new LinkRecords(), new LinkRecords()};
                LinkRecords[] in = {new LinkRecords(), new LinkRecords()};
                long start = System.nanoTime();
                PartitionLostException e = assertThrows(PartitionLostException.class, () -> x.exchange(9, out, in));
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals("partition 1 (" + m.get(1) + ") left at tick 9 (sent nothing for 1.5 s)", e.getMessage());
                assertTrue(ms >= 1_500 && ms < 10_000, ms + " ms");
            } finally {
                done.countDown();
            }
            other.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
