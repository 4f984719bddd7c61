package dev.myelin.tests.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What one tick of the {@code truenorth-full} load costs at the least, written plainly outside the
 * engine: 4,096 cores of 256 axons x 256 neurons, crossbars 25% dense, 5 active axons per core and
 * tick (about 20,500 rows and 1.3M synaptic adds), every neuron leaked, tested against its
 * threshold and reset. Nothing else: no delay buffers, packets, routing, delivery, counters or
 * timing; V in one flat array, each row's weight from its axon, and the next 16 cores' rows and V
 * read ahead so that their cache misses overlap. One operation is one tick.
 * <ul>
 *   <li>{@code rows=chip}: each core reads its own crossbar (32 MB in all, outside the caches);</li>
 *   <li>{@code rows=cached}, the baseline: every core reads the rows of one of 16 crossbars
 *       (128 KB, held in the caches), so the difference is what the crossbar's cache misses cost.</li>
 * </ul>
 * Against the 1 ms of a real-time tick (docs/performance.md, "What the open targets need"), and
 * against the engine's cores' phase on the same load ({@code myelin bench truenorth-full --phases}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrueNorthDatapathFloorBenchmark {
    static final int CORES = 4096;
    static final int NEURONS = 256;
    static final int ACTIVE = 5;
    /** Tick patterns of active axons, drawn at set-up and taken in turn. */
    static final int PATTERNS = 64;
    /** Cores read ahead of the one being stepped. */
    static final int AHEAD = 16;
    static final int THRESHOLD = 200;

    @Param({"1", "2"})
    public int threads;

    @Param({"chip", "cached"})
    public String rows;

    private int[] v;
    private long[] crossbar;
    private int[][] active;
    private boolean cached;
    private long tick;
    private ExecutorService pool;

    @Setup(Level.Trial)
    public void chip() {
        SplittableRandom r = new SplittableRandom(11);
        v = new int[CORES * NEURONS];
        crossbar = new long[CORES * NEURONS * 4];
        for (int i = 0; i < crossbar.length; i++) {
            long word = 0;
            for (int b = 0; b < 64; b++) {
                if (r.nextInt(4) == 0) {
                    word |= 1L << b;
                }
            }
            crossbar[i] = word;
        }
        active = new int[PATTERNS][CORES * ACTIVE];
        for (int[] pattern : active) {
            for (int i = 0; i < pattern.length; i++) {
                pattern[i] = r.nextInt(NEURONS);
            }
        }
        cached = rows.equals("cached");
        pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1) : null;
    }

    @TearDown(Level.Trial)
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Benchmark
    public long tick() throws InterruptedException, ExecutionException {
        int pattern = (int) (tick++ % PATTERNS);
        if (pool == null) {
            return cores(pattern, 0, CORES);
        }
        List<Future<Long>> parts = new ArrayList<>(threads - 1);
        for (int p = 1; p < threads; p++) {
            int from = CORES * p / threads;
            int to = CORES * (p + 1) / threads;
            parts.add(pool.submit(() -> cores(pattern, from, to)));
        }
        long sum = cores(pattern, 0, CORES / threads);
        for (Future<Long> part : parts) {
            sum += part.get();
        }
        return sum;
    }

    /**
     * Cores [from, to) of one tick; returns a checksum for the benchmark's sink: the neurons that
     * fired, and the values read ahead (so that those reads are kept).
     */
    private long cores(int pattern, int from, int to) {
        int[] act = active[pattern];
        int[] vs = v;
        long[] xb = crossbar;
        long fired = 0;
        long ahead = 0;
        for (int c = from; c < to; c++) {
            if (c + AHEAD < to) {
                ahead += readAhead(act, c + AHEAD);
            }
            int base = c * NEURONS;
            int rowsBase = (cached ? (c & 15) * NEURONS : base) * 4;
            for (int k = 0; k < ACTIVE; k++) {
                int a = act[c * ACTIVE + k];
                int w = (a & 3) * 2 - 3; // the axon type's weight: -3, -1, 1 or 3
                int row = rowsBase + a * 4;
                for (int q = 0; q < 4; q++) {
                    int at = base + (q << 6);
                    for (long bits = xb[row + q]; bits != 0; bits &= bits - 1) {
                        vs[at + Long.numberOfTrailingZeros(bits)] += w;
                    }
                }
            }
            for (int j = base; j < base + NEURONS; j++) {
                int x = vs[j] - 1; // leak
                int fire = (THRESHOLD - x) >> 31; // all ones when x > THRESHOLD
                vs[j] = x & ~fire; // reset to 0
                fired -= fire;
            }
        }
        return fired * 31 + ahead;
    }

    /** Touches core c's active rows and its V's cache lines, so that their misses start now. */
    private long readAhead(int[] act, int c) {
        int base = c * NEURONS;
        int rowsBase = (cached ? (c & 15) * NEURONS : base) * 4;
        long sum = 0;
        for (int k = 0; k < ACTIVE; k++) {
            sum += crossbar[rowsBase + act[c * ACTIVE + k] * 4];
        }
        for (int j = 0; j < NEURONS; j += 16) {
            sum += v[base + j];
        }
        return sum;
    }
}
