package dev.myelin.chip.dist;

import dev.myelin.chip.sim.DeliverySink;
import dev.myelin.chip.sim.EmittedSpikes;
import dev.myelin.chip.sim.SpikeNetwork;

/**
 * The ideal network of a board whose chip-to-chip links are fixed-latency channels owned by the
 * receiving chip's partition. A packet between two cores of one chip is delivered at once, due
 * {@code tick + delay} (as {@code DirectNetwork}). A packet that crosses a chip boundary goes
 * onto the link as a record (due tick, target core, axon, source core, source neuron) and
 * reaches the target's delay buffer in the routing phase of the tick before it is due, in merge
 * order: every record due in tick T, sorted by (due tick, target core, axon, source core, source
 * neuron), is delivered during {@code route(T - 1)}: the rule of the plain engine's
 * {@link dev.myelin.chip.sim.ChipLinks}, so spikes, neuron state and counters are those of the
 * direct network.
 *
 * <p>Partitioned, each member runs the same network over its own cores: it routes the packets of
 * the cores it owns, keeps the records for its own cores, and every {@code window} ticks swaps
 * the others through the {@link SpikeExchange}. A record sent in tick t of the window
 * {@code [w, w + D)} is due at {@code t + delay >= w + D} when D is at most the smallest delay of
 * a route between partitions, so it is on its owner's link before the routing phase that
 * delivers it: the same deliveries in the same order, hence the same results, for any partition
 * count and any such D, one JVM included.
 */
public final class BoardLinks implements SpikeNetwork {
    private final PartitionPlan plan;
    private final SpikeExchange exchange;
    private final int window;
    private final int rank;
    private final boolean[] owned;
    private final LinkRecords[] out;
    private final LinkRecords[] in;
    /** Records on this member's links, in merge order; {@link #head} is the next one due. */
    private final LinkRecords queue = new LinkRecords(256);
    private final LinkRecords scratch = new LinkRecords(256);
    private int head;
    private long windows;
    private long recordsSent;
    private long recordsReceived;
    private long exchangeNanos;

    /**
     * @param window ticks per exchange, 1 .. the plan's smallest delay between partitions
     *               (checked by the caller: {@link PartitionPlan#minCrossDelay})
     */
    public BoardLinks(PartitionPlan plan, SpikeExchange exchange, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window " + window);
        }
        this.plan = plan;
        this.exchange = exchange;
        this.window = window;
        this.rank = exchange.rank();
        this.owned = plan.owned(rank);
        int k = plan.partitions();
        out = new LinkRecords[k];
        in = new LinkRecords[k];
        for (int p = 0; p < k; p++) {
            out[p] = new LinkRecords();
            in[p] = new LinkRecords();
        }
    }

    /** A factory for {@code ChipOptions.withNetwork}. */
    public SpikeNetwork.Factory factory() {
        return layout -> {
            if (layout.cores() != plan.cores()) {
                throw new IllegalArgumentException("plan for " + plan.cores() + " cores, chip has " + layout.cores());
            }
            return this;
        };
    }

    @Override
    public void route(long tick, EmittedSpikes spikes, DeliverySink sink) {
        for (int c = spikes.nextSender(0); c < spikes.cores(); c = spikes.nextSender(c + 1)) {
            if (!owned[c]) {
                continue; // another member runs it; its stand-in here is inert
            }
            int n = spikes.packets(c);
            int chip = plan.chip(c);
            for (int k = 0; k < n; k++) {
                int to = spikes.targetCore(c, k);
                long due = tick + spikes.delay(c, k);
                if (plan.chip(to) == chip) {
                    sink.deliver(to, spikes.targetAxon(c, k), due);
                } else {
                    out[plan.owner(to)].add(LinkRecords.first(due, to),
                            LinkRecords.second(spikes.targetAxon(c, k), c, spikes.sourceNeuron(c, k)));
                }
            }
        }
        keepOwn();
        if ((tick + 1) % window == 0) {
            swap(tick);
        }
        release(tick + 1, sink);
    }

    /** This member's own crossing records (chip to chip inside the partition) join its queue every tick. */
    private void keepOwn() {
        LinkRecords mine = out[rank];
        if (mine.size() > 0) {
            mine.sort(scratch);
            queue.dropAndMerge(head, mine, scratch);
            head = 0;
            mine.clear();
        }
    }

    /** End of a window: sort, swap with the peers, merge every other partition's records for this member into the queue. */
    private void swap(long tick) {
        long start = System.nanoTime();
        for (int p = 0; p < out.length; p++) {
            if (p != rank) {
                out[p].sort(scratch);
                recordsSent += out[p].size();
            }
        }
        exchange.exchange(tick, out, in);
        for (int p = 0; p < in.length; p++) {
            if (p != rank && in[p].size() > 0) {
                recordsReceived += in[p].size();
                // the queue and each partition's records are sorted; merging keeps the merge order
                queue.dropAndMerge(head, in[p], scratch);
                head = 0;
            }
            if (p != rank) {
                out[p].clear();
            }
        }
        windows++;
        exchangeNanos += System.nanoTime() - start;
    }

    /** Delivers the queue's records due in tick {@code due}, in merge order. */
    private void release(long due, DeliverySink sink) {
        int n = queue.size();
        while (head < n) {
            long f = queue.first(head);
            long d = LinkRecords.dueTick(f);
            if (d != due) {
                if (d < due) {
                    throw new IllegalStateException("link record due in tick " + d + " reached at tick " + due
                            + ": the window is longer than a delay between partitions");
                }
                break;
            }
            sink.deliver(LinkRecords.targetCore(f), LinkRecords.axon(queue.second(head)), due);
            head++;
        }
        if (head == n && n > 0) {
            queue.clear();
            head = 0;
        }
    }

    /** Windows swapped so far. */
    public long windows() {
        return windows;
    }

    /** Records sent to other partitions so far. */
    public long recordsSent() {
        return recordsSent;
    }

    /** Records received from other partitions so far. */
    public long recordsReceived() {
        return recordsReceived;
    }

    /** Wall time spent in the swaps (sorting, waiting for peers, merging), ns. */
    public long exchangeNanos() {
        return exchangeNanos;
    }

    public int window() {
        return window;
    }

}
