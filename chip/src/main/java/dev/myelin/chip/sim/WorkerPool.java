package dev.myelin.chip.sim;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A fixed set of daemon threads that run one task per core index and return when all are
 * done. Indices are handed out in small batches from a shared counter; which thread runs a
 * core never matters because a core task touches only that core's state.
 */
final class WorkerPool implements AutoCloseable {
    private final int threads;
    private final ExecutorService executor;

    WorkerPool(int threads) {
        this.threads = threads;
        this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "myelin-core-worker");
            t.setDaemon(true);
            return t;
        });
    }

    int threads() {
        return threads;
    }

    /** Runs {@code task.accept(i)} for every {@code i} in [0, n); the caller's thread works too. */
    void forEach(int n, IntConsumer task) {
        if (executor == null || n <= 1) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        int batch = Math.max(1, n / (threads * 8));
        Runnable worker = () -> {
            for (int start = next.getAndAdd(batch); start < n; start = next.getAndAdd(batch)) {
                int end = Math.min(n, start + batch);
                for (int i = start; i < end; i++) {
                    task.accept(i);
                }
            }
        };
        int helpers = Math.min(threads - 1, (n + batch - 1) / batch - 1);
        Future<?>[] futures = new Future<?>[helpers];
        for (int h = 0; h < helpers; h++) {
            futures[h] = executor.submit(worker);
        }
        RuntimeException failure = null;
        try {
            worker.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re
                            : new IllegalStateException("core worker failed", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stepping cores", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
