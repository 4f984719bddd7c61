package dev.myelin.chip.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The worker pool's hand-off: every index of every call is run exactly once whatever the thread
 * count and size, a task's failure reaches the caller and leaves the pool usable, and close stops
 * the threads. Each test has a timeout, so a lost wake-up shows as a failure, not a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerPoolTest {
    /** Counts of each index over many calls of many sizes must be exactly the number of calls. */
    @Test
    void everyIndexRunsExactlyOncePerCall() {
        for (int threads = 1; threads <= 4; threads++) {
            try (WorkerPool pool = new WorkerPool(threads)) {
                for (int n : new int[] {0, 1, 2, 3, 7, 10, 16, 63, 64, 65, 1000, 4096}) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(n, 1));
                    int calls = 200;
                    for (int c = 0; c < calls; c++) {
                        pool.forEach(n, runs::incrementAndGet);
                    }
                    for (int i = 0; i < n; i++) {
                        assertThat(runs.get(i)).as("threads %d, n %d, index %d", threads, n, i).isEqualTo(calls);
                    }
                }
            }
        }
    }

    /** Ranges of a call cover [0, n) without overlap and never run empty, on any thread count. */
    @Test
    void rangesCoverEveryIndexExactlyOnce() {
        for (int threads = 1; threads <= 4; threads++) {
            try (WorkerPool pool = new WorkerPool(threads)) {
                for (int n : new int[] {0, 1, 2, 5, 31, 64, 257, 4096, 10_000}) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(n, 1));
                    AtomicInteger empty = new AtomicInteger();
                    int calls = 100;
                    for (int c = 0; c < calls; c++) {
                        pool.forEachRange(n, (start, end) -> {
                            if (start >= end || start < 0 || end > n) {
                                empty.incrementAndGet();
                            }
                            for (int i = start; i < end; i++) {
                                runs.incrementAndGet(i);
                            }
                        });
                    }
                    assertThat(empty.get()).as("threads %d, n %d: empty or out-of-bounds ranges", threads, n).isZero();
                    for (int i = 0; i < n; i++) {
                        assertThat(runs.get(i)).as("threads %d, n %d, index %d", threads, n, i).isEqualTo(calls);
                    }
                }
            }
        }
    }

    /** A call returns only when all its indices are done: the caller sees every write of the call. */
    @Test
    void callReturnsAfterEveryIndexIsDone() {
        try (WorkerPool pool = new WorkerPool(3)) {
            int n = 40;
            int[] plain = new int[n];
            for (int call = 1; call <= 2_000; call++) {
                int expected = call;
                pool.forEach(n, i -> {
                    if ((i & 7) == 0) {
                        Thread.onSpinWait(); // uneven work
                    }
                    plain[i]++;
                });
                for (int i = 0; i < n; i++) {
                    assertThat(plain[i]).as("call %d index %d", call, i).isEqualTo(expected);
                }
            }
        }
    }

    /** The helpers take part: with slow tasks, some index runs on a thread other than the caller's. */
    @Test
    void helpersRunSomeIndices() {
        try (WorkerPool pool = new WorkerPool(2)) {
            Thread me = Thread.currentThread();
            AtomicInteger elsewhere = new AtomicInteger();
            for (int call = 0; call < 50 && elsewhere.get() == 0; call++) {
                pool.forEach(16, i -> {
                    if (Thread.currentThread() != me) {
                        elsewhere.incrementAndGet();
                    }
                    long until = System.nanoTime() + 200_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                });
            }
            assertThat(elsewhere.get()).isPositive();
        }
    }

    /** Calls separated by pauses longer than the spin: the helpers park and are woken again. */
    @Test
    void wakesParkedHelpers() throws InterruptedException {
        try (WorkerPool pool = new WorkerPool(2)) {
            for (int call = 0; call < 20; call++) {
                Thread.sleep(2);
                AtomicIntegerArray runs = new AtomicIntegerArray(8);
                pool.forEach(8, runs::incrementAndGet);
                for (int i = 0; i < 8; i++) {
                    assertThat(runs.get(i)).isEqualTo(1);
                }
            }
        }
    }

    /** A failure on any thread reaches the caller as thrown; the pool works afterwards. */
    @Test
    void failuresPropagateAndPoolStaysUsable() {
        for (int threads = 1; threads <= 4; threads++) {
            try (WorkerPool pool = new WorkerPool(threads)) {
                for (int bad : new int[] {0, 5, 99}) {
                    IllegalArgumentException boom = new IllegalArgumentException("index " + bad);
                    assertThatThrownBy(() -> pool.forEach(100, i -> {
                        if (i == bad) {
                            throw boom;
                        }
                    })).isSameAs(boom);
                    AtomicIntegerArray runs = new AtomicIntegerArray(100);
                    pool.forEach(100, runs::incrementAndGet);
                    for (int i = 0; i < 100; i++) {
                        assertThat(runs.get(i)).as("threads %d after failure at %d", threads, bad).isEqualTo(1);
                    }
                }
                AssertionError error = new AssertionError("an error");
                assertThatThrownBy(() -> pool.forEach(50, i -> {
                    if (i == 37) {
                        throw error;
                    }
                })).isSameAs(error);
            }
        }
    }

    /** Close stops the helper threads; a later call still runs every index, on the caller. */
    @Test
    void closeStopsTheThreads() {
        WorkerPool pool = new WorkerPool(4);
        pool.forEach(100, i -> { });
        assertThat(pool.liveHelpers()).isEqualTo(3);
        pool.close();
        assertThat(pool.liveHelpers()).as("live helper threads after close").isZero();
        AtomicIntegerArray runs = new AtomicIntegerArray(10);
        pool.forEach(10, runs::incrementAndGet);
        for (int i = 0; i < 10; i++) {
            assertThat(runs.get(i)).isEqualTo(1);
        }
    }

    @Test
    void helperThreadsAreDaemons() {
        try (WorkerPool pool = new WorkerPool(3)) {
            pool.forEach(3, i -> { });
            Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("myelin-core-worker-"))
                    .forEach(t -> assertThat(t.isDaemon()).as(t.getName()).isTrue());
        }
    }
}
