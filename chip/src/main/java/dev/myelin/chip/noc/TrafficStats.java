package dev.myelin.chip.noc;

import java.util.Arrays;
import java.util.Locale;

/**
 * Traffic counters of a mesh since the last {@link #reset()}: messages, hops, per-link
 * packet counts (each direction of each neighbour pair separately), per-router input-FIFO
 * high-water marks, late and dropped spikes per core and per link, stall cycles, and exact
 * histograms of packet latency, network latency and hops. Counters only; pricing them
 * (energy, time) is done elsewhere from these numbers.
 *
 * <p>Link index: {@code router * 4 + direction} is the link leaving {@code router} in
 * {@code direction} ({@link Mesh#EAST}, {@link Mesh#WEST}, {@link Mesh#NORTH}, {@link Mesh#SOUTH}).
 */
public final class TrafficStats {
    private final int routers;
    private final int cores;
    final long[] linkPackets;
    final long[] lateByLink;
    final long[] droppedByLink;
    final long[] lateByCore;
    final long[] droppedByCore;
    final int[] fifoHighWater;
    final ExactHistogram packetLatency = new ExactHistogram();
    final ExactHistogram networkLatency = new ExactHistogram();
    final ExactHistogram hops = new ExactHistogram();
    /**
     * Which links, cores and routers have a non-zero counter since the last reset, as a list and
     * a bit set each, so {@link #reset()} and {@link #add} touch only those: a big mesh
     * (64 x 64 routers) carrying a few packets per tick must not cost a sweep of every link.
     */
    private final Touched touchedLinks;
    private final Touched touchedCores;
    private final Touched touchedRouters;
    long created;
    long injected;
    long ejected;
    long hopTotal;
    long hopsEastWest;
    long hopsNorthSouth;
    long chipLinkCrossings;
    long stalls;
    long late;
    long dropped;

    public TrafficStats(int routers, int cores) {
        this.routers = routers;
        this.cores = cores;
        linkPackets = new long[routers * Mesh.DIRECTIONS];
        lateByLink = new long[routers * Mesh.DIRECTIONS];
        droppedByLink = new long[routers * Mesh.DIRECTIONS];
        lateByCore = new long[cores];
        droppedByCore = new long[cores];
        fifoHighWater = new int[routers];
        touchedLinks = new Touched(routers * Mesh.DIRECTIONS);
        touchedCores = new Touched(cores);
        touchedRouters = new Touched(routers);
    }

    /** Counts one packet over link {@code l}. */
    void countLink(int l) {
        linkPackets[l]++;
        touchedLinks.mark(l);
    }

    /** Counts {@code n} packets over link {@code l}. */
    void countLink(int l, long n) {
        linkPackets[l] += n;
        touchedLinks.mark(l);
    }

    /** Raises router {@code r}'s FIFO high-water mark to {@code held} if higher. */
    void noteFifo(int r, int held) {
        if (held > fifoHighWater[r]) {
            fifoHighWater[r] = held;
            touchedRouters.mark(r);
        }
    }

    public void reset() {
        for (int i = 0; i < touchedLinks.size; i++) {
            int l = touchedLinks.list[i];
            linkPackets[l] = 0;
            lateByLink[l] = 0;
            droppedByLink[l] = 0;
        }
        for (int i = 0; i < touchedCores.size; i++) {
            int c = touchedCores.list[i];
            lateByCore[c] = 0;
            droppedByCore[c] = 0;
        }
        for (int i = 0; i < touchedRouters.size; i++) {
            fifoHighWater[touchedRouters.list[i]] = 0;
        }
        touchedLinks.clear();
        touchedCores.clear();
        touchedRouters.clear();
        packetLatency.reset();
        networkLatency.reset();
        hops.reset();
        created = injected = ejected = hopTotal = hopsEastWest = hopsNorthSouth = chipLinkCrossings = 0;
        stalls = late = dropped = 0;
    }

    /** Adds {@code o}'s counts to these (high-water marks take the maximum). */
    public void add(TrafficStats o) {
        if (o.routers != routers || o.cores != cores) {
            throw new IllegalArgumentException("stats of different meshes");
        }
        for (int k = 0; k < o.touchedLinks.size; k++) {
            int i = o.touchedLinks.list[k];
            linkPackets[i] += o.linkPackets[i];
            lateByLink[i] += o.lateByLink[i];
            droppedByLink[i] += o.droppedByLink[i];
            touchedLinks.mark(i);
        }
        for (int k = 0; k < o.touchedCores.size; k++) {
            int c = o.touchedCores.list[k];
            lateByCore[c] += o.lateByCore[c];
            droppedByCore[c] += o.droppedByCore[c];
            touchedCores.mark(c);
        }
        for (int k = 0; k < o.touchedRouters.size; k++) {
            int r = o.touchedRouters.list[k];
            fifoHighWater[r] = Math.max(fifoHighWater[r], o.fifoHighWater[r]);
            touchedRouters.mark(r);
        }
        packetLatency.add(o.packetLatency);
        networkLatency.add(o.networkLatency);
        hops.add(o.hops);
        created += o.created;
        injected += o.injected;
        ejected += o.ejected;
        hopTotal += o.hopTotal;
        hopsEastWest += o.hopsEastWest;
        hopsNorthSouth += o.hopsNorthSouth;
        chipLinkCrossings += o.chipLinkCrossings;
        stalls += o.stalls;
        late += o.late;
        dropped += o.dropped;
    }

    /** Counts a spike that reached its core after its deadline, on its core and on every link of its path. */
    public void recordLate(int dstCore, int[] pathLinks, int pathLength, boolean droppedToo) {
        late++;
        lateByCore[dstCore]++;
        touchedCores.mark(dstCore);
        for (int i = 0; i < pathLength; i++) {
            lateByLink[pathLinks[i]]++;
            touchedLinks.mark(pathLinks[i]);
        }
        if (droppedToo) {
            dropped++;
            droppedByCore[dstCore]++;
            for (int i = 0; i < pathLength; i++) {
                droppedByLink[pathLinks[i]]++;
            }
        }
    }

    public int routers() { return routers; }
    public int cores() { return cores; }
    /** Messages handed to the mesh (one per firing neuron and destination core). */
    public long messages() { return created; }
    public long injected() { return injected; }
    public long ejected() { return ejected; }
    /** Sum of hops over ejected messages. */
    public long hopTotal() { return hopTotal; }
    /** Packets over east-west links (each packet on each link it crossed). */
    public long hopsEastWest() { return hopsEastWest; }
    /** Packets over north-south links. */
    public long hopsNorthSouth() { return hopsNorthSouth; }
    /** Hops that crossed a chip-to-chip link. */
    public long chipLinkCrossings() { return chipLinkCrossings; }
    /** Packet-cycles spent at the head of an input FIFO, ready, but not granted an output. */
    public long stalls() { return stalls; }
    public long late() { return late; }
    public long dropped() { return dropped; }
    /** Packets over every link, indexed {@code router * 4 + direction} (a new array). */
    public long[] linkPackets() { return linkPackets.clone(); }
    public long linkPackets(int router, int direction) { return linkPackets[router * Mesh.DIRECTIONS + direction]; }
    public long lateOnLink(int router, int direction) { return lateByLink[router * Mesh.DIRECTIONS + direction]; }
    public long droppedOnLink(int router, int direction) { return droppedByLink[router * Mesh.DIRECTIONS + direction]; }
    public long lateAtCore(int core) { return lateByCore[core]; }
    public long droppedAtCore(int core) { return droppedByCore[core]; }
    /** Most packets held at once by any one input FIFO of {@code router}. */
    public int fifoHighWater(int router) { return fifoHighWater[router]; }
    /** Creation to arrival at the core, cycles. */
    public ExactHistogram packetLatency() { return packetLatency; }
    /** Injection into the router to arrival at the core, cycles. */
    public ExactHistogram networkLatency() { return networkLatency; }
    public ExactHistogram hops() { return hops; }

    /** The link with the most packets (lowest index on ties), or -1 when no packet crossed a link. */
    public int busiestLink() {
        int best = -1;
        for (int i = 0; i < linkPackets.length; i++) {
            if (linkPackets[i] > 0 && (best < 0 || linkPackets[i] > linkPackets[best])) {
                best = i;
            }
        }
        return best;
    }

    /**
     * gem5-style lines {@code prefix.name value # description} of the totals, histograms and every
     * link that carried a packet ({@code prefix.link_X_Y_dir.packets}).
     */
    public String statsLines(String prefix, Mesh mesh) {
        StringBuilder sb = new StringBuilder();
        stat(sb, prefix, "messages", messages(), "messages: one per firing neuron and destination core");
        stat(sb, prefix, "injected", injected, "packets injected into routers");
        stat(sb, prefix, "ejected", ejected, "packets delivered to cores");
        stat(sb, prefix, "hops", hopTotal, "link traversals (|dx| + |dy| per message)");
        stat(sb, prefix, "chip_link_crossings", chipLinkCrossings, "hops over chip-to-chip links");
        stat(sb, prefix, "stalls", stalls, "packet-cycles a ready packet waited for an output");
        stat(sb, prefix, "late", late, "spikes arriving in or after their due tick");
        stat(sb, prefix, "dropped", dropped, "late spikes dropped");
        histogram(sb, prefix + ".packet_latency", packetLatency, "cycles from creation to arrival");
        histogram(sb, prefix + ".network_latency", networkLatency, "cycles from injection to arrival");
        histogram(sb, prefix + ".hop_count", hops, "hops per message");
        for (int l = 0; l < linkPackets.length; l++) {
            if (linkPackets[l] > 0) {
                String name = prefix + ".link_" + mesh.linkName(l).replace("(", "").replace(")", "")
                        .replace(',', '_').replace(' ', '_');
                stat(sb, name, "packets", linkPackets[l], "packets over this link");
            }
        }
        return sb.toString();
    }

    private static void stat(StringBuilder sb, String prefix, String name, long value, String description) {
        sb.append(prefix).append('.').append(name).append(' ').append(value).append(" # ").append(description)
                .append('\n');
    }

    private static void histogram(StringBuilder sb, String prefix, ExactHistogram h, String unit) {
        stat(sb, prefix, "count", h.count(), unit);
        stat(sb, prefix, "min", h.min(), unit);
        sb.append(String.format(Locale.ROOT, "%s.mean %.4f # %s\n", prefix, h.mean(), unit));
        stat(sb, prefix, "max", h.max(), unit);
        stat(sb, prefix, "p99", h.percentile(99), unit);
    }

    /** BookSim-labelled summary lines (packet and network latency, hops). */
    public String booksimSummary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Packet latency average = %.4f\n", packetLatency.mean()));
        sb.append("\tminimum = ").append(packetLatency.min()).append('\n');
        sb.append("\tmaximum = ").append(packetLatency.max()).append('\n');
        sb.append(String.format(Locale.ROOT, "Network latency average = %.4f\n", networkLatency.mean()));
        sb.append("\tminimum = ").append(networkLatency.min()).append('\n');
        sb.append("\tmaximum = ").append(networkLatency.max()).append('\n');
        sb.append(String.format(Locale.ROOT, "Hops average = %.4f\n", hops.mean()));
        return sb.toString();
    }

    /** A set of small integers with insertion-ordered listing and O(1) membership, cleared in O(size). */
    private static final class Touched {
        final int[] list;
        final long[] bits;
        int size;

        Touched(int n) {
            list = new int[n];
            bits = new long[(n + 63) >>> 6];
        }

        void mark(int i) {
            long bit = 1L << (i & 63);
            if ((bits[i >>> 6] & bit) == 0) {
                bits[i >>> 6] |= bit;
                list[size++] = i;
            }
        }

        void clear() {
            for (int k = 0; k < size; k++) {
                bits[list[k] >>> 6] = 0;
            }
            size = 0;
        }
    }
}
