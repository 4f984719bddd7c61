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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The least a cycle-level mesh must do to carry one tick of the {@code truenorth-full} load,
 * written plainly outside the engine: 64 x 64 routers with XY routing, four neighbour input
 * FIFOs of 16 packets and an unbounded injection queue per router, each output taking at most
 * one packet a cycle by round robin over the inputs that want it, a packet moving only into a
 * FIFO with room, and only routers holding a packet visited in a cycle. No pipeline latency,
 * counters, timing or delivery. One operation is one tick: {@value #PACKETS} packets, each from
 * a random router to one at most {@value #REACH} rows and columns away (about 15 hops on average,
 * near the load's ~16), injected at once and carried until every one has arrived.
 * <ul>
 *   <li>{@code traffic=tick}: the tick's packets;</li>
 *   <li>{@code traffic=single}, the baseline: one packet a tick, so the figure is the fixed cost
 *       of a tick (clearing and visiting nothing).</li>
 * </ul>
 * Per hop, against the budget cycle timing at 0.25x real time leaves the mesh (docs/performance.md,
 * "What the open targets need").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MeshCycleFloorBenchmark {
    static final int SIDE_BITS = 6;
    static final int SIDE = 1 << SIDE_BITS;
    static final int ROUTERS = SIDE * SIDE;
    static final int PACKETS = 21_000;
    static final int REACH = 16;
    static final int DEPTH = 16;
    /** Input ports: 0 north, 1 east, 2 south, 3 west (the neighbour a packet came from); injection apart. */
    static final int PORTS = 4;
    /** Outputs: 0 north, 1 east, 2 south, 3 west, 4 the router's own core. */
    static final int EJECT = 4;
    /** Patterns of packets, drawn at set-up and taken in turn. */
    static final int PATTERNS = 8;

    @Param({"tick", "single"})
    public String traffic;

    private int[][] source;
    private int[][] dest;
    private int tick;

    // FIFO f = router * PORTS + port: packets fifo[f * DEPTH + (head[f] + i) % DEPTH], i < count[f]
    private final int[] fifo = new int[ROUTERS * PORTS * DEPTH];
    private final int[] head = new int[ROUTERS * PORTS];
    private final int[] count = new int[ROUTERS * PORTS];
    // the injection queue of router r: packets injected[injStart[r] + i], injHead[r] <= i < injEnd[r]
    private final int[] injected = new int[PACKETS];
    private final int[] injStart = new int[ROUTERS + 1];
    private final int[] injHead = new int[ROUTERS];
    /** Round-robin pointer per router and output. */
    private final int[] turn = new int[ROUTERS * 5];
    private final int[] active = new int[ROUTERS];
    private final int[] nextActive = new int[ROUTERS];
    /** The injection queues' fill pointers while they are built. */
    private final int[] fill = new int[ROUTERS];
    /** Per active router of a cycle (its index k in {@link #active}) and input: the output its head asks for, or -1. */
    private final int[] want = new int[ROUTERS * 5];
    private final int[] stamp = new int[ROUTERS];
    private int generation;
    /** Cycles and router visits since set-up, for the figures it prints. */
    private long cycles;
    private long visits;

    @Setup(Level.Trial)
    public void draw() {
        SplittableRandom r = new SplittableRandom(21);
        int n = traffic.equals("tick") ? PACKETS : 1;
        source = new int[PATTERNS][n];
        dest = new int[PATTERNS][n];
        for (int p = 0; p < PATTERNS; p++) {
            for (int i = 0; i < n; i++) {
                int x = r.nextInt(SIDE);
                int y = r.nextInt(SIDE);
                int dx = Math.max(0, Math.min(SIDE - 1, x + r.nextInt(2 * REACH + 1) - REACH));
                int dy = Math.max(0, Math.min(SIDE - 1, y + r.nextInt(2 * REACH + 1) - REACH));
                source[p][i] = y * SIDE + x;
                dest[p][i] = dy * SIDE + dx;
            }
        }
        long moved = 0;
        cycles = 0;
        visits = 0;
        for (int p = 0; p < PATTERNS; p++) {
            moved += tick();
        }
        System.out.println("mesh floor, traffic=" + traffic + ": per tick " + moved / PATTERNS + " hops, "
                + cycles / PATTERNS + " cycles, " + visits / PATTERNS + " router visits");
    }

    /** Carries one tick's packets until all have arrived; returns the hops they took. */
    @Benchmark
    public long tick() {
        int[] src = source[tick % PATTERNS];
        int[] dst = dest[tick % PATTERNS];
        tick++;
        int n = src.length;
        // the injection queues: packets by source router (a counting sort), in drawing order
        java.util.Arrays.fill(injStart, 0);
        for (int i = 0; i < n; i++) {
            injStart[src[i] + 1]++;
        }
        for (int q = 0; q < ROUTERS; q++) {
            injStart[q + 1] += injStart[q];
        }
        System.arraycopy(injStart, 0, injHead, 0, ROUTERS);
        System.arraycopy(injStart, 0, fill, 0, ROUTERS);
        for (int i = 0; i < n; i++) {
            injected[fill[src[i]]++] = i;
        }
        int activeCount = 0;
        for (int q = 0; q < ROUTERS; q++) {
            if (injStart[q + 1] > injStart[q]) {
                active[activeCount++] = q;
            }
        }
        long moved = 0;
        int arrived = 0;
        int[] wants = want;
        while (arrived < n) {
            generation++;
            cycles++;
            visits += activeCount;
            // first the heads as the cycle begins: each input (0-3 the neighbour FIFOs, 4 the
            // injection queue) asks for one output, noted as a bit in that output's requests, so
            // that no packet moves twice in a cycle
            for (int k = 0; k < activeCount; k++) {
                int q = active[k];
                int x = q & (SIDE - 1);
                int y = q >>> SIDE_BITS;
                int base = k * 5;
                wants[base] = 0;
                wants[base + 1] = 0;
                wants[base + 2] = 0;
                wants[base + 3] = 0;
                wants[base + 4] = 0;
                for (int p = 0; p < PORTS; p++) {
                    int f = q * PORTS + p;
                    if (count[f] > 0) {
                        wants[base + output(x, y, dst[fifo[f * DEPTH + head[f]]])] |= 1 << p;
                    }
                }
                if (injHead[q] < injStart[q + 1]) {
                    wants[base + output(x, y, dst[injected[injHead[q]]])] |= 1 << 4;
                }
            }
            int nextCount = 0;
            for (int k = 0; k < activeCount; k++) {
                int q = active[k];
                for (int o = 0; o <= EJECT; o++) {
                    int requests = wants[k * 5 + o];
                    if (requests == 0) {
                        continue;
                    }
                    // round robin: the first requesting input at or after this output's turn
                    int t = turn[q * 5 + o];
                    int rotated = (requests >>> t | requests << (5 - t)) & 31;
                    int in = Integer.numberOfTrailingZeros(rotated) + t;
                    in = in < 5 ? in : in - 5;
                    int to = o == EJECT ? -1 : neighbour(q, o);
                    // the packet enters the neighbour through the port facing this router
                    int g = to < 0 ? -1 : to * PORTS + ((o + 2) & 3);
                    if (g >= 0 && count[g] == DEPTH) {
                        continue; // no room: this output waits
                    }
                    int packet;
                    if (in == 4) {
                        packet = injected[injHead[q]++];
                    } else {
                        int f = q * PORTS + in;
                        packet = fifo[f * DEPTH + head[f]];
                        head[f] = (head[f] + 1) & (DEPTH - 1);
                        count[f]--;
                    }
                    if (g < 0) {
                        arrived++;
                    } else {
                        fifo[g * DEPTH + ((head[g] + count[g]) & (DEPTH - 1))] = packet;
                        count[g]++;
                        moved++;
                        if (stamp[to] != generation) {
                            stamp[to] = generation;
                            nextActive[nextCount++] = to;
                        }
                    }
                    turn[q * 5 + o] = in + 1 < 5 ? in + 1 : 0;
                }
                boolean busy = injHead[q] < injStart[q + 1];
                for (int p = 0; p < PORTS && !busy; p++) {
                    busy = count[q * PORTS + p] > 0;
                }
                if (busy && stamp[q] != generation) {
                    stamp[q] = generation;
                    nextActive[nextCount++] = q;
                }
            }
            System.arraycopy(nextActive, 0, active, 0, nextCount);
            activeCount = nextCount;
        }
        return moved;
    }

    /** XY routing: the output towards {@code d} from router (x, y), columns first. */
    private static int output(int x, int y, int d) {
        int dx = d & (SIDE - 1);
        int dy = d >>> SIDE_BITS;
        if (dx > x) {
            return 1;
        }
        if (dx < x) {
            return 3;
        }
        if (dy > y) {
            return 2;
        }
        if (dy < y) {
            return 0;
        }
        return EJECT;
    }

    /** The router beyond output o of router q (0 north: y - 1, 1 east: x + 1, 2 south: y + 1, 3 west: x - 1). */
    private static int neighbour(int q, int o) {
        return switch (o) {
            case 0 -> q - SIDE;
            case 1 -> q + 1;
            case 2 -> q + SIDE;
            default -> q - 1;
        };
    }
}
