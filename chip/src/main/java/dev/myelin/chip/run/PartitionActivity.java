package dev.myelin.chip.run;

import dev.myelin.chip.core.Counter;
import dev.myelin.chip.core.CounterSet;
import dev.myelin.chip.dist.LinkRecords;
import dev.myelin.chip.energy.ActivityRecord;
import dev.myelin.chip.energy.CoreInfo;
import dev.myelin.chip.energy.EnergyProfile;
import dev.myelin.chip.energy.Pricing;
import dev.myelin.chip.energy.Profiles;
import dev.myelin.chip.noc.MeshConfig;
import dev.myelin.chip.plot.RunPlots;
import dev.myelin.chip.sim.Chip;
import dev.myelin.chip.sim.ChipLayout;
import dev.myelin.chip.sim.DeliverySink;
import dev.myelin.chip.sim.EmittedSpikes;
import dev.myelin.chip.sim.SpikeNetwork;
import dev.myelin.chip.timing.ChipClock;
import dev.myelin.chip.timing.MeshNetwork;
import dev.myelin.chip.timing.TimingMode;
import dev.myelin.chip.trace.PerTickCsv;
import dev.myelin.chip.trace.RunRecorder;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.diag.MyelinFailureException;
import dev.myelin.isa.model.NetworkImage;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The activity a partitioned run gathers for {@code --stats}, {@code --per-tick}, {@code --vcd}
 * and {@code --plots} (docs/distributed.md). Each member records, per tick, the counts of its own
 * cores the tick involved (the others repeat their counts) and the packets its cores sent (source
 * core, source neuron, target core); rank 0 replays the ticks of all members through the same
 * code as a single-JVM run: the mesh model in simple timing counts the messages, hops,
 * chip-link crossings and per-link packets and times the tick, {@link ChipActivity} fills the
 * {@link ActivityRecord}, the {@link RunRecorder} prices it, and the per-tick CSV, the VCD, the
 * pictures and the stats are written from it. The packets alone are replayed, not delivered: the
 * members' engines did that.
 */
final class PartitionActivity {
    /** The counters replayed: every one {@link ChipActivity} and the simple timing model read. */
    static final Counter[] COUNTERS = {Counter.NEURON_UPDATES_ACTIVE, Counter.NEURON_UPDATES_INACTIVE,
            Counter.NEURONS_FIRED, Counter.SYNAPTIC_EVENTS_ROUTED, Counter.SYNAPTIC_EVENTS, Counter.LEARNING_UPDATES,
            Counter.TRACE_UPDATES,
            Counter.DEVICE_PULSES, Counter.DEVICE_READS, Counter.DEVICE_WRITE_FJ, Counter.DEVICE_READ_FJ};
    /** Longs per core row: tick, core, then {@link #COUNTERS}. */
    static final int ROW = 2 + COUNTERS.length;
    /** Most longs (rows and packets) a member holds until the end: 128 MiB. */
    static final long MAX_LONGS = 1L << 24;
    private static final int CORE_BITS = 24;
    private static final int NEURON_BITS = 16;

    private PartitionActivity() {
    }

    /** A member's side: its cores' rows and packets, every tick, held until the end. */
    static final class Recorder {
        private final boolean[] owned;
        long[] rows = new long[1024];
        int rowLongs;
        /** Per packet two longs: the tick, then source core, source neuron and target core packed. */
        long[] packets = new long[1024];
        int packetLongs;

        Recorder(boolean[] owned) {
            this.owned = owned;
        }

        private static void check(ChipLayout layout) {
            if (layout.cores() >= 1 << CORE_BITS) {
                throw new MyelinFailureException("a partitioned run gathers activity of at most " + (1 << CORE_BITS)
                        + " cores; this board has " + layout.cores());
            }
            for (int c = 0; c < layout.cores(); c++) {
                if (layout.neurons(c) > 1 << NEURON_BITS) {
                    throw new MyelinFailureException("a partitioned run gathers activity of cores of at most "
                            + (1 << NEURON_BITS) + " neurons; core " + layout.core(c) + " has " + layout.neurons(c));
                }
            }
        }

        /** The member's network, recording the packets of its cores before routing them. */
        SpikeNetwork.Factory wrap(SpikeNetwork.Factory inner) {
            return layout -> {
                check(layout);
                SpikeNetwork net = inner.create(layout);
                return (tick, spikes, sink) -> {
                    packets(tick, spikes);
                    net.route(tick, spikes, sink);
                };
            };
        }

        private void packets(long tick, EmittedSpikes spikes) {
            for (int c = spikes.nextSender(0); c < spikes.cores(); c = spikes.nextSender(c + 1)) {
                int n = spikes.packets(c);
                if (n == 0 || !owned[c]) {
                    continue;
                }
                packets = room(packets, packetLongs, 2L * n);
                for (int k = 0; k < n; k++) {
                    packets[packetLongs++] = tick;
                    packets[packetLongs++] = (long) c << (NEURON_BITS + CORE_BITS)
                            | (long) spikes.sourceNeuron(c, k) << CORE_BITS | spikes.targetCore(c, k);
                }
            }
        }

        /** After the chip stepped tick {@code t}: the counts of its own cores the tick involved. */
        void tick(Chip chip, long t) {
            CounterSet k = chip.lastTickCounters();
            int n = chip.lastTickCores();
            rows = room(rows, rowLongs, (long) ROW * n);
            for (int i = 0; i < n; i++) {
                int c = chip.lastTickCore(i);
                if (!owned[c]) {
                    continue;
                }
                rows[rowLongs++] = t;
                rows[rowLongs++] = c;
                for (Counter x : COUNTERS) {
                    rows[rowLongs++] = k.get(c, x);
                }
            }
        }

        private long[] room(long[] a, int used, long more) {
            long need = used + more;
            if ((long) rowLongs + packetLongs + more > MAX_LONGS) {
                throw new MyelinFailureException("a partitioned run with --stats, --per-tick, --vcd or --plots keeps "
                        + "every core's activity and every packet until the end: at most " + MAX_LONGS + " values per "
                        + "member, exceeded; run fewer ticks or leave these outputs out");
            }
            return need <= a.length ? a : Arrays.copyOf(a, (int) Math.max(need, Math.min(MAX_LONGS, 2L * a.length)));
        }

        long[] rows() {
            return Arrays.copyOf(rows, rowLongs);
        }

        long[] packets() {
            return Arrays.copyOf(packets, packetLongs);
        }
    }

    /** What rank 0's replay produced: the run's result for the summary. */
    record Replayed(RunResult result) {
    }

    /**
     * Rank 0: replays every member's ticks and writes the outputs of {@code o} that need the whole
     * board (per-tick CSV, VCD, stats, pictures), naming them in {@code written}.
     *
     * @param chip     rank 0's chip: the layout (the neurons' state is not read)
     * @param image    the whole network, as the single-JVM run loads it
     * @param rows     per member, {@link Recorder#rows()}
     * @param packets  per member, {@link Recorder#packets()}
     * @param spikes   per member, its cores' spikes (tick, core << 16 | neuron), in tick then core order
     * @param probeV   per probe (in the order of {@code probes}), V after every tick
     */
    static Replayed replay(RunOptions o, Chip chip, NetworkImage image, long ticks, List<long[]> rows,
                           List<long[]> packets, List<LinkRecords> spikes, ProbeSet probes, int[][] probeV,
                           double wallSeconds, long seed, PrintWriter err, List<Path> written) {
        Architecture arch = image.arch();
        EnergyProfile profile = Profiles.resolve(o.profile() != null ? o.profile() : arch.energyProfile());
        String family = Profiles.familyWarning(profile, arch);
        if (family != null) {
            err.println("myelin run: warning: " + family);
        }
        ChipLayout layout = chip.layout();
        int cores = layout.cores();
        MeshNetwork.Factory factory = MeshNetwork.factory(TimingMode.SIMPLE);
        factory.create(layout);
        MeshNetwork mesh = factory.network();
        List<CoreInfo> info = ChipActivity.cores(chip);
        Pricing pricing = Pricing.forBoard(profile, info, arch);
        ActivityRecord record = new ActivityRecord(info, pricing);
        RunRecorder rec = new RunRecorder(info, pricing, record, new ChipClock(arch), image.dtMs(), o.sampleTicks(),
                o.stats() != null);
        PopulationMap names = new PopulationMap(image, layout);
        Ticks tick = new Ticks(cores, rows, packets, spikes, probeV);
        ChipActivity activity = new ChipActivity(tick, record, mesh);
        PerTickCsv perTick = null;
        VcdTrace vcd = null;
        try {
            perTick = o.perTick() == null ? null : new PerTickCsv(o.perTick(), image.dtMs());
            vcd = o.vcd() == null ? null : new VcdTrace(o.vcd(), chip, tick, names, probes.probes(), mesh);
        } catch (RuntimeException | Error e) {
            if (perTick != null) {
                perTick.abort();
            }
            throw e;
        }
        PlotCollector plots = o.plots() == null ? null : new PlotCollector(image, layout, names, probes, o.plotTicks(),
                o.ticks());
        if (perTick != null) {
            rec.sink(perTick);
        }
        long[] popSpikes = new long[names.names().size()];
        long otherSpikes = 0;
        DeliverySink discard = new DeliverySink() {
            @Override
            public void deliver(int core, int axon, long dueTick) {
            }

            @Override
            public void deliver(int core, int axon, long dueTick, long arrivalTick) {
            }
        };
        try {
            for (long t = 0; t < ticks; t++) {
                tick.next(t);
                mesh.route(t, tick, discard);
                activity.countLastTick();
                rec.tick(t, mesh.lastTick().ns());
                for (int i = 0; i < tick.firedCores; i++) {
                    int c = tick.firedCore[i];
                    for (int k = 0; k < tick.fired[c]; k++) {
                        int j = tick.firedNeuron[tick.firedAt[c] + k];
                        int p = names.population(c, j);
                        if (p >= 0) {
                            popSpikes[p]++;
                        } else {
                            otherSpikes++;
                        }
                        if (plots != null) {
                            plots.spike(t, c, j);
                        }
                    }
                }
                if (vcd != null) {
                    vcd.tick(t, record.rows(), rec.lastChipTickNs());
                }
                if (plots != null) {
                    long at = t;
                    plots.probeTick(t, k -> probeV[k][(int) at]);
                }
            }
        } catch (RuntimeException | Error e) {
            if (perTick != null) {
                perTick.abort();
            }
            if (vcd != null) {
                vcd.abort();
            }
            throw e;
        }
        RunResult r = RunSession.result(o, rec, rec.counts(), wallSeconds, -1, arch, names.names(), popSpikes, otherSpikes,
                mesh, written, null);
        if (perTick != null) {
            perTick.commit(false, rec.ticks());
            written.add(o.perTick());
        }
        if (vcd != null) {
            vcd.commit(rec.ticks(), false);
            written.add(o.vcd());
        }
        if (o.stats() != null) {
            RunSession.writeStats(o, r, r.counts(), mesh, layout, profile, seed, written);
        }
        if (plots != null) {
            MeshConfig region = mesh.mesh().config();
            written.addAll(RunPlots.write(o.plots(), plots.data(o.network().getFileName().toString(), image.dtMs(),
                    rec.ticks(), PlotCollector.synEventsPerRouter(chip, rec.coreTotals(), region),
                    mesh.traffic().linkPackets(), region, rec.tickTimes()), () -> false));
        }
        return new Replayed(r);
    }

    /**
     * One replayed tick: the involved cores and every core's counts ({@link ChipActivity.Tick}),
     * the packets in core then packet order ({@link EmittedSpikes}; every core may have sent) and
     * the spikes and probe values ({@link VcdTrace.View}), merged from the members' records.
     */
    private static final class Ticks implements ChipActivity.Tick, EmittedSpikes, VcdTrace.View {
        private final List<long[]> rows;
        private final List<long[]> packets;
        private final List<LinkRecords> spikes;
        private final int[][] probeV;
        private final int[] rowAt;
        private final int[] packetAt;
        private final int[] spikeAt;
        private final CounterSet counts;
        private final int[] involved;
        private int involvedCount;
        // packets of this tick, per core: count and offset into source/target
        private final int[] sent;
        private final int[] sentAt;
        private final int[] senders;
        private int senderCount;
        private int[] source = new int[256];
        private int[] target = new int[256];
        // spikes of this tick, per core
        final int[] fired;
        final int[] firedAt;
        final int[] firedCore;
        int firedCores;
        int[] firedNeuron = new int[256];
        private long tick;

        Ticks(int cores, List<long[]> rows, List<long[]> packets, List<LinkRecords> spikes, int[][] probeV) {
            this.rows = rows;
            this.packets = packets;
            this.spikes = spikes;
            this.probeV = probeV;
            rowAt = new int[rows.size()];
            packetAt = new int[packets.size()];
            spikeAt = new int[spikes.size()];
            counts = new CounterSet(cores);
            involved = new int[cores];
            sent = new int[cores];
            sentAt = new int[cores];
            senders = new int[cores];
            fired = new int[cores];
            firedAt = new int[cores];
            firedCore = new int[cores];
        }

        /** Takes tick {@code t} from every member's records (members own disjoint cores). */
        void next(long t) {
            tick = t;
            involvedCount = 0;
            for (int m = 0; m < rows.size(); m++) {
                long[] r = rows.get(m);
                int at = rowAt[m];
                while (at < r.length && r[at] == t) {
                    int c = (int) r[at + 1];
                    for (int x = 0; x < COUNTERS.length; x++) {
                        counts.set(c, COUNTERS[x], r[at + 2 + x]);
                    }
                    involved[involvedCount++] = c;
                    at += ROW;
                }
                rowAt[m] = at;
            }
            Arrays.sort(involved, 0, involvedCount);
            for (int i = 0; i < senderCount; i++) {
                sent[senders[i]] = 0;
            }
            senderCount = 0;
            int n = 0;
            for (int m = 0; m < packets.size(); m++) {
                long[] p = packets.get(m);
                int at = packetAt[m];
                while (at < p.length && p[at] == t) {
                    long v = p[at + 1];
                    int c = (int) (v >>> (NEURON_BITS + CORE_BITS));
                    if (sent[c] == 0) {
                        senders[senderCount++] = c;
                        sentAt[c] = n;
                    }
                    if (n == source.length) {
                        source = Arrays.copyOf(source, 2 * n);
                        target = Arrays.copyOf(target, 2 * n);
                    }
                    // a member's packets of a core are contiguous, in the engine's order
                    source[n] = (int) (v >>> CORE_BITS) & ((1 << NEURON_BITS) - 1);
                    target[n] = (int) (v & ((1 << CORE_BITS) - 1));
                    sent[c]++;
                    n++;
                    at += 2;
                }
                packetAt[m] = at;
            }
            for (int i = 0; i < firedCores; i++) {
                fired[firedCore[i]] = 0;
            }
            firedCores = 0;
            n = 0;
            for (int m = 0; m < spikes.size(); m++) {
                LinkRecords s = spikes.get(m);
                int at = spikeAt[m];
                while (at < s.size() && s.first(at) == t) {
                    int c = (int) (s.second(at) >>> 16);
                    if (fired[c] == 0) {
                        firedCore[firedCores++] = c;
                        firedAt[c] = n;
                    }
                    if (n == firedNeuron.length) {
                        firedNeuron = Arrays.copyOf(firedNeuron, 2 * n);
                    }
                    firedNeuron[n++] = (int) (s.second(at) & 0xFFFF);
                    fired[c]++;
                    at++;
                }
                spikeAt[m] = at;
            }
            // the single-JVM run reads the spikes in core order
            Arrays.sort(firedCore, 0, firedCores);
        }

        // ---- ChipActivity.Tick ----
        @Override
        public int involvedCores() {
            return involvedCount;
        }

        @Override
        public int involvedCore(int i) {
            return involved[i];
        }

        @Override
        public CounterSet counters() {
            return counts;
        }

        // ---- EmittedSpikes ----
        @Override
        public int cores() {
            return counts.cores();
        }

        @Override
        public int packets(int core) {
            return sent[core];
        }

        @Override
        public int sourceNeuron(int core, int k) {
            return source[sentAt[core] + k];
        }

        @Override
        public int targetCore(int core, int k) {
            return target[sentAt[core] + k];
        }

        @Override
        public int targetAxon(int core, int k) {
            return 0;
        }

        @Override
        public int delay(int core, int k) {
            return 1; // delivered nowhere (the members' engines delivered it): off any chip link at once
        }

        @Override
        public CounterSet tickCounters() {
            return counts;
        }

        // ---- VcdTrace.View ----
        @Override
        public int firedCount(int core) {
            return fired[core];
        }

        @Override
        public int fired(int core, int k) {
            return firedNeuron[firedAt[core] + k];
        }

        @Override
        public int probeV(int i) {
            return probeV[i][(int) tick];
        }
    }
}
