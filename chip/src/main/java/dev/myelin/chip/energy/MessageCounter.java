package dev.myelin.chip.energy;

import dev.myelin.chip.noc.MeshConfig;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.CoreImage;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Targets;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts network traffic by SANA-FE's rules from the image's targets: one message per
 * (firing neuron, destination core holding at least one of its targets), 0-hop messages
 * included; hops |dx| + |dy| under XY routing (x first), split east-west / north-south; the
 * hops that cross a chip boundary of the board (chip-to-chip links); and packets per link. Destinations and routes are resolved once at construction; counting a spike
 * allocates nothing and walks no route: it adds the neuron's precomputed hops, and counts the
 * spike, from which {@link #linkPackets} derives the packets per link when asked.
 *
 * <p>Link index {@code router * 4 + direction} over the image's modelled region of the mesh
 * ({@link MeshConfig#region}: {@code router = (y - originY) * width + (x - originX)}), directions
 * east (+x), west, north (-y), south, the mesh router model's convention.
 */
public final class MessageCounter {
    public static final int EAST = 0;
    public static final int WEST = 1;
    public static final int NORTH = 2;
    public static final int SOUTH = 3;

    private final MeshConfig region;
    private final int width;
    private final int originX;
    private final int originY;
    private final int chipRoutersX;
    private final int chipRoutersY;
    private final int[] routerX;
    private final int[] routerY;
    /** Per core c, neuron j: messages {@code msgStart[c][j] .. msgStart[c][j+1]-1}. */
    private final int[][] msgStart;
    private final int[][] msgDest;
    private final int[][] msgDx;
    private final int[][] msgDy;
    /**
     * Per core c, neuron j: what one spike of j adds, summed over its messages: east-west hops,
     * north-south hops, chip-link crossings (routes are fixed, so they are walked once, here).
     */
    private final int[][] spikeHopsEW;
    private final int[][] spikeHopsNS;
    private final int[][] spikeCrossings;
    /** Per core c, neuron j: spikes counted so far; the link packets are derived from them on demand. */
    private final long[][] spikes;
    private final long[] linkPackets;

    public MessageCounter(NetworkImage image) {
        Architecture a = image.arch();
        this.region = MeshConfig.region(image);
        this.width = region.width();
        this.originX = region.originX();
        this.originY = region.originY();
        this.chipRoutersX = a.routersX();
        this.chipRoutersY = a.routersY();
        List<CoreImage> cores = image.cores();
        Map<CoreId, Integer> index = new HashMap<>();
        for (int c = 0; c < cores.size(); c++) {
            index.put(cores.get(c).id(), c);
        }
        int n = cores.size();
        routerX = new int[n];
        routerY = new int[n];
        msgStart = new int[n][];
        msgDest = new int[n][];
        msgDx = new int[n][];
        msgDy = new int[n][];
        spikeHopsEW = new int[n][];
        spikeHopsNS = new int[n][];
        spikeCrossings = new int[n][];
        spikes = new long[n][];
        linkPackets = new long[region.routers() * 4];
        for (int c = 0; c < n; c++) {
            CoreImage ci = cores.get(c);
            routerX[c] = ci.id().x();
            routerY[c] = ci.id().y();
            resolve(c, ci, index, a);
            int neurons = msgStart[c].length - 1;
            spikeHopsEW[c] = new int[neurons];
            spikeHopsNS[c] = new int[neurons];
            spikeCrossings[c] = new int[neurons];
            spikes[c] = new long[neurons];
            long[] hops = new long[3];
            for (int j = 0; j < neurons; j++) {
                java.util.Arrays.fill(hops, 0L);
                for (int k = msgStart[c][j]; k < msgStart[c][j + 1]; k++) {
                    route(routerX[c], routerY[c], msgDx[c][k], msgDy[c][k], hops, null, 0);
                }
                spikeHopsEW[c][j] = Math.toIntExact(hops[0]);
                spikeHopsNS[c][j] = Math.toIntExact(hops[1]);
                spikeCrossings[c][j] = Math.toIntExact(hops[2]);
            }
        }
    }

    private void resolve(int c, CoreImage ci, Map<CoreId, Integer> index, Architecture a) {
        Targets t = ci.targets();
        int neurons = t.neurons();
        int[] start = new int[neurons + 1];
        int[] dest = new int[t.count()];
        int[] dx = new int[t.count()];
        int[] dy = new int[t.count()];
        int m = 0;
        for (int j = 0; j < neurons; j++) {
            Set<CoreId> seen = new LinkedHashSet<>();
            for (int k = t.start()[j]; k < t.start()[j + 1]; k++) {
                CoreId d = new CoreId(ci.id().x() + t.dx()[k], ci.id().y() + t.dy()[k], t.slot()[k]);
                // a target off the board is rejected by the image validator; never route one
                if (a.hasCore(d.x(), d.y(), d.slot()) && seen.add(d)) {
                    dest[m] = index.getOrDefault(d, -1);
                    dx[m] = t.dx()[k];
                    dy[m] = t.dy()[k];
                    m++;
                }
            }
            start[j + 1] = m;
        }
        msgStart[c] = start;
        msgDest[c] = java.util.Arrays.copyOf(dest, m);
        msgDx[c] = java.util.Arrays.copyOf(dx, m);
        msgDy[c] = java.util.Arrays.copyOf(dy, m);
    }

    /**
     * Counts the messages of neuron {@code j} of core {@code c} firing: messages out on
     * {@code c}, messages in on each destination core (in {@code coreCounts}, {@code cores x
     * Activity.COUNT}), hops into {@code hops[0]} (east-west) and {@code hops[1]} (north-south),
     * chip-to-chip link crossings (hops over a chip boundary, part of those) into {@code hops[2]},
     * and one packet on every link of each route.
     */
    public void fired(int c, int j, long[] coreCounts, long[] hops) {
        int[] start = msgStart[c];
        int[] dest = msgDest[c];
        int first = start[j];
        int end = start[j + 1];
        coreCounts[Activity.MESSAGES_OUT.at(c)] += end - first;
        for (int k = first; k < end; k++) {
            int d = dest[k];
            if (d >= 0) {
                coreCounts[Activity.MESSAGES_IN.at(d)]++;
            }
        }
        hops[0] += spikeHopsEW[c][j];
        hops[1] += spikeHopsNS[c][j];
        hops[2] += spikeCrossings[c][j];
        spikes[c][j]++;
    }

    /** Walks one message's XY route: hops and crossings into {@code hops}, {@code times} packets on each link (if links is not null). */
    private void route(int x, int y, int dx, int dy, long[] hops, long[] links, long times) {
        int stepX = dx > 0 ? 1 : -1;
        int dirX = dx > 0 ? EAST : WEST;
        for (int i = 0; i < Math.abs(dx); i++) {
            if (links != null) {
                links[((y - originY) * width + x - originX) * 4 + dirX] += times;
            }
            int next = x + stepX;
            if (next / chipRoutersX != x / chipRoutersX) {
                hops[2]++;
            }
            x = next;
        }
        int stepY = dy > 0 ? 1 : -1;
        int dirY = dy > 0 ? SOUTH : NORTH;
        for (int i = 0; i < Math.abs(dy); i++) {
            if (links != null) {
                links[((y - originY) * width + x - originX) * 4 + dirY] += times;
            }
            int next = y + stepY;
            if (next / chipRoutersY != y / chipRoutersY) {
                hops[2]++;
            }
            y = next;
        }
        hops[0] += Math.abs(dx);
        hops[1] += Math.abs(dy);
    }

    /** Packets that crossed each link so far (index as in the class comment). */
    public long[] linkPackets() {
        java.util.Arrays.fill(linkPackets, 0L);
        long[] hops = new long[3];
        for (int c = 0; c < spikes.length; c++) {
            for (int j = 0; j < spikes[c].length; j++) {
                long times = spikes[c][j];
                if (times == 0) {
                    continue;
                }
                for (int k = msgStart[c][j]; k < msgStart[c][j + 1]; k++) {
                    route(routerX[c], routerY[c], msgDx[c][k], msgDy[c][k], hops, linkPackets, times);
                }
            }
        }
        return linkPackets.clone();
    }

    /** The modelled region the link indices refer to; {@link MeshConfig#linkName} names a link. */
    public MeshConfig region() {
        return region;
    }
}
