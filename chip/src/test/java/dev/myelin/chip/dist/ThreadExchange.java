package dev.myelin.chip.dist;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * K members of a partitioned run in one JVM, each on its own thread, swapping windows through
 * bounded queues: the exchange semantics without a transport, for fast tests. A wait longer than
 * {@code timeoutMs} reports the peer as lost, as the real transport does.
 */
final class ThreadExchange implements SpikeExchange {
    private final int rank;
    private final int k;
    private final BlockingQueue<long[]>[][] mail;
    private final BlockingQueue<byte[]>[] gathered;
    private final long timeoutMs;

    private ThreadExchange(int rank, int k, BlockingQueue<long[]>[][] mail, BlockingQueue<byte[]>[] gathered, long timeoutMs) {
        this.rank = rank;
        this.k = k;
        this.mail = mail;
        this.gathered = gathered;
        this.timeoutMs = timeoutMs;
    }

    @SuppressWarnings("unchecked")
    static ThreadExchange[] members(int k, long timeoutMs) {
        BlockingQueue<long[]>[][] mail = new BlockingQueue[k][k];
        BlockingQueue<byte[]>[] gathered = new BlockingQueue[k];
        for (int a = 0; a < k; a++) {
            gathered[a] = new ArrayBlockingQueue<>(4);
            for (int b = 0; b < k; b++) {
                mail[a][b] = new ArrayBlockingQueue<>(4);
            }
        }
        ThreadExchange[] m = new ThreadExchange[k];
        for (int r = 0; r < k; r++) {
            m[r] = new ThreadExchange(r, k, mail, gathered, timeoutMs);
        }
        return m;
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int partitions() {
        return k;
    }

    @Override
    public void exchange(long tick, LinkRecords[] out, LinkRecords[] in) {
        for (int p = 0; p < k; p++) {
            if (p != rank) {
                long[] w = java.util.Arrays.copyOf(out[p].words(), 2 * out[p].size() + 1);
                w[w.length - 1] = tick;
                put(mail[rank][p], w, p, tick);
            }
        }
        for (int p = 0; p < k; p++) {
            if (p != rank) {
                long[] w = take(mail[p][rank], p, tick);
                if (w[w.length - 1] != tick) {
                    throw new IllegalStateException("window of tick " + w[w.length - 1] + " while at " + tick);
                }
                int n = (w.length - 1) / 2;
                in[p].resize(n);
                System.arraycopy(w, 0, in[p].words(), 0, 2 * n);
            }
        }
    }

    @Override
    public byte[][] gather(long tick, byte[] payload) {
        if (rank != 0) {
            put(gathered[rank], payload, 0, tick);
            return null;
        }
        byte[][] all = new byte[k][];
        all[0] = payload;
        for (int p = 1; p < k; p++) {
            all[p] = take(gathered[p], p, tick);
        }
        return all;
    }

    private <T> void put(BlockingQueue<T> q, T v, int peer, long tick) {
        try {
            if (!q.offer(v, timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new PartitionLostException(peer, address(peer), tick, "queue full");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartitionLostException(peer, address(peer), tick, "interrupted");
        }
    }

    private <T> T take(BlockingQueue<T> q, int peer, long tick) {
        try {
            T v = q.poll(timeoutMs, TimeUnit.MILLISECONDS);
            if (v == null) {
                throw new PartitionLostException(peer, address(peer), tick, "sent nothing for " + timeoutMs + " ms");
            }
            return v;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartitionLostException(peer, address(peer), tick, "interrupted");
        }
    }

    @Override
    public String address(int r) {
        return "thread-" + r;
    }

    @Override
    public void close() {
    }
}
