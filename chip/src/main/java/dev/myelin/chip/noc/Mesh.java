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
 * the order routers are visited in cannot change the result. Routers holding no packet are not
 * visited at all.
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

    /** FIFO f = router * ports + port. */
    private final Fifos fifos;

    /** Packets held per router: in its input FIFOs or queued at its cores. */
    private final int[] load;
    /** Per core source queue, linked through {@link PacketTable#next}. */
    private final int[] queueHead;
    private final int[] queueTail;
    /** [router * ports + output]: the input port searched first at the next grant. */
    private final int[] roundRobin;

    private final boolean[] active;
    /** Per router: no cycle before this can move anything there (a waiting router is not visited). */
    private final int[] wake;
    private int[] activeList;
    private int activeCount;

    /** Scratch of one router's arbitration: requested output per input, -1 if none. */
    private final int[] request;
    /** Phase-1 decisions: pairs (fifo, output) for grants, (-1 - core, bypassOutput or -1) for injections. */
    private int[] moves;
    private int moveCount;

    /** Chip column / row of each modelled router column / row (board coordinates / routers per chip). */
    private final int[] chipOfX;
    private final int[] chipOfY;
    /**
     * {@link #recordUncontended}'s difference arrays: per router row y, {@code eastDiff[y * (width + 1) + x]}
     * (and west) hold +1 / -1 at the ends of the run of links a message takes along that row; per column
     * x, {@code southDiff[x * (height + 1) + y]} (and north) the same along the column. Prefix sums give
     * the per-link counts.
     */
    private final int[] eastDiff;
    private final int[] westDiff;
    private final int[] southDiff;
    private final int[] northDiff;
    private final long[] rowsUsed;
    private final long[] columnsUsed;
    private boolean linesPending;
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
        int fifoCount = routers * ports;
        fifos = new Fifos(fifoCount, cfg.fifoDepth());
        load = new int[routers];
        queueHead = new int[cfg.cores()];
        queueTail = new int[cfg.cores()];
        Arrays.fill(queueHead, -1);
        Arrays.fill(queueTail, -1);
        roundRobin = new int[fifoCount];
        active = new boolean[routers];
        wake = new int[routers];
        Arrays.fill(wake, Integer.MAX_VALUE);
        activeList = new int[Math.min(routers, 1024)];
        request = new int[ports];
        moves = new int[64];
        stats = new TrafficStats(routers, cfg.cores());
        chipOfX = new int[width];
        chipOfY = new int[height];
        for (int x = 0; x < width; x++) {
            chipOfX[x] = cfg.chipColumn(x);
        }
        for (int y = 0; y < height; y++) {
            chipOfY[y] = cfg.chipRow(y);
        }
        eastDiff = new int[height * (width + 1)];
        westDiff = new int[height * (width + 1)];
        southDiff = new int[width * (height + 1)];
        northDiff = new int[width * (height + 1)];
        rowsUsed = new long[(height + 63) >>> 6];
        columnsUsed = new long[(width + 63) >>> 6];
    }

    public MeshConfig config() { return cfg; }
    /** This tick's counters (links of {@link #recordUncontended} messages included). */
    public TrafficStats stats() {
        if (linesPending) {
            flushUncontended();
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
        } else {
            packets.next[tail] = id;
        }
        queueTail[srcCore] = id;
        int r = srcCore / coresPerRouter;
        load[r]++;
        wake[r] = Math.min(wake[r], createdCycle);
        activate(r);
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
        int visiting = activeCount;
        for (int i = 0; i < visiting; i++) {
            int r = activeList[i];
            if (wake[r] <= now) {
                arbitrate(r);
            }
        }
        for (int m = 0; m < moveCount; m += 2) {
            commit(moves[m], moves[m + 1]);
        }
        int moved = moveCount / 2;
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
        for (int i = 0; i < activeCount; i++) {
            next = Math.min(next, wake[activeList[i]]);
        }
        return next;
    }

    /** Earliest cycle at which a head packet of router {@code r} arrives or a packet queued at its cores is created. */
    private int nextEventAt(int r) {
        int next = Integer.MAX_VALUE;
        for (int f = r * ports; f < (r + 1) * ports; f++) {
            if (fifos.count(f) > 0) {
                next = Math.min(next, fifos.headReady(f));
            }
        }
        for (int c = r * coresPerRouter; c < (r + 1) * coresPerRouter; c++) {
            if (queueHead[c] >= 0) {
                next = Math.min(next, packets.created[queueHead[c]]);
            }
        }
        return next;
    }

    // ---- phase 1: decide, reading committed state only ------------------------------------

    private void arbitrate(int r) {
        int base = r * ports;
        int ready = 0;
        int wanted = 0;
        for (int i = 0; i < ports; i++) {
            request[i] = -1;
            int f = base + i;
            if (fifos.count(f) > 0) {
                if (fifos.headReady(f) <= now) {
                    request[i] = route(r, fifos.headPacket(f));
                }
            } else if (i >= DIRECTIONS && cfg.injectionCycles() == 0) {
                request[i] = bypassRequest(r, r * coresPerRouter + i - DIRECTIONS);
            }
            if (request[i] >= 0) {
                ready++;
                wanted |= 1 << request[i];
            }
        }
        int granted = ready == 0 ? 0 : grantOutputs(r, base, wanted);
        stats.stalls += ready - granted;
        boolean sourceReady = false;
        for (int slot = 0; slot < coresPerRouter; slot++) {
            int core = r * coresPerRouter + slot;
            int id = queueHead[core];
            if (id >= 0 && packets.created[id] <= now) {
                sourceReady = true;
                if (fifos.hasRoom(base + DIRECTIONS + slot) && request[DIRECTIONS + slot] != Integer.MIN_VALUE) {
                    addMove(-1 - core, -1);
                }
            }
        }
        // nothing ready here: sleep until a packet arrives at a head or is created (pushes wake it earlier)
        wake[r] = ready > 0 || sourceReady ? now + 1 : nextEventAt(r);
    }

    /** With zero injection cycles a queued packet may go straight from its core to an output. */
    private int bypassRequest(int r, int core) {
        int id = queueHead[core];
        if (id < 0 || packets.created[id] > now) {
            return -1;
        }
        int dst = packets.dst[id];
        return route(r, Packet.pack(id, dst / coresPerRouter, dst % coresPerRouter));
    }

    /** Grants each requested output (bit o of {@code wanted}) to one requester, round-robin; returns the grants. */
    private int grantOutputs(int r, int base, int wanted) {
        int granted = 0;
        for (int left = wanted; left != 0; left &= left - 1) {
            int o = Integer.numberOfTrailingZeros(left);
            if (o < DIRECTIONS) {
                int d = links.downstream[r * DIRECTIONS + o];
                if (d < 0 || !fifos.hasRoom(d)) {
                    continue;
                }
            }
            int start = roundRobin[base + o];
            for (int k = 0; k < ports; k++) {
                int i = start + k < ports ? start + k : start + k - ports;
                if (request[i] == o) {
                    roundRobin[base + o] = i + 1 < ports ? i + 1 : 0;
                    granted++;
                    if (i >= DIRECTIONS && fifos.count(base + i) == 0) {
                        // a bypassing packet: injected and granted in this cycle
                        addMove(-1 - (r * coresPerRouter + i - DIRECTIONS), o);
                        request[i] = Integer.MIN_VALUE;
                    } else {
                        addMove(base + i, o);
                    }
                    break;
                }
            }
        }
        return granted;
    }

    /** The output XY routing ({@link MeshConfig#xyDirection}) takes at router {@code r}, or the core's port there. */
    private int route(int r, long packet) {
        int dst = Packet.router(packet);
        int dir = MeshConfig.xyDirection(routerX[r], routerY[r], routerX[dst], routerY[dst]);
        return dir >= 0 ? dir : DIRECTIONS + Packet.slot(packet);
    }

    private void addMove(int from, int output) {
        if (moveCount + 2 > moves.length) {
            moves = Arrays.copyOf(moves, moves.length * 2);
        }
        moves[moveCount++] = from;
        moves[moveCount++] = output;
    }

    // ---- phase 2: commit ----------------------------------------------------------------

    private void commit(int from, int output) {
        long packet;
        int r;
        if (from < 0) {
            int core = -1 - from;
            r = core / coresPerRouter;
            packet = dequeue(core);
            packets.injected[Packet.id(packet)] = now;
            stats.injected++;
            if (output < 0) {
                push(r * ports + DIRECTIONS + core % coresPerRouter, packet, now + cfg.injectionCycles(), r);
                return;
            }
        } else {
            r = from / ports;
            packet = pop(from, r);
        }
        if (output < DIRECTIONS) {
            int l = r * DIRECTIONS + output;
            stats.countLink(l);
            if (output <= WEST) {
                stats.hopsEastWest++;
            } else {
                stats.hopsNorthSouth++;
            }
            if (links.crossesChip[l]) {
                stats.chipLinkCrossings++;
            }
            int d = links.downstream[l];
            push(d, packet, now + links.hop[l], d / ports);
        } else {
            eject(packet, now + cfg.ejectionCycles());
        }
    }

    private long dequeue(int core) {
        int id = queueHead[core];
        int next = packets.next[id];
        queueHead[core] = next;
        if (next < 0) {
            queueTail[core] = -1;
        }
        load[core / coresPerRouter]--;
        int dst = packets.dst[id];
        return Packet.pack(id, dst / coresPerRouter, dst % coresPerRouter);
    }

    private long pop(int f, int r) {
        load[r]--;
        return fifos.pop(f);
    }

    private void push(int f, long packet, int readyCycle, int r) {
        int held = fifos.push(f, packet, readyCycle);
        stats.noteFifo(r, held);
        load[r]++;
        wake[r] = Math.min(wake[r], readyCycle);
        activate(r);
    }

    private void eject(long packet, int arrival) {
        int id = Packet.id(packet);
        int src = packets.src[id] / coresPerRouter;
        int dst = Packet.router(packet);
        int h = Math.abs(routerX[src] - routerX[dst]) + Math.abs(routerY[src] - routerY[dst]);
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
        if (!active[r]) {
            active[r] = true;
            if (activeCount == activeList.length) {
                activeList = Arrays.copyOf(activeList, activeList.length * 2);
            }
            activeList[activeCount++] = r;
        }
    }

    private void retireIdleRouters() {
        int kept = 0;
        for (int i = 0; i < activeCount; i++) {
            int r = activeList[i];
            if (load[r] > 0) {
                activeList[kept++] = r;
            } else {
                active[r] = false;
                wake[r] = Integer.MAX_VALUE;
            }
        }
        activeCount = kept;
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
        // the XY route: along src's row to the turn (src's row, dst's column), then along the
        // turn's column to dst; coordinates per core, looked up rather than divided out
        int y0 = coreRouterY[srcCore];
        int x0 = coreRouterX[srcCore];
        int x1 = coreRouterX[dstCore];
        int y1 = coreRouterY[dstCore];
        int n = 0;
        int crossings = 0;
        long latency = cfg.injectionCycles() + cfg.ejectionCycles();
        if (x0 != x1) {
            int row = y0 * (width + 1);
            if (x1 > x0) {
                eastDiff[row + x0] += count;
                eastDiff[row + x1] -= count;
            } else {
                westDiff[row + x1 + 1] += count;
                westDiff[row + x0 + 1] -= count;
            }
            markLine(rowsUsed, y0);
            int dx = Math.abs(x1 - x0);
            int cx = Math.abs(chipOfX[x1] - chipOfX[x0]);
            n += dx;
            crossings += cx;
            stats.hopsEastWest += (long) dx * count;
            latency += (long) dx * cfg.hopCyclesEW() + (long) cx * cfg.chipLinkCycles();
        }
        if (y0 != y1) {
            int col = x1 * (height + 1);
            if (y1 > y0) {
                southDiff[col + y0] += count;
                southDiff[col + y1] -= count;
            } else {
                northDiff[col + y1 + 1] += count;
                northDiff[col + y0 + 1] -= count;
            }
            markLine(columnsUsed, x1);
            int dy = Math.abs(y1 - y0);
            int cy = Math.abs(chipOfY[y1] - chipOfY[y0]);
            n += dy;
            crossings += cy;
            stats.hopsNorthSouth += (long) dy * count;
            latency += (long) dy * cfg.hopCyclesNS() + (long) cy * cfg.chipLinkCycles();
        }
        stats.chipLinkCrossings += (long) crossings * count;
        stats.created += count;
        stats.injected += count;
        stats.ejected += count;
        stats.hopTotal += (long) n * count;
        stats.hops.record(n, count);
        stats.packetLatency.record((int) latency, count);
        stats.networkLatency.record((int) latency, count);
    }

    private void markLine(long[] used, int i) {
        used[i >>> 6] |= 1L << (i & 63);
        linesPending = true;
    }

    /** Turns the difference arrays of {@link #recordUncontended} into per-link counts and clears them. */
    private void flushUncontended() {
        linesPending = false;
        for (int w = 0; w < rowsUsed.length; w++) {
            for (long bits = rowsUsed[w]; bits != 0; bits &= bits - 1) {
                int y = (w << 6) + Long.numberOfTrailingZeros(bits);
                int row = y * (width + 1);
                int east = 0;
                int west = 0;
                for (int x = 0; x < width; x++) {
                    east += eastDiff[row + x];
                    west += westDiff[row + x];
                    eastDiff[row + x] = 0;
                    westDiff[row + x] = 0;
                    int r = y * width + x;
                    if (east != 0) {
                        stats.countLink(r * DIRECTIONS + EAST, east);
                    }
                    if (west != 0) {
                        stats.countLink(r * DIRECTIONS + WEST, west);
                    }
                }
                eastDiff[row + width] = 0;
                westDiff[row + width] = 0;
            }
            rowsUsed[w] = 0;
        }
        for (int w = 0; w < columnsUsed.length; w++) {
            for (long bits = columnsUsed[w]; bits != 0; bits &= bits - 1) {
                int x = (w << 6) + Long.numberOfTrailingZeros(bits);
                int col = x * (height + 1);
                int south = 0;
                int north = 0;
                for (int y = 0; y < height; y++) {
                    south += southDiff[col + y];
                    north += northDiff[col + y];
                    southDiff[col + y] = 0;
                    northDiff[col + y] = 0;
                    int r = y * width + x;
                    if (south != 0) {
                        stats.countLink(r * DIRECTIONS + SOUTH, south);
                    }
                    if (north != 0) {
                        stats.countLink(r * DIRECTIONS + NORTH, north);
                    }
                }
                southDiff[col + height] = 0;
                northDiff[col + height] = 0;
            }
            columnsUsed[w] = 0;
        }
    }

    /** "(x,y) east" for a link index. */
    public String linkName(int link) {
        return links.name(link);
    }
}
