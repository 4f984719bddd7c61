package dev.myelin.chip.sim;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of daemon threads that run one task per index and return when all are done; the
 * caller's thread works too. Which thread runs an index never matters because an index's task
 * touches only its own state (a core, a shard of cores).
 *
 * <p>The hand-off allocates nothing and takes no lock. Each helper has a state word: the caller
 * publishes a job (task, n, batch size) and sets every helper's state to {@code ASSIGNED}; a
 * helper that sees it claims the job ({@code ASSIGNED -> RUNNING}), takes batches of indices
 * (its own part of [0, n) first, then what is left of the others') until none are left, then goes
 * back to {@code IDLE}. The caller does the same from part 0; when none are left it withdraws the
 * job from every helper that has not claimed it yet ({@code ASSIGNED -> IDLE}: one that was not
 * scheduled in time costs nothing) and waits only for the helpers that are running. So a new job is published only when no
 * helper still works on the last one, and a helper reads a job's fields only after claiming it.
 *
 * <p>Waiting, on either side, spins for {@link #YIELD_AFTER_NANOS} ({@link Thread#onSpinWait}),
 * then yields the processor between checks until {@link #SPIN_NANOS}, then parks
 * ({@link LockSupport}). Spinning catches the next tick's job, or the helper's end of a short job,
 * without the microseconds a park and an unpark cost; yielding lets the awaited thread run when
 * both share one processor (the machine is commonly shared, and the other processor busy); the
 * bound keeps an idle helper from holding a processor the machine's other threads need through a
 * long serial phase.
 *
 * <p>A failure in a task stops the hand-out of further batches and is rethrown on the caller
 * once no helper runs ({@link RuntimeException} and {@link Error} as they are, anything else
 * wrapped). {@link #close} stops the threads. Calls come from one thread at a time (the engine's).
 */
final class WorkerPool implements AutoCloseable {
    /**
     * How long a waiting thread spins before it parks, in nanoseconds (system property
     * {@code myelin.workerSpinNanos}). A speed choice only: results never depend on it.
     */
    static final long SPIN_NANOS = Long.getLong("myelin.workerSpinNanos", 20_000L);
    /**
     * How long a waiting thread spins before it starts yielding its processor between checks
     * (system property {@code myelin.workerYieldAfterNanos}). A speed choice only.
     */
    static final long YIELD_AFTER_NANOS = Long.getLong("myelin.workerYieldAfterNanos", 2_000L);

    private static final int IDLE = 0;
    private static final int ASSIGNED = 1;
    private static final int RUNNING = 2;

    private final int threads;
    private final Helper[] helpers;
    /** A task over a range of indices [start, end): its loop is compiled with the task. */
    @FunctionalInterface
    interface RangeTask {
        void run(int start, int end);
    }

    // the job: written by the caller before it assigns the job, read by a helper after it claims it;
    // one of task and rangeTask is set
    private IntConsumer task;
    private RangeTask rangeTask;
    private int batch;
    private Thread caller;
    /**
     * The job's indices in one contiguous part per thread (the caller's is part 0, helper h's part
     * h + 1): {@code cursor[p * PAD]} is part p's next index to hand out, {@code partEnd[p]} its end.
     * Each cursor has a cache line of its own.
     */
    private final AtomicIntegerArray cursor;
    private final int[] partEnd;
    private static final int PAD = 16;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Whether the caller is parked (or about to park) waiting for a running helper. */
    private volatile boolean callerParked;
    private volatile boolean closed;

    WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + " (at least 1)");
        }
        this.threads = threads;
        this.helpers = new Helper[threads - 1];
        this.cursor = new AtomicIntegerArray(threads * PAD);
        this.partEnd = new int[threads];
        for (int h = 0; h < helpers.length; h++) {
            helpers[h] = new Helper(h + 1);
            Thread t = new Thread(helpers[h]::run, "myelin-core-worker-" + (h + 1));
            t.setDaemon(true);
            helpers[h].thread = t;
            t.start();
        }
    }

    int threads() {
        return threads;
    }

    /** Helper threads still alive (all of them until {@link #close}, none once it has returned). */
    int liveHelpers() {
        int alive = 0;
        for (Helper h : helpers) {
            alive += h.thread.isAlive() ? 1 : 0;
        }
        return alive;
    }

    /** Runs {@code task.accept(i)} for every {@code i} in [0, n) once; the caller's thread works too. */
    void forEach(int n, IntConsumer task) {
        if (helpers.length == 0 || n <= 1 || closed) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        this.task = task;
        run(n);
    }

    /**
     * Runs {@code task} over ranges that cover [0, n) once, without overlap (each index in exactly
     * one range); the caller's thread works too.
     */
    void forEachRange(int n, RangeTask task) {
        if (helpers.length == 0 || n <= 1 || closed) {
            if (n > 0) {
                task.run(0, n);
            }
            return;
        }
        this.rangeTask = task;
        run(n);
    }

    /** Hands out the job set in {@link #task} or {@link #rangeTask} over [0, n) and waits for it. */
    private void run(int n) {
        // batches small enough that a thread left without work can take over the rest of another's
        // part, large enough that the cursors are touched rarely: 1 index for up to 32 per thread,
        // at most 32 (4,096 cores on 2 threads: parts of 64 batches)
        this.batch = Math.max(1, Math.min(32, n / (threads * 32)));
        for (int p = 0; p < threads; p++) {
            cursor.set(p * PAD, (int) ((long) n * p / threads));
            partEnd[p] = (int) ((long) n * (p + 1) / threads);
        }
        this.caller = Thread.currentThread();
        for (Helper h : helpers) {
            h.state.set(ASSIGNED);
            if (h.parked) {
                LockSupport.unpark(h.thread);
            }
        }
        Throwable own = null;
        try {
            work(0);
        } catch (Throwable e) {
            own = e;
            stopHandingOut();
        }
        for (Helper h : helpers) {
            if (!h.state.compareAndSet(ASSIGNED, IDLE)) {
                awaitIdle(h);
            }
        }
        this.task = null;
        this.rangeTask = null;
        Throwable f = own != null ? own : failure.getAndSet(null);
        failure.set(null);
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException("core worker failed", f);
        }
    }

    /**
     * Takes batches of the current job's indices until none are left (caller and helpers alike):
     * first from its own part {@code self}, then from the others' in turn. So in a steady run each
     * thread steps the same cores every tick (their state stays in that processor's cache), while a
     * thread that starts late or is descheduled has its part finished by the others.
     */
    private void work(int self) {
        IntConsumer t = task;
        RangeTask r = rangeTask;
        int b = batch;
        for (int k = 0; k < threads; k++) {
            int p = self + k < threads ? self + k : self + k - threads;
            int end = partEnd[p];
            for (int start = cursor.getAndAdd(p * PAD, b); start < end; start = cursor.getAndAdd(p * PAD, b)) {
                int stop = Math.min(end, start + b);
                if (r != null) {
                    r.run(start, stop);
                } else {
                    for (int i = start; i < stop; i++) {
                        t.accept(i);
                    }
                }
            }
        }
    }

    /** After a failure: no further batch is handed out (the cursors stay far below overflow). */
    private void stopHandingOut() {
        for (int p = 0; p < threads; p++) {
            cursor.set(p * PAD, Integer.MAX_VALUE / 2);
        }
    }

    /** The caller waits until helper {@code h} has finished the job it claimed. */
    private void awaitIdle(Helper h) {
        long start = 0;
        while (h.state.get() == RUNNING) {
            if (start == 0) {
                start = System.nanoTime();
            } else if (!pause(start)) {
                callerParked = true;
                if (h.state.get() == RUNNING) {
                    LockSupport.park(this);
                }
                callerParked = false;
            }
        }
    }

    /**
     * One round of waiting that began at {@code start}: a spin for the first {@link #YIELD_AFTER_NANOS},
     * then a yield (when the thread waited for shares this processor, it runs now), until
     * {@link #SPIN_NANOS}; returns false once that is over (the caller then parks).
     */
    private static boolean pause(long start) {
        long waited = System.nanoTime() - start;
        if (waited < YIELD_AFTER_NANOS) {
            Thread.onSpinWait();
            return true;
        }
        if (waited < SPIN_NANOS) {
            Thread.yield();
            return true;
        }
        return false;
    }

    /** Stops the helper threads (they finish a claimed job first); later calls run on the caller alone. */
    @Override
    public void close() {
        closed = true;
        for (Helper h : helpers) {
            LockSupport.unpark(h.thread);
        }
        for (Helper h : helpers) {
            if (h.thread != Thread.currentThread()) {
                try {
                    h.thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One helper thread and its state word. */
    private final class Helper {
        /** {@link #IDLE}, {@link #ASSIGNED} (a job waits for it) or {@link #RUNNING}. */
        final AtomicInteger state = new AtomicInteger(IDLE);
        /** Whether the helper is parked (or about to park) waiting for a job. */
        volatile boolean parked;
        /** This helper's part of each job. */
        final int self;
        Thread thread;

        Helper(int self) {
            this.self = self;
        }

        void run() {
            while (awaitJob()) {
                if (!state.compareAndSet(ASSIGNED, RUNNING)) {
                    continue; // withdrawn: the caller finished the job without this helper
                }
                try {
                    work(self);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    stopHandingOut();
                }
                Thread waiting = caller;
                state.set(IDLE);
                if (callerParked) {
                    LockSupport.unpark(waiting);
                }
            }
        }

        /** Waits until a job is assigned (true) or the pool is closed (false). */
        private boolean awaitJob() {
            long start = System.nanoTime();
            while (state.get() != ASSIGNED) {
                if (closed) {
                    return false;
                }
                if (!pause(start)) {
                    parked = true;
                    if (state.get() != ASSIGNED && !closed) {
                        LockSupport.park(WorkerPool.this);
                    }
                    parked = false;
                }
            }
            return true;
        }
    }
}
