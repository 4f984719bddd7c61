package dev.myelin.chip.dist;

/**
 * How the members of a partitioned run swap chip-to-chip spikes: once per window of D ticks,
 * every member sends every other member one message (empty or not) and waits for one from each;
 * receiving every peer's window is the barrier. Implementations: {@link #single()} (one member,
 * nothing to send: the single-JVM run) and the JGroups transport of the {@code dist} module.
 * Every wait is bounded: a peer that leaves or stays silent past the transport's hang timeout
 * ends the wait with {@link PartitionLostException}.
 */
public interface SpikeExchange extends AutoCloseable {
    /** This member's rank, 0 .. partitions() - 1. */
    int rank();

    int partitions();

    /**
     * Swaps one window. {@code out[p]} holds the records for partition p, sorted; {@code out[rank()]}
     * is left alone. On return {@code in[p]} holds what partition p sent here (sorted by the
     * sender), for every p other than this rank.
     *
     * @param tick the last tick of the window (names the window in messages and errors)
     * @throws PartitionLostException when a peer left or did not answer in time
     */
    void exchange(long tick, LinkRecords[] out, LinkRecords[] in);

    /**
     * End of run: every member hands its payload; rank 0 gets all of them by rank (its own
     * included) and the others get null.
     *
     * @throws PartitionLostException when a peer left or did not answer in time
     */
    byte[][] gather(long tick, byte[] payload);

    /** Host and port of member {@code rank}, for messages ({@code local} in a single-JVM run). */
    String address(int rank);

    @Override
    void close();

    /** The exchange of a run with one member: nothing to swap. */
    static SpikeExchange single() {
        return new SpikeExchange() {
            @Override
            public int rank() {
                return 0;
            }

            @Override
            public int partitions() {
                return 1;
            }

            @Override
            public void exchange(long tick, LinkRecords[] out, LinkRecords[] in) {
            }

            @Override
            public byte[][] gather(long tick, byte[] payload) {
                return new byte[][] {payload};
            }

            @Override
            public String address(int rank) {
                return "local";
            }

            @Override
            public void close() {
            }
        };
    }
}
