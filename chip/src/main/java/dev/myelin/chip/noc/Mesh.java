package dev.myelin.chip.noc;

import java.util.Arrays;

/**
 * A 2-D mesh of input-queued routers with dimension-order (XY) routing, stepped cycle by cycle.
 *
 * <p><b>Router.</b> Router {@code r = y * width + x} has {@code 4 + coresPerRouter} input ports
 * (one FIFO per link from each neighbour, one injection FIFO per core) and as many output
 * ports (four links, one ejection port per core). Each FIFO holds {@code fifoDepth} packets.
 * Every cycle each input offers its head packet (if it has arrived) to the one output XY
 * routing picks; each output grants one requester, round-robin from the input after its last
 * grant, provided the downstream FIFO has a free slot (credit flow control: the slot is taken
 * when the packet leaves, so a packet is never lost or overwritten). Ejection ports always
 * accept. Each core injects and ejects at most one packet per cycle.
 *
 * <p><b>Timing.</b> A packet created at cycle {@code c} and injected at once is at its router's
 * input at {@code c + injectionCycles}; a packet granted a link at cycle {@code t} is at the
 * next router's input at {@code t + hopCycles} (EW or NS, plus the chip-link cycles when it
 * crosses a chip boundary); a packet granted its ejection port at {@code t} is in its core at
 * {@code t + ejectionCycles}. Links are pipelined: one packet per cycle per direction.
 *
 * <p><b>Stepping.</b> {@link #step()} runs two phases: every active router decides its grants
 * from the state committed at the end of the previous cycle, then all grants are applied, so
 * the order routers are visited in cannot change an arrival cycle or a counter. Routers holding no
 * packet, or holding none due this cycle, are not visited; the others are visited in index order, so
 * the deliveries of one cycle reach the {@link DeliverySink} in order of destination router and
 * core.
 */
public final class Mesh {
    public static final int EAST = 0;
    public static final int WEST = 1;
    public static final int NORTH = 2;
    public static final int SOUTH = 3;
    public static final int DIRECTIONS = 4;

    private final MeshConfig cfg;
    private final int width;
    private final int height;
    private final int coresPerRouter;
    private final int ports;
    private final Links links;
    private final int[] routerX;
    /** Per core: its router's x and y ({@link #recordUncontended} reads them once per message). */
    private final int[] coreRouterX;
    private final int[] coreRouterY;
    private final int[] routerY;
    /** Router index difference to the neighbour in each direction (east, west, north, south). */
    private final int[] neighbourStep;

    /** FIFO f = router * ports + port. */
    private final Fifos fifos;

    /**
     * Per router {@code r}, the four ints at {@code r * 4}: {@link #LOAD} packets held (in its
     * input FIFOs or queued at its cores), {@link #WAKE} no cycle before this can move anything
     * there (a waiting router is not visited), {@link #OCCUPIED} a bit per input port whose FIFO
     * is not empty, {@link #ACTIVE} 1 while the router is in the active list. Side by side, so
     * a push or a visit touches one cache line of router state.
     */
    private final int[] routerState;
    private static final int LOAD = 0;
    private static final int WAKE = 1;
    private static final int OCCUPIED = 2;
    private static final int ACTIVE = 3;
    /** Per core source queue, linked through {@link PacketTable#next}. */
    private final int[] queueHead;
    private final int[] queueTail;
    /**
     * Per core, the creation cycle of the packet at the head of its source queue
     * ({@link Integer#MAX_VALUE} when empty): arbitration asks "is a packet ready at this core"
     * from this flat column instead of the packet table.
     */
    private final int[] queueHeadCreated;
    /** [router * ports + output]: the input port searched first at the next grant. */
    private final int[] roundRobin;

    /** The active routers (those holding packets) as a bit set. */
    private final long[] activeBits;
    private int activeCount;
    /**
     * The active routers that may move something this cycle (wake cycle not after {@link #now}),
     * as a bit set walked in index order. A router put to sleep until cycle {@code t} leaves it
     * and is listed in the wheel's bucket {@code t % WHEEL}; the bucket of a cycle puts back the
     * routers whose wake cycle is that cycle (an entry whose router was woken earlier or sleeps
     * longer is dropped; one a whole turn ahead is kept).
     */
    private final long[] awakeBits;
    private static final int WHEEL = 1024;
    private final int[][] wheel = new int[WHEEL][];
    private final int[] wheelSize = new int[WHEEL];
    /** Routers whose load fell to zero this cycle: the only ones that may retire. */
    private int[] emptied = new int[64];
    private int emptiedCount;

    /** Scratch of one router's arbitration: per output, a bit per input port requesting it; all zero between visits. */
    private final int[] requesters;
    /**
     * Phase-1 decisions: triples (fifo, output, router) for grants, (-1 - core, bypassOutput or -1,
     * router) for injections. The router travels with the move so committing it divides by nothing
     * (an integer division by the port count cost more than the rest of a hop's bookkeeping).
     */
    private int[] moves;
    private int moveCount;

    /** Chip column / row of each modelled router column / row (board coordinates / routers per chip). */
    private final int[] chipOfX;
    private final int[] chipOfY;
    /** The counts of {@link #recordUncontended} messages, added to {@link #stats} when it is next read. */
    private final UncontendedTally uncontended;
    private final PacketTable packets = new PacketTable(256);
    private final TrafficStats stats;
    private DeliverySink sink = DeliverySink.NONE;
    private int now;
    private int lastArrival;

    public Mesh(MeshConfig cfg) {
        this.cfg = cfg;
        this.width = cfg.width();
        this.height = cfg.height();
        this.coresPerRouter = cfg.coresPerRouter();
        this.ports = DIRECTIONS + coresPerRouter;
        int routers = cfg.routers();
        links = new Links(cfg, ports);
        routerX = links.routerX;
        coreRouterX = new int[cfg.cores()];
        coreRouterY = new int[cfg.cores()];
        for (int c = 0; c < cfg.cores(); c++) {
            coreRouterX[c] = links.routerX[c / coresPerRouter];
            coreRouterY[c] = links.routerY[c / coresPerRouter];
        }
        routerY = links.routerY;
        neighbourStep = new int[] {1, -1, -width, width};
        int fifoCount = routers * ports;
        fifos = new Fifos(fifoCount, cfg.fifoDepth());
        routerState = new int[routers * 4];
        queueHead = new int[cfg.cores()];
        queueTail = new int[cfg.cores()];
        Arrays.fill(queueHead, -1);
        Arrays.fill(queueTail, -1);
        queueHeadCreated = new int[cfg.cores()];
        Arrays.fill(queueHeadCreated, Integer.MAX_VALUE);
        roundRobin = new int[fifoCount];
        for (int r = 0; r < routers; r++) {
            routerState[r * 4 + WAKE] = Integer.MAX_VALUE;
        }
        activeBits = new long[(routers + 63) >>> 6];
        awakeBits = new long[(routers + 63) >>> 6];
        for (int b = 0; b < WHEEL; b++) {
            wheel[b] = new int[4];
        }
        requesters = new int[ports];
        moves = new int[96];
        stats = new TrafficStats(routers, cfg.cores());
        chipOfX = new int[width];
        chipOfY = new int[height];
        for (int x = 0; x < width; x++) {
            chipOfX[x] = cfg.chipColumn(x);
        }
        for (int y = 0; y < height; y++) {
            chipOfY[y] = cfg.chipRow(y);
        }
        uncontended = newTally();
    }

    public MeshConfig config() { return cfg; }
    /** This tick's counters (links of {@link #recordUncontended} messages included). */
    public TrafficStats stats() {
        if (!uncontended.isEmpty()) {
            uncontended.flushInto(stats);
        }
        return stats;
    }
    /** The current cycle: the next {@link #step()} simulates this cycle. */
    public int now() { return now; }
    /** Latest arrival cycle since the last {@link #rewind()}, -1 if none. */
    public int lastArrival() { return lastArrival; }
    /** Packets created but not yet delivered. */
    public int inFlight() { return packets.live(); }
    public boolean idle() { return packets.live() == 0; }

    public void setSink(DeliverySink sink) {
        this.sink = sink == null ? DeliverySink.NONE : sink;
    }

    // ---- packet fields, valid while the packet is live (e.g. inside DeliverySink.delivered) ----

    public int tag(int id) { return packets.tag[id]; }
    public int sourceCore(int id) { return packets.src[id]; }
    public int destinationCore(int id) { return packets.dst[id]; }
    public int createdCycle(int id) { return packets.created[id]; }
    public int injectedCycle(int id) { return packets.injected[id]; }

    /** Sets the clock back to 0 for a new tick; the mesh must be empty. */
    public void rewind() {
        if (!idle()) {
            throw new IllegalStateException("rewind with " + packets.live() + " packets in flight");
        }
        now = 0;
        lastArrival = -1;
    }

    /**
     * Queues a packet at {@code srcCore} for {@code dstCore}, created at {@code createdCycle}
     * (not before {@link #now()}, and not before the previous packet queued at that core).
     *
     * @param tag the caller's value, returned at delivery through {@link #tag(int)}
     * @return the packet's id
     */
    public int send(int srcCore, int dstCore, int tag, int createdCycle) {
        int cores = cfg.cores();
        if (srcCore < 0 || srcCore >= cores || dstCore < 0 || dstCore >= cores) {
            throw new IllegalArgumentException("core " + srcCore + " -> " + dstCore + " outside [0, " + cores + ")");
        }
        int tail = queueTail[srcCore];
        if (createdCycle < now || (tail >= 0 && createdCycle < packets.created[tail])) {
            throw new IllegalArgumentException("packet created at cycle " + createdCycle + " out of order at core "
                    + srcCore + " (now " + now + ")");
        }
        int id = packets.alloc();
        packets.src[id] = srcCore;
        packets.dst[id] = dstCore;
        packets.tag[id] = tag;
        packets.created[id] = createdCycle;
        packets.injected[id] = -1;
        if (tail < 0) {
            queueHead[srcCore] = id;
            queueHeadCreated[srcCore] = createdCycle;
        } else {
            packets.next[tail] = id;
        }
        queueTail[srcCore] = id;
        int r = srcCore / coresPerRouter;
        routerState[r * 4 + LOAD]++;
        activate(r);
        lowerWake(r, createdCycle);
        stats.created++;
        return id;
    }

    /**
     * Simulates one cycle in two phases and advances the clock.
     *
     * @return packets moved this cycle (injections, link traversals, ejections); 0 means nothing moved
     */
    public int step() {
        moveCount = 0;
        wakeDue();
        for (int w = 0; w < awakeBits.length; w++) {
            for (long bits = awakeBits[w]; bits != 0; bits &= bits - 1) {
                int r = (w << 6) + Long.numberOfTrailingZeros(bits);
                if (routerState[r * 4 + WAKE] <= now) {
                    arbitrate(r);
                }
            }
        }
        for (int m = 0; m < moveCount; m += 3) {
            commit(moves[m], moves[m + 1], moves[m + 2]);
        }
        int moved = moveCount / 3;
        retireIdleRouters();
        now++;
        return moved;
    }

    /**
     * Steps until every packet is delivered, skipping cycles in which nothing can move.
     *
     * @param maxCycles give up after this many cycles (an IllegalStateException: a mesh with XY
     *                  routing always drains, so not draining is a broken invariant)
     * @return the cycle after the last one simulated
     */
    public int runUntilDrained(long maxCycles) {
        long limit = now + maxCycles;
        while (!idle()) {
            if (now >= limit) {
                throw new IllegalStateException("mesh did not drain within " + maxCycles + " cycles; "
                        + packets.live() + " packets left");
            }
            if (step() == 0) {
                now = Math.max(now, nextEventCycle());
            }
        }
        return now;
    }

    /** Earliest cycle at which some active router can move something. */
    private int nextEventCycle() {
        int next = Integer.MAX_VALUE;
        for (int w = 0; w < activeBits.length; w++) {
            for (long bits = activeBits[w]; bits != 0; bits &= bits - 1) {
                int r = (w << 6) + Long.numberOfTrailingZeros(bits);
                next = Math.min(next, routerState[r * 4 + WAKE]);
            }
        }
        return next;
    }

    /** Earliest cycle at which a head packet of router {@code r} arrives or a packet queued at its cores is created. */
    private int nextEventAt(int r) {
        int next = Integer.MAX_VALUE;
        int base = r * ports;
        for (int bits = routerState[r * 4 + OCCUPIED]; bits != 0; bits &= bits - 1) {
            next = Math.min(next, fifos.headReady(base + Integer.numberOfTrailingZeros(bits)));
        }
        for (int c = r * coresPerRouter; c < (r + 1) * coresPerRouter; c++) {
            next = Math.min(next, queueHeadCreated[c]);
        }
        return next;
    }

    // ---- phase 1: decide, reading committed state only ------------------------------------

    /**
     * Decides router {@code r}'s grants and injections. Only its non-empty input FIFOs are read
     * (the occupancy mask); the requesters of each output are a bit mask over input ports, so
     * the round-robin pick is the lowest set bit at or after the output's pointer, else the
     * lowest set bit: the same input a scan from the pointer, wrapping, would find first.
     *
     * <p>An occupied input's request is computed whether or not its head has arrived and counted
     * through a 0/1 flag ({@code now - headReady} is negative exactly when it has not), and
     * {@link #requesters} is left all zero after each visit (the grant loop clears what it
     * reads), so the per-input loop has no data-dependent branch: under uniform traffic each of
     * those branches went either way at random.
     */
    private void arbitrate(int r) {
        int base = r * ports;
        int ready = 0;
        int wanted = 0;
        int occupied = routerState[r * 4 + OCCUPIED];
        int x = routerX[r];
        int y = routerY[r];
        int[] req = requesters;
        for (int bits = occupied; bits != 0; bits &= bits - 1) {
            int i = Integer.numberOfTrailingZeros(bits);
            int f = base + i;
            int arrived = ~(now - fifos.headReady(f)) >>> 31;
            int o = Packet.output(fifos.headPacket(f), x, y);
            wanted |= arrived << o;
            req[o] |= arrived << i;
            ready += arrived;
        }
        if (cfg.injectionCycles() == 0) {
            for (int slot = 0; slot < coresPerRouter; slot++) {
                int i = DIRECTIONS + slot;
                if ((occupied & (1 << i)) == 0) {
                    int o = bypassRequest(r, r * coresPerRouter + slot);
                    if (o >= 0) {
                        wanted |= 1 << o;
                        req[o] |= 1 << i;
                        ready++;
                    }
                }
            }
        }
        int bypassed = 0;
        int granted = 0;
        for (int left = wanted; left != 0; left &= left - 1) {
            int o = Integer.numberOfTrailingZeros(left);
            int mask = req[o];
            req[o] = 0;
            if (o < DIRECTIONS) {
                int d = links.downstream[r * DIRECTIONS + o];
                if (d < 0 || !fifos.hasRoom(d)) {
                    continue;
                }
            }
            int fromPointer = mask & (-1 << roundRobin[base + o]);
            int i = Integer.numberOfTrailingZeros(fromPointer != 0 ? fromPointer : mask);
            roundRobin[base + o] = i + 1 < ports ? i + 1 : 0;
            granted++;
            if (i >= DIRECTIONS && (occupied & (1 << i)) == 0) {
                // a bypassing packet: injected and granted in this cycle
                addMove(-1 - (r * coresPerRouter + i - DIRECTIONS), o, r);
                bypassed |= 1 << i;
            } else {
                addMove(base + i, o, r);
            }
        }
        stats.stalls += ready - granted;
        boolean sourceReady = false;
        for (int slot = 0; slot < coresPerRouter; slot++) {
            int core = r * coresPerRouter + slot;
            if (queueHeadCreated[core] <= now) {
                sourceReady = true;
                int i = DIRECTIONS + slot;
                if (fifos.hasRoom(base + i) && (bypassed & (1 << i)) == 0) {
                    addMove(-1 - core, -1, r);
                }
            }
        }
        // nothing ready here: sleep until a packet arrives at a head or is created (pushes wake it earlier)
        if (ready == 0 && !sourceReady) {
            int next = nextEventAt(r);
            routerState[r * 4 + WAKE] = next;
            awakeBits[r >>> 6] &= ~(1L << r);
            if (next != Integer.MAX_VALUE) {
                schedule(r, next);
            }
        } else {
            routerState[r * 4 + WAKE] = now + 1;
        }
    }

    /** With zero injection cycles a queued packet may go straight from its core to an output. */
    private int bypassRequest(int r, int core) {
        if (queueHeadCreated[core] > now) {
            return -1;
        }
        return Packet.output(packetOf(queueHead[core]), routerX[r], routerY[r]);
    }

    /** The packed word of packet {@code id}: its id and its destination's coordinates and slot. */
    private long packetOf(int id) {
        int dst = packets.dst[id];
        return Packet.pack(id, coreRouterX[dst], coreRouterY[dst], dst % coresPerRouter);
    }

    private void addMove(int from, int output, int r) {
        if (moveCount + 3 > moves.length) {
            moves = Arrays.copyOf(moves, moves.length * 2);
        }
        moves[moveCount++] = from;
        moves[moveCount++] = output;
        moves[moveCount++] = r;
    }

    // ---- phase 2: commit ----------------------------------------------------------------

    private void commit(int from, int output, int r) {
        long packet;
        if (from < 0) {
            int core = -1 - from;
            packet = dequeue(core, r);
            packets.injected[Packet.id(packet)] = now;
            stats.injected++;
            if (output < 0) {
                push(r * ports + DIRECTIONS + core - r * coresPerRouter, packet, now + cfg.injectionCycles(), r);
                return;
            }
        } else {
            packet = pop(from, r);
        }
        if (output < DIRECTIONS) {
            int l = r * DIRECTIONS + output;
            stats.countLink(l);
            // EAST, WEST are 0, 1; NORTH, SOUTH 2, 3: counted without a branch on the direction
            int northSouth = output >>> 1;
            stats.hopsNorthSouth += northSouth;
            stats.hopsEastWest += northSouth ^ 1;
            stats.chipLinkCrossings += links.crossing[l];
            int d = links.downstream[l];
            push(d, packet, now + links.hop[l], r + neighbourStep[output]);
        } else {
            eject(packet, now + cfg.ejectionCycles());
        }
    }

    private long dequeue(int core, int r) {
        int id = queueHead[core];
        int next = packets.next[id];
        queueHead[core] = next;
        if (next < 0) {
            queueTail[core] = -1;
            queueHeadCreated[core] = Integer.MAX_VALUE;
        } else {
            queueHeadCreated[core] = packets.created[next];
        }
        unload(r);
        return packetOf(id);
    }

    private long pop(int f, int r) {
        unload(r);
        long packet = fifos.pop(f);
        if (fifos.count(f) == 0) {
            routerState[r * 4 + OCCUPIED] &= ~(1 << (f - r * ports));
        }
        return packet;
    }

    private void push(int f, long packet, int readyCycle, int r) {
        int held = fifos.push(f, packet, readyCycle);
        if (held == 1) {
            routerState[r * 4 + OCCUPIED] |= 1 << (f - r * ports);
        }
        stats.noteFifo(r, held);
        routerState[r * 4 + LOAD]++;
        activate(r);
        lowerWake(r, readyCycle);
    }

    private void eject(long packet, int arrival) {
        int id = Packet.id(packet);
        int src = packets.src[id];
        int h = Math.abs(coreRouterX[src] - Packet.x(packet)) + Math.abs(coreRouterY[src] - Packet.y(packet));
        stats.ejected++;
        stats.hopTotal += h;
        stats.hops.record(h);
        stats.packetLatency.record(arrival - packets.created[id]);
        stats.networkLatency.record(arrival - packets.injected[id]);
        lastArrival = Math.max(lastArrival, arrival);
        sink.delivered(this, id, arrival);
        packets.release(id);
    }

    // ---- the active set -------------------------------------------------------------------

    private void activate(int r) {
        if (routerState[r * 4 + ACTIVE] == 0) {
            routerState[r * 4 + ACTIVE] = 1;
            activeBits[r >>> 6] |= 1L << r;
            activeCount++;
        }
    }

    /** Sets router {@code r}'s wake cycle to {@code t} if earlier: awake at once if due, else listed in the wheel. */
    private void lowerWake(int r, int t) {
        int k = r * 4 + WAKE;
        if (t < routerState[k]) {
            routerState[k] = t;
            if (t <= now) {
                awakeBits[r >>> 6] |= 1L << r;
            } else {
                schedule(r, t);
            }
        }
    }

    private void schedule(int r, int t) {
        int b = t & (WHEEL - 1);
        int n = wheelSize[b];
        if (n == wheel[b].length) {
            wheel[b] = Arrays.copyOf(wheel[b], n * 2);
        }
        wheel[b][n] = r;
        wheelSize[b] = n + 1;
    }

    /** Wakes the routers listed for this cycle; keeps entries a whole turn of the wheel ahead. */
    private void wakeDue() {
        int b = now & (WHEEL - 1);
        int n = wheelSize[b];
        if (n == 0) {
            return;
        }
        int[] list = wheel[b];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int r = list[i];
            int t = routerState[r * 4 + WAKE];
            if (t == now && routerState[r * 4 + ACTIVE] != 0) {
                awakeBits[r >>> 6] |= 1L << r;
            } else if (t > now && t != Integer.MAX_VALUE && (t & (WHEEL - 1)) == b) {
                list[kept++] = r;
            }
        }
        wheelSize[b] = kept;
    }

    private void unload(int r) {
        if (--routerState[r * 4 + LOAD] == 0) {
            if (emptiedCount == emptied.length) {
                emptied = Arrays.copyOf(emptied, emptiedCount * 2);
            }
            emptied[emptiedCount++] = r;
        }
    }

    /** Retires the routers left holding nothing this cycle. */
    private void retireIdleRouters() {
        for (int i = 0; i < emptiedCount; i++) {
            int r = emptied[i];
            if (routerState[r * 4 + LOAD] == 0 && routerState[r * 4 + ACTIVE] != 0) {
                routerState[r * 4 + ACTIVE] = 0;
                routerState[r * 4 + WAKE] = Integer.MAX_VALUE;
                activeBits[r >>> 6] &= ~(1L << r);
                awakeBits[r >>> 6] &= ~(1L << r);
                activeCount--;
            }
        }
        emptiedCount = 0;
    }

    /** Routers visited in the next cycle (those holding packets). */
    public int activeRouters() {
        return activeCount;
    }

    // ---- paths ----------------------------------------------------------------------------

    /**
     * Writes the links of the XY path from {@code srcCore}'s router to {@code dstCore}'s
     * router into {@code out} (link index {@code router * 4 + direction}) and returns how many.
     *
     * @param out at least {@code width + height} long
     */
    public int pathLinks(int srcCore, int dstCore, int[] out) {
        return cfg.pathLinks(srcCore / coresPerRouter, dstCore / coresPerRouter, out);
    }

    /**
     * Counts a message as if it crossed an empty mesh, without simulating it (the simple timing
     * mode): one message, its hops and links, chip-link crossings, and its zero-load latency as
     * both packet and network latency.
     *
     * <p>O(1) per message: hops, chip crossings and latency in closed form, and the links of the XY
     * path as two segments (along the source row, then along the destination column) added to
     * per-row and per-column difference arrays, turned into per-link counts when the stats are
     * next read ({@link #stats()}), touching only the rows and columns some message used.
     */
    public void recordUncontended(int srcCore, int dstCore) {
        recordUncontended(srcCore, dstCore, 1);
    }

    /**
     * Counts {@code count} messages from {@code srcCore} to {@code dstCore} as
     * {@link #recordUncontended(int, int)} does one: every counter, link count and histogram
     * ends the same as after {@code count} single calls (all are sums), for the cost of one.
     */
    public void recordUncontended(int srcCore, int dstCore, int count) {
        uncontended.record(srcCore, dstCore, count);
    }

    /**
     * The tally {@link #recordUncontended} counts into: what is recorded in it counts as recorded
     * here (read through {@link #stats}).
     */
    public UncontendedTally tally() {
        return uncontended;
    }

    /**
     * A tally of this mesh's own, for counting uncontended messages apart (e.g. on another
     * thread) and handing them to the mesh with {@link #addUncontended}.
     */
    public UncontendedTally newTally() {
        return new UncontendedTally(this, cfg, coreRouterX, coreRouterY, chipOfX, chipOfY);
    }

    /**
     * Counts the messages of {@code tally} (one of {@link #newTally}'s) as if each had been
     * {@link #recordUncontended recorded} here, and clears it: every counter is a sum, so the
     * result is the same in whatever order tallies and single records come. O(rows and columns
     * the tally used + its histogram range), not per message.
     */
    public void addUncontended(UncontendedTally tally) {
        if (tally.mesh() != this) {
            throw new IllegalArgumentException("a tally of another mesh");
        }
        uncontended.takeFrom(tally);
    }

    /** "(x,y) east" for a link index. */
    public String linkName(int link) {
        return links.name(link);
    }
}
