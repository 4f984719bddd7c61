package dev.myelin.chip.noc;

import dev.myelin.isa.diag.MyelinInputException;

import java.util.SplittableRandom;

/**
 * One open-loop synthetic-traffic experiment, measured as BookSim does: every node is a
 * Bernoulli source of single-flit packets with an unbounded source queue; the network warms
 * up, the statistics are reset, packets created during the measurement window are tagged,
 * and the run goes on (sources still injecting) until every tagged packet has arrived.
 * A run whose tagged packets do not all arrive within the drain limit, or whose queues hold
 * more than {@link #MAX_QUEUED_PER_NODE} packets per node, is <em>unstable</em>: the network
 * is saturated and its latency is not a number.
 */
public final class SyntheticRun {
    /** Source-queue bound per node beyond which a run is declared unstable. */
    public static final int MAX_QUEUED_PER_NODE = 4096;

    /**
     * @param rate          packets per node per cycle, in [0, 1]
     * @param warmupCycles  cycles simulated before the statistics are reset
     * @param measureCycles the measurement window: packets created in it are tagged
     * @param drainCycles   cycles after the window allowed for the tagged packets to arrive
     */
    public record Settings(TrafficPattern pattern, double rate, long seed,
                           int warmupCycles, int measureCycles, int drainCycles) {
        public Settings {
            if (!(rate >= 0 && rate <= 1)) {
                throw new MyelinInputException("--rate " + rate + " is out of range [0, 1] packets per node per cycle");
            }
            if (warmupCycles < 0 || measureCycles < 1 || drainCycles < 0) {
                throw new MyelinInputException("cycles must be positive (warmup " + warmupCycles + ", measure "
                        + measureCycles + ", drain " + drainCycles + ")");
            }
        }

        public Settings withRate(double r) {
            return new Settings(pattern, r, seed, warmupCycles, measureCycles, drainCycles);
        }
    }

    /**
     * @param rate          the requested injection rate
     * @param offeredRate   packets created in the window per node per cycle
     * @param acceptedRate  packets arriving in the window per node per cycle
     * @param packetLatency creation to arrival of tagged packets, cycles
     * @param networkLatency injection to arrival of tagged packets, cycles
     * @param window        the mesh counters over the measurement window and drain
     * @param cycles        cycles simulated in all ("Time taken")
     * @param zeroLoad      mean zero-load latency of the pattern
     */
    public record Result(double rate, double offeredRate, double acceptedRate, ExactHistogram packetLatency,
                         ExactHistogram networkLatency, ExactHistogram hops, TrafficStats window,
                         long tagged, long taggedArrived, boolean unstable, long cycles, double zeroLoad) {
        /** Saturated by the conventional reading: unstable, or mean latency at least 3x zero-load. */
        public boolean saturated() {
            return unstable || packetLatency.mean() >= 3 * zeroLoad;
        }
    }

    private final MeshConfig cfg;
    private final Settings s;
    private final Mesh mesh;
    private final SplittableRandom rng;
    private final ExactHistogram packetLatency = new ExactHistogram();
    private final ExactHistogram networkLatency = new ExactHistogram();
    private final ExactHistogram hops = new ExactHistogram();
    private long tagged;
    private long taggedArrived;
    private long accepted;
    private int windowStart;
    private int windowEnd;

    private SyntheticRun(MeshConfig cfg, Settings s) {
        if (cfg.coresPerRouter() != 1) {
            throw new IllegalArgumentException("synthetic traffic uses one node per router");
        }
        s.pattern().requireFits(cfg.width(), cfg.height());
        this.cfg = cfg;
        this.s = s;
        this.mesh = new Mesh(cfg);
        this.rng = new SplittableRandom(s.seed());
        mesh.setSink(this::delivered);
    }

    public static Result run(MeshConfig cfg, Settings s) {
        return new SyntheticRun(cfg, s).execute();
    }

    private Result execute() {
        windowStart = s.warmupCycles();
        windowEnd = windowStart + s.measureCycles();
        long queueLimit = (long) MAX_QUEUED_PER_NODE * cfg.routers();
        boolean unstable = false;
        while (mesh.now() < windowEnd || taggedArrived < tagged) {
            if (mesh.now() == windowStart) {
                mesh.stats().reset();
            }
            if (mesh.now() >= windowEnd + (long) s.drainCycles() || mesh.inFlight() > queueLimit) {
                unstable = true;
                break;
            }
            generate(mesh.now() >= windowStart && mesh.now() < windowEnd);
            mesh.step();
        }
        double nodeCycles = (double) cfg.routers() * s.measureCycles();
        return new Result(s.rate(), tagged / nodeCycles, accepted / nodeCycles, packetLatency, networkLatency, hops,
                mesh.stats(), tagged, taggedArrived, unstable, mesh.now(), s.pattern().zeroLoadMean(cfg));
    }

    /** One Bernoulli trial per node, in node order, from the run's single seeded stream. */
    private void generate(boolean measuring) {
        int w = cfg.width();
        int h = cfg.height();
        int now = mesh.now();
        for (int node = 0; node < w * h; node++) {
            if (rng.nextDouble() < s.rate()) {
                int dst = s.pattern().destination(node, w, h, rng);
                mesh.send(node, dst, measuring ? 1 : 0, now);
                if (measuring) {
                    tagged++;
                }
            }
        }
    }

    private void delivered(Mesh m, int id, int arrival) {
        int ejectedAt = m.now();
        if (ejectedAt >= windowStart && ejectedAt < windowEnd) {
            accepted++;
        }
        if (m.tag(id) == 1) {
            taggedArrived++;
            packetLatency.record(arrival - m.createdCycle(id));
            networkLatency.record(arrival - m.injectedCycle(id));
            hops.record(cfg.hops(m.sourceCore(id), m.destinationCore(id)));
        }
    }
}
